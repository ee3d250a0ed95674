// The response bodies the API answers, as zod schemas: THE definition of each body. They are
//   - the OpenAPI document's components (registered below, referenced by $ref);
//   - the serializers' return types (lib/serializers/* return `z.infer` of these, see ./types.ts),
//     so a serializer that adds, drops or retypes a field fails `tsc`;
//   - the dashboard's client types (components that call the API `import type` from ./types.ts);
//   - the contract test's oracle (tests/db/openapi-contract.test.ts parses every real response with
//     them), strict, so a value the types cannot see (a number out of range, an unknown enum member
//     from a string column) fails there.
// Field lists follow the platform API's documented bodies and, for POST /api/leads, the compliance
// endpoint's documented request and response.
import { z } from "zod";
import { ComponentRegistry } from "./builder";

export const components = new ComponentRegistry();
const add = components.add.bind(components);

// ---------- shared pieces ----------

export const Money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('Money as a decimal string with two decimals, e.g. "55.00"');
const Dollars = z
  .number()
  .describe(
    "Money as a JSON number of dollars, e.g. 45.00 (the platform API's ping and ingest, the compliance endpoint's bid)",
  );
const Timestamp = z.iso.datetime().describe("ISO-8601 UTC timestamp");
const Id = z.number().int().positive();
const Role = z.enum(["admin", "buyer", "seller"]);

export const ErrorBody = add(
  "Error",
  z
    .strictObject({
      error: z.strictObject({
        code: z
          .string()
          .describe(
            "Machine-readable code, e.g. validation_failed, unauthorized, forbidden, not_found, already_returned",
          ),
        message: z.string().describe("A sentence for humans"),
        details: z
          .array(
            z.strictObject({
              field: z.string().describe('The field, e.g. "consumerPhone" or "geoTargets.states.0"'),
              issue: z.string(),
            }),
          )
          .optional()
          .describe("One entry per field that is wrong"),
      }),
    })
    .describe(
      "Every JSON error of the platform API (the compliance endpoint POST /api/leads answers in its own seed-001 shape)",
    ),
);

export const MessageBody = add("Message", z.strictObject({ message: z.string() }).describe("A one-line confirmation"));

export const Health = add(
  "Health",
  z
    .strictObject({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) })
    .describe("Liveness and database reachability"),
);

// ---------- auth and keys ----------

export const User = add(
  "User",
  z
    .strictObject({
      id: z.uuid().describe("User id"),
      username: z.string(),
      role: Role,
      fullName: z.string(),
      email: z.string(),
      buyerId: Id.optional().describe("Present for buyer users: the buyer account they act for (use it in ?buyerId=)"),
      sellerId: Id.optional().describe("Present for seller users: the seller account they act for"),
    })
    .describe("The signed-in user as the platform API documents it, plus the account id where the user has one"),
);

export const LoginResponse = add("LoginResponse", z.strictObject({ user: User }));

export const ApiKey = add(
  "ApiKey",
  z
    .strictObject({
      id: z.uuid(),
      name: z.string(),
      prefix: z.string().describe("The first characters of the key, to recognise it"),
      role: z.enum(["buyer", "seller"]).describe("The role requests made with the key act as"),
      buyerId: Id.nullable(),
      sellerId: Id.nullable(),
      status: z.enum(["active", "revoked"]),
      createdAt: Timestamp,
      lastUsedAt: Timestamp.nullable().describe("Updated at most once a minute"),
      revokedAt: Timestamp.nullable(),
    })
    .describe("An API key as its owner sees it: never the secret (shown once, at creation) nor its hash"),
);

export const ApiKeyCreated = add(
  "ApiKeyCreated",
  ApiKey.extend({ key: z.string().describe("The secret key. Shown ONLY in this response: store it now") }).describe(
    "A new API key with its secret",
  ),
);
export const ApiKeyList = add("ApiKeyList", z.array(ApiKey));

export const MeResponse = add(
  "MeResponse",
  z
    .union([
      z.strictObject({ user: User }),
      z.strictObject({ user: z.null(), apiKey: ApiKey }).describe("When called with an API key: the key itself"),
    ])
    .describe("Who is calling"),
);

// ---------- accounts (admin) ----------

export const AdminBuyer = add(
  "AdminBuyer",
  z.strictObject({
    id: Id,
    companyName: z.string(),
    email: z.string().nullable(),
    status: z.enum(["active", "suspended"]),
    balance: Money.describe("Prepaid balance; moves only through the ledger"),
    creditLimit: Money,
    createdAt: Timestamp,
  }),
);
export const AdminBuyerList = add("AdminBuyerList", z.array(AdminBuyer));

export const PayoutRule = add(
  "PayoutRule",
  z
    .discriminatedUnion("kind", [
      z.strictObject({
        kind: z.literal("fixed"),
        amount: Money.describe("Paid per sold lead"),
        allowLoss: z.boolean().describe("Paid even above the lead's revenue"),
      }),
      z.strictObject({
        kind: z.literal("share"),
        sharePercent: z
          .string()
          .regex(/^\d+\.\d{2}$/)
          .describe('Percent of what buyers paid, e.g. "45.00"'),
      }),
      z.strictObject({
        kind: z.literal("as_stated"),
        maxAmount: Money.describe("The most a stated cost may be"),
        allowLoss: z.boolean().describe("Paid even above the lead's revenue"),
      }),
    ])
    .describe("How a seller is paid for a sold lead (unsold and rejected leads pay nothing)"),
);

export const AdminSeller = add(
  "AdminSeller",
  z.strictObject({
    id: Id,
    companyName: z.string(),
    email: z.string().nullable(),
    status: z.enum(["active", "suspended"]),
    balance: Money.describe("What the platform owes the seller"),
    rateLimitPerSecond: z
      .number()
      .int()
      .min(0)
      .nullable()
      .describe(
        "Seller API requests per second (all keys, all instances); 0 = unlimited, null = the server default (SELLER_RATE_LIMIT_PER_SECOND)",
      ),
    payoutRule: PayoutRule.describe("The rule in force (the marketplace default when the seller has none)"),
    payoutRuleSource: z
      .enum(["seller", "default"])
      .describe("seller: set for this seller; default: PAYOUT_DEFAULT_SHARE_BPS"),
    createdAt: Timestamp,
  }),
);
export const AdminSellerList = add("AdminSellerList", z.array(AdminSeller));

// ---------- verticals and intake lists (admin) ----------

export const AdminVertical = add(
  "AdminVertical",
  z
    .strictObject({
      key: z.string().describe("Permanent key (never reused)"),
      name: z.string(),
      subVerticals: z.array(z.string()),
      requiredFields: z
        .array(z.string())
        .describe('Canonical field names every lead of this vertical must carry; "a|b" means either'),
      archived: z.boolean(),
      intakeLists: z.number().int().describe("Intake lists of this vertical (archived included)"),
      campaigns: z.number().int().describe("Buyer campaigns of this vertical"),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    })
    .describe("A vertical the marketplace trades"),
);
export const AdminVerticalList = add("AdminVerticalList", z.array(AdminVertical));

export const AdminIntakeList = add(
  "AdminIntakeList",
  z
    .strictObject({
      id: z.uuid(),
      sellerId: Id,
      sellerName: z.string(),
      name: z.string(),
      vertical: z.string(),
      subVertical: z.string().nullable(),
      acceptedStates: z.array(z.string()).describe("Empty: every state"),
      requiredFields: z.array(z.string()).describe("On top of the vertical's"),
      checks: z.array(z.string()).describe("Compliance checks run (empty: all)"),
      requireTrustedForm: z.boolean(),
      payoutRule: PayoutRule.nullable().describe("The list's own rule; null: the seller's applies"),
      effectivePayoutRule: PayoutRule.describe("The rule posts to this list are paid by"),
      status: z.enum(["active", "paused"]),
      archived: z.boolean(),
      leads: z.number().int().describe("Leads posted to the list"),
      createdAt: Timestamp,
      updatedAt: Timestamp,
    })
    .describe("A seller's intake list"),
);
export const AdminIntakeListList = add("AdminIntakeListList", z.array(AdminIntakeList));

const SpecRule = z.union([
  z.strictObject({ kind: z.literal("fixed"), amountCents: z.number().int(), allowLoss: z.boolean() }),
  z.strictObject({ kind: z.literal("share"), bps: z.number().int() }),
  z.strictObject({ kind: z.literal("as_stated"), maxCents: z.number().int(), allowLoss: z.boolean() }),
]);
const Rejection = z.strictObject({ code: z.string(), message: z.string() });
export const PostingSpec = add(
  "PostingSpec",
  z
    .strictObject({
      title: z.string(),
      list: z.strictObject({
        id: z.uuid(),
        name: z.string(),
        vertical: z.string(),
        subVertical: z.string().nullable(),
        status: z.enum(["active", "paused"]),
      }),
      endpoint: z.string().describe("Where to POST leads"),
      auth: z.string(),
      payout: z.string().describe("The payout rule, in words"),
      payoutRule: SpecRule,
      acceptedStates: z.array(z.string()),
      fields: z.array(
        z.strictObject({
          name: z.string(),
          type: z.string(),
          required: z.boolean(),
          description: z.string(),
          spellings: z.array(z.string()),
        }),
      ),
      checks: z.array(z.strictObject({ check: z.string(), description: z.string(), rejections: z.array(Rejection) })),
      alwaysChecked: z.array(Rejection),
      exampleRequest: z.record(z.string(), z.unknown()),
      responses: z.array(z.strictObject({ title: z.string(), status: z.number().int(), body: z.unknown() })),
      curl: z.string(),
    })
    .describe("An intake list's posting specification (format=json); md and html render the same content"),
);

export const AdminUser = add(
  "AdminUser",
  z.strictObject({
    id: z.uuid(),
    username: z.string(),
    role: Role,
    fullName: z.string(),
    email: z.string(),
    status: z.enum(["active", "suspended"]),
    buyerId: Id.nullable(),
    sellerId: Id.nullable(),
    lastLoginAt: Timestamp.nullable(),
    createdAt: Timestamp,
  }),
);
export const AdminUserList = add("AdminUserList", z.array(AdminUser));

export const BuyerAccount = add(
  "BuyerAccount",
  z
    .strictObject({
      id: Id,
      companyName: z.string(),
      email: z.string().nullable(),
      status: z.enum(["active", "suspended"]),
      balance: Money.describe("Prepaid balance: the sum of the buyer's transactions"),
      creditLimit: Money.describe("How far below zero the balance may go"),
      availableFunds: Money.describe("balance + creditLimit: a sale that needs more does not happen"),
      createdAt: Timestamp,
    })
    .describe("A buyer's money account"),
);

export const SellerAccount = add(
  "SellerAccount",
  z
    .strictObject({
      id: Id,
      companyName: z.string(),
      email: z.string().nullable(),
      status: z.enum(["active", "suspended"]),
      balance: Money.describe("What the platform owes the seller (purchases minus clawbacks and corrections)"),
      createdAt: Timestamp,
    })
    .describe("A seller's payout account"),
);

// ---------- seller API (the platform API's ping and ingest) ----------

export const PingResponse = add(
  "PingResponse",
  z
    .strictObject({
      pingId: z
        .uuid()
        .describe("Post the full lead with this pingId within expiresInSeconds to be paid the pinged price"),
      bidPrice: Dollars.describe("What we would pay for a shared sale (0 when nothing matches)"),
      exclusiveBidPrice: Dollars.describe("What we would pay for an exclusive sale"),
      expiresInSeconds: z.number().int().describe("How long the bid holds (120)"),
      matchCount: z.number().int().min(0).describe("Buyer campaigns that would take the lead"),
    })
    .describe("A price for a lead before it is committed"),
);

export const IngestResponse = add(
  "IngestResponse",
  z
    .strictObject({
      success: z.boolean().describe("false only when the lead was rejected"),
      leadId: z
        .number()
        .int()
        .min(0)
        .describe("The stored lead's id; 0 for a test-mode post (test: true), which stores nothing"),
      status: z.enum(["sold", "unsold", "rejected"]),
      revenue: Dollars.describe("What buyers paid"),
      cost: Dollars.describe("What the seller is paid"),
      margin: Dollars.describe("revenue - cost"),
      buyerId: Id.nullable().describe("The buyer that bought it (the best-paying one on a shared sale)"),
      matchCount: z.number().int().min(0),
      rejectionReasons: z
        .array(z.string())
        .optional()
        .describe("Rejected leads: every reason code (see the table in the docs)"),
      reasons: z.array(z.string()).optional().describe("Same as rejectionReasons (alias)"),
      unsoldReasons: z
        .array(z.strictObject({ campaignId: Id.nullable(), reason: z.string() }))
        .optional()
        .describe(
          "Unsold leads: why each considered campaign did not buy (cap_reached, outbid, ...). Campaigns of the vertical that do not buy the lead's state are one entry with campaignId null and reason geo_mismatch; beyond the 10 best losing bids, the remaining outbid campaigns are one entry with campaignId null",
        ),
      test: z
        .literal(true)
        .optional()
        .describe("Present when the lead was posted with test: true (nothing was sold or stored as sold)"),
    })
    .describe("The pipeline's outcome for one lead"),
);

export const ComplianceSuccess = add(
  "ComplianceSuccess",
  z
    .strictObject({
      success: z.literal(true),
      lead_id: z.string().describe("Our lead id: log it for reconciliation"),
      data: z.strictObject({
        id: z.string(),
        first_name: z.string().nullable(),
        last_name: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        created_at: Timestamp,
      }),
      bid: Dollars.describe("What you are paid for the lead (> 0)"),
      test: z.literal(true).optional(),
    })
    .describe("The compliance endpoint's success: the lead passed every check and was accepted"),
);

export const ComplianceFailure = add(
  "ComplianceFailure",
  z
    .strictObject({
      success: z.literal(false),
      bid: z.literal(0),
      error: z.string().describe('"Phone number failed compliance check with: <sources>"'),
      details: z.strictObject({
        failedSources: z
          .array(z.string())
          .describe(
            "TCPA, Phone Validation, Duplicate Detection, Blacklist, State Eligibility, Required Fields, Authentication, ...",
          ),
        reasons: z.array(z.string()).describe("One sentence per failed check"),
        phoneNumber: z.string().nullable(),
        codes: z
          .array(z.string())
          .optional()
          .describe("The reason codes (additive; the same codes as the rejection table)"),
      }),
    })
    .describe(
      "The compliance endpoint's failure: the lead failed compliance (or the request itself was refused): do not post it downstream",
    ),
);

export const ComplianceResponse = add("ComplianceResponse", z.union([ComplianceSuccess, ComplianceFailure]));

// ---------- leads (buyer API) ----------

const leadBase = {
  id: Id,
  vertical: z.string(),
  consumerName: z.string().nullable(),
  consumerState: z.string().nullable(),
  consumerZip: z.string().nullable(),
  consentRevokedAt: Timestamp.nullable().describe("When the consumer revoked consent (opt-out); stop contacting them"),
  erasedAt: Timestamp.nullable().describe(
    "When the consumer's personal fields were erased (deletion request or retention)",
  ),
};

export const LeadListItemBuyer = add(
  "LeadListItemBuyer",
  z
    .strictObject({
      ...leadBase,
      status: z.enum(["sold", "returned"]).describe("The status of the caller's purchase"),
      revenue: Money.describe("What the caller paid"),
      qualityScore: z.number().int().nullable(),
      createdAt: Timestamp,
    })
    .describe("A purchased lead as its buyer sees it"),
);

export const LeadListItemSeller = add(
  "LeadListItemSeller",
  z
    .strictObject({
      ...leadBase,
      status: z.string(),
      cost: Money.describe("What the seller is paid"),
      qualityScore: z.number().int().nullable(),
      rejectionReasons: z.array(z.string()),
      createdAt: Timestamp,
    })
    .describe("A submission as its seller sees it: every status, with rejection reasons"),
);

export const LeadListItemAdmin = add(
  "LeadListItemAdmin",
  z.strictObject({
    ...leadBase,
    status: z.string(),
    revenue: Money,
    cost: Money,
    margin: Money,
    qualityScore: z.number().int().nullable(),
    rejectionReasons: z.array(z.string()),
    sellerId: Id.nullable(),
    buyerId: Id.nullable(),
    createdAt: Timestamp,
  }),
);

export const LeadList = add(
  "LeadList",
  z
    .array(z.union([LeadListItemBuyer, LeadListItemSeller, LeadListItemAdmin]))
    .describe("Newest first; the next page's cursor is in the X-Next-Cursor header"),
);

const contact = {
  consumerName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  consumerEmail: z.string().nullable(),
  consumerPhone: z.string().nullable(),
  consumerState: z.string().nullable(),
  consumerZip: z.string().nullable(),
  consumerCity: z.string().nullable(),
  consumerAddress: z.string().nullable(),
  dob: z.string().nullable(),
  ageRange: z.string().nullable(),
  incomeBracket: z.string().nullable(),
  homeownerStatus: z.string().nullable(),
  trustedFormCertUrl: z.string().nullable(),
};

const detailCommon = {
  id: Id,
  vertical: z.string(),
  subVertical: z.string().nullable(),
  status: z.string(),
  ...contact,
  leadData: z.unknown().describe("The lead's extra attributes (JSON object)"),
  consent: z.unknown().describe("TCPA consent as sent: { text, timestamp, ip }"),
  qualityScore: z.number().int().nullable(),
  consentRevokedAt: Timestamp.nullable().describe("When the consumer revoked consent (opt-out); stop contacting them"),
  erasedAt: Timestamp.nullable().describe(
    "When the consumer's personal fields were erased (deletion request or retention)",
  ),
  createdAt: Timestamp,
};

export const LeadSale = add(
  "LeadSale",
  z.strictObject({
    id: Id,
    buyerId: Id,
    campaignId: Id,
    campaignName: z.string(),
    price: Money,
    exclusive: z.boolean(),
    status: z.string(),
    soldAt: Timestamp,
    returnDeadline: Timestamp,
    returnable: z.boolean(),
    return: z
      .strictObject({ reason: z.string(), note: z.string().nullable(), creditAmount: Money, returnedAt: Timestamp })
      .nullable(),
  }),
);

// One delivery attempt, the same in a lead's detail (deliveries[].attemptLog) and a delivery's.
export const DeliveryAttempt = add(
  "DeliveryAttempt",
  z
    .strictObject({
      attemptNo: z.number().int(),
      startedAt: Timestamp,
      durationMs: z.number().int().nullable(),
      requestUrl: z.string().nullable().describe("Where the attempt was sent"),
      responseStatus: z.number().int().nullable(),
      responseBody: z.string().nullable().describe("The receiver's answer, trimmed"),
      error: z.string().nullable(),
      outcome: z.string().describe("What the attempt led to, e.g. delivered, retry, dead"),
    })
    .describe("One attempt to deliver a lead or a notice to a buyer"),
);

export const LeadDelivery = add(
  "LeadDelivery",
  z.strictObject({
    id: Id,
    saleId: Id.nullable(),
    method: z.string(),
    event: z
      .enum(["lead.sold", "consent.revoked", "consumer.deleted"])
      .describe("What was sent: the lead, or a consumer-rights notice about it"),
    status: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    deliveredAt: Timestamp.nullable(),
    createdAt: Timestamp,
    attemptLog: z.array(DeliveryAttempt).describe("Every attempt, oldest first"),
  }),
);

export const LeadDetailBuyer = add(
  "LeadDetailBuyer",
  z
    .strictObject({
      ...detailCommon,
      status: z.enum(["sold", "returned"]),
      revenue: Money,
      sale: LeadSale.nullable(),
      sales: z.array(LeadSale),
      deliveries: z.array(LeadDelivery),
    })
    .describe("The full lead for the buyer who bought it"),
);

export const LeadDetailSeller = add(
  "LeadDetailSeller",
  z
    .strictObject({
      ...detailCommon,
      sourceType: z.string().nullable(),
      source: z.string().nullable(),
      intakeListId: z.string().nullable(),
      cost: Money,
      rejectionReasons: z.array(z.string()),
      failedSources: z.array(z.string()),
      soldAt: Timestamp.nullable(),
    })
    .describe("The full submission for the seller who sent it (never buyers or revenue)"),
);

export const LeadDetailAdmin = add(
  "LeadDetailAdmin",
  z.strictObject({
    ...detailCommon,
    sellerId: Id.nullable(),
    buyerId: Id.nullable(),
    campaignId: Id.nullable(),
    sourceType: z.string().nullable(),
    source: z.string().nullable(),
    intakeListId: z.string().nullable(),
    revenue: Money,
    cost: Money,
    margin: Money,
    rejectionReasons: z.array(z.string()),
    failedSources: z.array(z.string()),
    unsoldReasons: z.unknown(),
    matchCount: z.number().int(),
    isTest: z.boolean(),
    soldAt: Timestamp.nullable(),
    sales: z.array(LeadSale),
    deliveries: z.array(LeadDelivery),
  }),
);

export const LeadDetail = add("LeadDetail", z.union([LeadDetailBuyer, LeadDetailSeller, LeadDetailAdmin]));

// ---------- campaigns ----------

export const Campaign = add(
  "Campaign",
  z
    .strictObject({
      id: Id,
      buyerId: Id,
      name: z.string(),
      vertical: z.string(),
      subVertical: z.string().nullable(),
      geoTargets: z.strictObject({ states: z.array(z.string()), zips: z.array(z.string()) }),
      sourceListIds: z.array(z.string()),
      filters: z.unknown().describe("Lead-field filters [{ field, op, value }]"),
      pricePerLead: Money,
      bidType: z.enum(["fixed", "dynamic"]),
      pingUrl: z.string().nullable(),
      dailyCap: z.number().int().nullable(),
      hourlyCap: z.number().int().nullable(),
      weeklyCap: z.number().int().nullable(),
      monthlyCap: z.number().int().nullable(),
      dailyBudget: Money.nullable(),
      schedule: z.unknown().describe("{ timezone, days, startHour, endHour } or null"),
      deliveryMethod: z.enum(["webhook", "http_post", "portal"]),
      deliveryConfig: z.unknown().describe("See DeliveryConfig"),
      hasWebhookSecret: z.boolean().describe("The signing secret itself is shown once (on create or rotate-secret)"),
      pingPostEnabled: z.boolean(),
      exclusive: z.boolean(),
      returnWindowHours: z.number().int(),
      returnCapPercent: z.number().int().nullable(),
      priority: z.number().int(),
      status: z.enum(["active", "paused", "archived"]),
      autoPausedAt: Timestamp.nullable().describe("Set when the circuit breaker paused the campaign"),
      autoPausedReason: z.string().nullable(),
      createdAt: Timestamp,
      updatedAt: Timestamp,
      archivedAt: Timestamp.nullable(),
    })
    .describe("A buyer campaign (the platform API's documented fields plus the rest of its settings)"),
);

export const CampaignWithSecret = add(
  "CampaignWithSecret",
  Campaign.extend({
    webhookSecret: z
      .string()
      .optional()
      .describe('Webhook campaigns: the Standard Webhooks signing secret ("whsec_…"), in this response only'),
  }),
);
export const CampaignList = add("CampaignList", z.array(Campaign));

export const RotatedSecret = add(
  "RotatedSecret",
  z.strictObject({
    campaignId: Id,
    webhookSecret: z.string().describe('"whsec_…"; the previous secret stops verifying at once'),
  }),
);

// ---------- money ----------

export const Transaction = add(
  "Transaction",
  z
    .strictObject({
      id: Id,
      type: z.enum(["lead_sale", "lead_purchase", "return_credit", "adjustment"]),
      leadId: Id.nullable(),
      buyerId: Id.nullable(),
      sellerId: Id.nullable(),
      saleId: Id.nullable(),
      amount: Money.describe("Positive, except adjustments which are signed"),
      status: z.string().describe('"completed"'),
      note: z.string().nullable(),
      createdAt: Timestamp,
    })
    .describe("A ledger entry. Never updated or deleted: corrections are new entries"),
);
export const TransactionList = add(
  "TransactionList",
  z.array(Transaction).describe("Newest first; next page in X-Next-Cursor"),
);

export const CsvExport = add(
  "CsvExport",
  z
    .string()
    .describe(
      "RFC 4180 CSV (CRLF, a header row, commas/quotes/line breaks quoted), streamed. A cell that starts with = + - @ tab or CR is prefixed with an apostrophe (OWASP CSV injection); plain numbers such as -25.00 stay numbers.",
    ),
);

export const Statement = add(
  "Statement",
  z
    .strictObject({
      account: z.strictObject({ type: z.enum(["buyer", "seller"]), id: Id, name: z.string() }),
      from: Timestamp.describe("Period start (inclusive)"),
      to: Timestamp.describe("Period end (exclusive)"),
      openingBalance: Money.describe("The account's balance at `from`: the sum of every earlier ledger entry's effect"),
      categories: z
        .array(
          z.strictObject({
            category: z
              .enum(["purchases", "return_credits", "payouts", "clawbacks", "adjustments"])
              .describe(
                "Buyers: purchases, return_credits, adjustments. Sellers: payouts (accepted leads paid), clawbacks (returned leads' payouts taken back), adjustments",
              ),
            count: z.number().int().min(0),
            amount: Money.describe("Signed effect on the balance (purchases and clawbacks are negative)"),
          }),
        )
        .describe("The period's ledger entries by category"),
      closingBalance: Money.describe("openingBalance + the categories' amounts: the balance at `to`"),
      currentBalance: Money.describe("The account's stored balance now"),
      reconciled: z
        .boolean()
        .describe(
          "The stored balance equals the sum of the account's whole ledger, and closingBalance plus later entries equals it",
        ),
    })
    .describe("A buyer's statement or a seller's payout statement for a period, from the ledger"),
);

export const UnsoldReportRow = add(
  "UnsoldReportRow",
  z
    .strictObject({
      vertical: z.string(),
      state: z.string().nullable().describe("The consumer's state"),
      reason: z
        .string()
        .describe(
          "Why a campaign passed: cap_reached, budget_reached, insufficient_balance, geo_mismatch, filter_mismatch, outside_schedule, source_mismatch, no_bid, buyer_rejected, buyer_timeout, buyer_unavailable…; no_campaign when no campaign considered the lead",
        ),
      leads: z.number().int().min(1).describe("Unsold leads on which at least one campaign passed for this reason"),
      revenueLeft: Money.describe(
        "Per lead, the best pricePerLead (current) among the campaigns that passed for this reason, summed",
      ),
    })
    .describe("One cell of the supply/demand gap report"),
);
export const UnsoldReport = add(
  "UnsoldReport",
  z
    .array(UnsoldReportRow)
    .describe(
      "Largest revenueLeft first. A lead counts once under each reason it was passed for, so rows do not add up across reasons",
    ),
);

// ---------- deliveries ----------

export const Delivery = add(
  "Delivery",
  z.strictObject({
    id: Id,
    leadId: Id,
    saleId: Id.nullable(),
    campaignId: Id,
    buyerId: Id,
    method: z.string(),
    event: z
      .enum(["lead.sold", "consent.revoked", "consumer.deleted"])
      .describe("What is sent: the lead, or a consumer-rights notice { leadId, revokedAt | deletedAt }"),
    target: z.string().nullable(),
    messageId: z.string().nullable().describe("webhook-id / idempotency key the buyer sees"),
    status: z.enum(["pending", "in_progress", "delivered", "failed", "dead"]),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    deliveredAt: Timestamp.nullable(),
    createdAt: Timestamp,
    attemptLog: z
      .array(DeliveryAttempt)
      .optional()
      .describe("Detail and replay responses: every attempt, newest first"),
  }),
);
export const DeliveryList = add(
  "DeliveryList",
  z.strictObject({ deliveries: z.array(Delivery), nextCursor: Id.nullable() }),
);

// ---------- suppressions (admin) ----------

export const Suppression = add(
  "Suppression",
  z.strictObject({
    id: Id,
    kind: z.enum(["dnc", "blacklist", "consumer"]).describe("consumer: the consumer's own opt-out or deletion request"),
    type: z
      .enum(["phone", "email", "ip", "sha256"])
      .describe("sha256: hex digest of a normalised phone or email (consumer entries)"),
    value: z.string(),
    source: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: Timestamp,
  }),
);
export const SuppressionList = add("SuppressionList", z.array(Suppression));
export const SuppressionImport = add(
  "SuppressionImport",
  z.strictObject({
    imported: z.number().int(),
    duplicates: z.number().int(),
    invalid: z.array(z.strictObject({ line: z.number().int(), value: z.string(), issue: z.string() })),
  }),
);

// ---------- consumer rights ----------

export const OptOutReceipt = add(
  "OptOutReceipt",
  z.strictObject({
    reference: z.uuid().describe("Quote it if you write to us about this request"),
    request: z.enum(["stop_contact", "delete"]),
    receivedAt: Timestamp,
    message: z.string().optional().describe("The same sentence whether or not we hold data about the person"),
  }),
);

export const OptOutQueue = add(
  "OptOutQueue",
  z.array(
    z.strictObject({
      id: z.uuid(),
      request: z.enum(["stop_contact", "delete"]),
      channel: z
        .enum(["web", "admin"])
        .describe("web: the public page or API; admin: entered for a consumer who called or wrote"),
      phone: z.string().nullable().describe("Masked: only the last four digits"),
      email: z.string().nullable().describe("Masked: first letter and domain"),
      note: z.string().nullable(),
      leadsRevoked: z.number().int().describe("Leads marked consent-revoked"),
      leadsErased: z.number().int().describe("Leads erased (delete requests)"),
      suppressedAt: Timestamp.nullable(),
      completedAt: Timestamp.nullable(),
      createdAt: Timestamp,
      notices: z
        .array(
          z.strictObject({
            deliveryId: Id,
            event: z.string(),
            buyerId: Id,
            leadId: Id,
            status: z.enum(["pending", "in_progress", "delivered", "failed", "dead"]),
            attempts: z.number().int(),
            deliveredAt: Timestamp.nullable(),
            lastError: z.string().nullable(),
          }),
        )
        .describe("Each buyer notice (consent.revoked / consumer.deleted) and its delivery status"),
    }),
  ),
);

export const DeletionReport = add(
  "DeletionReport",
  z.strictObject({
    id: z.uuid(),
    status: z.enum(["running", "completed", "failed"]),
    received: z.number().int().describe("Non-empty lines"),
    matched: z.number().int().describe("Identifiers that matched stored leads"),
    deleted: z.number().int().describe("Leads erased"),
    notified: z.number().int().describe("consumer.deleted notices queued to buyers"),
    suppressed: z.number().int().describe("Identifiers newly put on the suppression list"),
    badLineCount: z.number().int(),
    badLines: z
      .array(z.strictObject({ line: z.number().int(), issue: z.string() }))
      .describe("The first 1,000 bad lines, by line number"),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
  }),
);
export const DeletionReportList = add("DeletionReportList", z.array(DeletionReport));

export const RetentionSettingsView = add(
  "RetentionSettings",
  z.strictObject({
    soldDays: z.number().int(),
    unsoldDays: z.number().int(),
    consentDays: z.number().int(),
    source: z.enum(["setting", "env"]).describe("setting: saved by an admin; env: the RETENTION_* defaults"),
  }),
);

export const RetentionRun = add(
  "RetentionRun",
  z.strictObject({
    leadsErased: z.number().int(),
    consentErased: z.number().int(),
    idempotencyPruned: z.number().int(),
    batches: z.number().int(),
    durationMs: z.number().int(),
  }),
);

export const ConsentEvidence = add(
  "ConsentEvidence",
  z.strictObject({
    leadId: Id,
    text: z.string().nullable(),
    timestamp: z.string().nullable().describe("As the seller sent it"),
    ip: z.string().nullable(),
    trustedFormCertUrl: z.string().nullable(),
    trustedFormClaim: z
      .enum(["passed", "failed", "none"])
      .describe(
        "failed: the claim was refused (the lead was rejected); passed: a well-formed certificate, claimed when a TrustedForm API is configured",
      ),
    capturedAt: Timestamp,
    consentRevokedAt: Timestamp.nullable(),
    erasedAt: Timestamp.nullable(),
    evidenceErasedAt: Timestamp.nullable(),
    keptUntil: Timestamp.nullable().describe("When retention erases this evidence"),
  }),
);

export const OpenApiDocument = z
  .looseObject({ openapi: z.string(), info: z.unknown(), paths: z.unknown() })
  .describe("This document");
