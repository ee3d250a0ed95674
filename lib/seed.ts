// Demo data: logins, verticals, campaigns, the compliance endpoint's intake list and API key, and a
// few weeks of history so the dashboards have something to show. Idempotent: a database
// that already has users is left alone.
import type { PrismaClient } from "./generated/prisma/client";
import { hashPassword } from "./password";
import { hashApiKey } from "./api-keys";
import { balanceEffect, centsToDecimal, type LedgerType } from "./money";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS = ["admin", "buyer1", "buyer2", "seller1", "seller2"] as const;
/** From the lead-compliance spec (seeds/001): seller1's token and intake list. */
export const SPEC_API_KEY = "be53740f04b40724b950c95d71e2528d";
export const SPEC_LIST_ID = "94ec4eec-d409-422b-abbd-bd9ee35ce08a";
export const SPEC_STATES = ["AL", "AR", "AZ", "IN", "KS", "LA", "MO", "MS", "OH", "SC", "TN", "TX"];
export const SPEC_REQUIRED_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "zipCode",
  "trustedFormCertUrl",
  "listId",
  "campaignId",
  "incomeBracket",
  "state",
  "homeownerStatus",
  "ageRange|dob",
];

export const VERTICALS = [
  {
    key: "home_services",
    name: "Home services",
    subVerticals: ["plumbing", "roofing", "hvac", "electrical", "windows", "solar_install"],
    requiredFields: ["consumerName", "consumerPhone", "consumerState", "consumerZip"],
  },
  {
    key: "auto_insurance",
    name: "Auto insurance",
    subVerticals: ["full_coverage", "liability", "sr22"],
    requiredFields: ["consumerName", "consumerPhone", "consumerEmail", "consumerState", "consumerZip"],
  },
  {
    key: "solar",
    name: "Solar",
    subVerticals: ["residential", "commercial"],
    requiredFields: ["consumerName", "consumerPhone", "consumerState", "consumerZip"],
  },
  {
    key: "debt_relief",
    name: "Debt relief",
    subVerticals: ["credit_card", "personal_loan", "tax"],
    requiredFields: ["consumerName", "consumerPhone", "consumerEmail", "consumerState"],
  },
];

type CampaignSeed = {
  buyer: 0 | 1;
  name: string;
  vertical: string;
  subVertical?: string;
  geoStates: string[];
  geoZips?: string[];
  sourceListIds?: string[];
  pricePerLead: string;
  dailyCap?: number;
  exclusive?: boolean;
  pingPostEnabled?: boolean;
  priority: number;
  status?: "active" | "paused";
  returnWindowHours?: number;
};

const CAMPAIGNS: CampaignSeed[] = [
  {
    buyer: 0,
    name: "CA Plumbing - Exclusive",
    vertical: "home_services",
    subVertical: "plumbing",
    geoStates: ["CA"],
    pricePerLead: "55.00",
    dailyCap: 40,
    exclusive: true,
    pingPostEnabled: true,
    priority: 3,
  },
  {
    buyer: 1,
    name: "LA Metro Plumbing",
    vertical: "home_services",
    subVertical: "plumbing",
    geoStates: ["CA"],
    geoZips: ["90210", "90001", "90024", "90046", "90210", "91301"].filter((z, i, a) => a.indexOf(z) === i),
    pricePerLead: "48.00",
    dailyCap: 25,
    pingPostEnabled: true,
    priority: 2,
  },
  {
    buyer: 1,
    name: "West Coast Home Services",
    vertical: "home_services",
    geoStates: ["CA", "NV", "OR", "WA"],
    pricePerLead: "40.00",
    dailyCap: 60,
    pingPostEnabled: true,
    priority: 1,
  },
  {
    buyer: 0,
    name: "Sun Belt Roofing",
    vertical: "home_services",
    subVertical: "roofing",
    geoStates: ["TX", "AZ", "FL", "GA"],
    pricePerLead: "62.00",
    dailyCap: 30,
    exclusive: true,
    priority: 2,
  },
  {
    buyer: 0,
    name: "Midwest HVAC",
    vertical: "home_services",
    subVertical: "hvac",
    geoStates: ["OH", "IN", "MI", "IL"],
    pricePerLead: "38.00",
    dailyCap: 30,
    priority: 1,
  },
  {
    buyer: 1,
    name: "CA Auto Insurance - Exclusive",
    vertical: "auto_insurance",
    geoStates: ["CA", "NV", "AZ"],
    pricePerLead: "72.00",
    dailyCap: 50,
    exclusive: true,
    pingPostEnabled: true,
    priority: 3,
  },
  {
    buyer: 1,
    name: "National Auto Insurance",
    vertical: "auto_insurance",
    geoStates: [],
    pricePerLead: "24.00",
    dailyCap: 200,
    priority: 1,
  },
  {
    buyer: 0,
    name: "Southwest Solar",
    vertical: "solar",
    geoStates: ["CA", "AZ", "NV", "TX"],
    pricePerLead: "58.00",
    dailyCap: 20,
    priority: 2,
    status: "paused",
  },
  {
    buyer: 1,
    name: "Top of Funnel list - 12 states",
    vertical: "debt_relief",
    geoStates: SPEC_STATES,
    sourceListIds: [SPEC_LIST_ID],
    pricePerLead: "1.25",
    dailyCap: 5000,
    priority: 2,
  },
  {
    buyer: 0,
    name: "Southeast Debt Relief",
    vertical: "debt_relief",
    subVertical: "credit_card",
    geoStates: ["FL", "GA", "NC", "TX"],
    pricePerLead: "30.00",
    dailyCap: 40,
    priority: 1,
  },
];

// Deterministic pseudo-random numbers (mulberry32): the same demo data on every machine.
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Maria",
  "James",
  "Linda",
  "Robert",
  "Patricia",
  "Michael",
  "Jennifer",
  "David",
  "Elizabeth",
  "Carlos",
  "Aisha",
  "Wei",
  "Priya",
  "Tom",
  "Grace",
  "Omar",
];
const LAST = [
  "Garcia",
  "Johnson",
  "Nguyen",
  "Smith",
  "Brown",
  "Martinez",
  "Lee",
  "Walker",
  "Hall",
  "Young",
  "Patel",
  "Khan",
  "Lopez",
  "Clark",
];
const CITY: Record<string, [string, string]> = {
  CA: ["Los Angeles", "90024"],
  NV: ["Las Vegas", "89101"],
  OR: ["Portland", "97201"],
  WA: ["Seattle", "98101"],
  TX: ["Houston", "77002"],
  AZ: ["Phoenix", "85004"],
  FL: ["Miami", "33101"],
  GA: ["Atlanta", "30303"],
  OH: ["Columbus", "43004"],
  IN: ["Indianapolis", "46204"],
  MI: ["Detroit", "48201"],
  IL: ["Chicago", "60601"],
  NC: ["Charlotte", "28202"],
  TN: ["Nashville", "37201"],
  MO: ["St. Louis", "63101"],
  AL: ["Birmingham", "35203"],
};
const REJECTIONS = [
  "invalid_phone_format",
  "fake_phone_number",
  "invalid_email_format",
  "disposable_email",
  "duplicate_lead",
  "missing_field_consumerPhone",
  "state_not_accepted",
];
const RETURN_REASONS = ["disconnected_phone", "wrong_number", "duplicate", "not_interested", "fake_information"];

export type SeedSummary = { seeded: boolean; users: string[] };

export async function seedDemo(db: PrismaClient, opts: { history?: boolean; now?: Date } = {}): Promise<SeedSummary> {
  if ((await db.user.count()) > 0) return { seeded: false, users: [] };
  const now = opts.now ?? new Date();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const buyers = [
    await db.buyer.create({
      data: {
        companyName: "Summit Home Pros",
        email: "billing@summithomepros.example",
        creditLimit: centsToDecimal(100000),
      },
    }),
    await db.buyer.create({
      data: {
        companyName: "Shield Insurance Partners",
        email: "ap@shieldinsurance.example",
        creditLimit: centsToDecimal(50000),
      },
    }),
  ];
  const sellers = [
    // Explicit payout rules (lib/pipeline/payout.ts). Top of Funnel states its cost per lead (the platform API
    // documentation's ingest posts "cost": "28.00"), up to $50.00 and never above what the lead sold for; BlueSky is paid 45%
    // of what buyers pay. The compliance list below overrides Top of Funnel's rule with a fixed price.
    await db.seller.create({
      data: {
        companyName: "Top of Funnel LLC",
        email: "ops@topoffunnel.example",
        payoutKind: "as_stated",
        payoutAmount: centsToDecimal(5000),
      },
    }),
    await db.seller.create({
      data: {
        companyName: "BlueSky Media",
        email: "partners@bluesky.example",
        payoutKind: "share",
        payoutShareBps: 4500,
      },
    }),
  ];

  const users = [
    { username: "admin", role: "admin" as const, fullName: "Avery Admin", email: "admin@titanleads.example" },
    {
      username: "buyer1",
      role: "buyer" as const,
      fullName: "Bailey Buyer",
      email: "buyer1@summithomepros.example",
      buyerId: buyers[0].id,
    },
    {
      username: "buyer2",
      role: "buyer" as const,
      fullName: "Blake Buyer",
      email: "buyer2@shieldinsurance.example",
      buyerId: buyers[1].id,
    },
    {
      username: "seller1",
      role: "seller" as const,
      fullName: "Sam Seller",
      email: "seller1@topoffunnel.example",
      sellerId: sellers[0].id,
    },
    {
      username: "seller2",
      role: "seller" as const,
      fullName: "Sydney Seller",
      email: "seller2@bluesky.example",
      sellerId: sellers[1].id,
    },
  ];
  for (const u of users) await db.user.create({ data: { ...u, passwordHash } });

  for (const v of VERTICALS) await db.vertical.create({ data: v });

  await db.apiKey.create({
    data: {
      name: "Compliance API (spec token)",
      prefix: SPEC_API_KEY.slice(0, 8),
      hash: hashApiKey(SPEC_API_KEY),
      sellerId: sellers[0].id,
    },
  });
  await db.intakeList.create({
    data: {
      id: SPEC_LIST_ID,
      sellerId: sellers[0].id,
      name: "Top of Funnel - compliance list",
      vertical: "debt_relief",
      acceptedStates: SPEC_STATES,
      requiredFields: SPEC_REQUIRED_FIELDS,
      checks: ["tcpa_dnc", "phone_validation", "duplicate", "blacklist", "state"],
      requireTrustedForm: true,
      payoutKind: "fixed",
      payoutAmount: centsToDecimal(35),
    },
  });

  const campaigns = [];
  for (const c of CAMPAIGNS) {
    campaigns.push(
      await db.buyerCampaign.create({
        data: {
          buyerId: buyers[c.buyer].id,
          name: c.name,
          vertical: c.vertical,
          subVertical: c.subVertical,
          geoStates: c.geoStates,
          geoZips: c.geoZips ?? [],
          sourceListIds: c.sourceListIds ?? [],
          pricePerLead: c.pricePerLead,
          dailyCap: c.dailyCap,
          exclusive: c.exclusive ?? false,
          pingPostEnabled: c.pingPostEnabled ?? false,
          priority: c.priority,
          status: c.status ?? "active",
          returnWindowHours: c.returnWindowHours ?? 48,
          deliveryMethod: "portal",
        },
      }),
    );
  }

  // Opening prepaid deposits, as ledger adjustments, so balances always equal the ledger.
  const ledger: {
    type: LedgerType;
    amountCents: number;
    buyerId?: number;
    sellerId?: number;
    leadId?: number;
    saleId?: number;
    note?: string;
    createdAt: Date;
  }[] = [];
  const start = new Date(now.getTime() - 22 * 86_400_000);
  ledger.push({
    type: "adjustment",
    amountCents: 2_500_000,
    buyerId: buyers[0].id,
    note: "Opening prepaid deposit",
    createdAt: start,
  });
  ledger.push({
    type: "adjustment",
    amountCents: 1_500_000,
    buyerId: buyers[1].id,
    note: "Opening prepaid deposit",
    createdAt: start,
  });

  if (opts.history !== false) {
    const rand = rng(20261122);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const active = campaigns.filter((c) => c.status === "active" && c.sourceListIds.length === 0);
    let phoneSeq = 2000;
    for (let day = 21; day >= 1; day--) {
      const perDay = 10 + Math.floor(rand() * 8);
      for (let i = 0; i < perDay; i++) {
        const createdAt = new Date(now.getTime() - day * 86_400_000 + Math.floor(rand() * 80_000_000));
        const seller = sellers[rand() < 0.6 ? 0 : 1];
        const campaign = pick(active);
        const state = campaign.geoStates.length ? pick(campaign.geoStates) : pick(Object.keys(CITY));
        const [city, zip] = CITY[state] ?? ["Springfield", "62701"];
        const first = pick(FIRST);
        const last = pick(LAST);
        const phone = `${pick(["312", "415", "512", "602", "713", "305", "404", "614"])}555${String(phoneSeq++).padStart(4, "0")}`;
        const email = `${first}.${last}${phoneSeq}@example.com`.toLowerCase();
        const roll = rand();
        const status = roll < 0.72 ? "sold" : roll < 0.84 ? "unsold" : "rejected";
        const price = Math.round(Number(campaign.pricePerLead) * 100);
        const costCents = status === "rejected" ? 0 : Math.round(price * (0.45 + rand() * 0.15));
        const lead = await db.lead.create({
          data: {
            sellerId: seller.id,
            sourceType: pick(["arb_purchase", "owned_media", "call_center"]),
            vertical: campaign.vertical,
            subVertical: campaign.subVertical,
            consumerName: `${first} ${last}`,
            firstName: first,
            lastName: last,
            consumerEmail: email,
            consumerPhone: phone,
            normalizedPhone: phone,
            normalizedEmail: email,
            consumerState: state,
            consumerZip: campaign.geoZips[0] ?? zip,
            consumerCity: city,
            leadData: { homeowner: rand() < 0.7, project_type: pick(["repair", "replace", "install"]) },
            consent: {
              text: "By submitting this form, I agree to be contacted by Titan Lead Group partners.",
              timestamp: createdAt.toISOString(),
              ip: "73.162.10.20",
            },
            status,
            rejectionReasons: status === "rejected" ? [pick(REJECTIONS)] : [],
            unsoldReasons:
              status === "unsold"
                ? [{ code: "no_matching_campaign", message: "No active campaign had capacity for this lead" }]
                : [],
            matchCount: status === "sold" ? 1 + Math.floor(rand() * 3) : 0,
            qualityScore: status === "rejected" ? 0 : 60 + Math.floor(rand() * 40),
            revenue: centsToDecimal(status === "sold" ? price : 0),
            cost: centsToDecimal(status === "sold" ? costCents : 0),
            margin: centsToDecimal(status === "sold" ? price - costCents : 0),
            buyerId: status === "sold" ? campaign.buyerId : null,
            campaignId: status === "sold" ? campaign.id : null,
            soldAt: status === "sold" ? createdAt : null,
            createdAt,
          },
        });
        if (status !== "sold") continue;
        const returned = rand() < 0.08;
        const sale = await db.leadSale.create({
          data: {
            leadId: lead.id,
            campaignId: campaign.id,
            buyerId: campaign.buyerId,
            price: centsToDecimal(price),
            exclusive: campaign.exclusive,
            status: returned ? "returned" : "sold",
            returnDeadline: new Date(createdAt.getTime() + campaign.returnWindowHours * 3_600_000),
            createdAt,
          },
        });
        ledger.push({
          type: "lead_sale",
          amountCents: price,
          buyerId: campaign.buyerId,
          leadId: lead.id,
          saleId: sale.id,
          createdAt,
        });
        ledger.push({
          type: "lead_purchase",
          amountCents: costCents,
          sellerId: seller.id,
          leadId: lead.id,
          saleId: sale.id,
          createdAt,
        });
        if (returned) {
          const returnedAt = new Date(createdAt.getTime() + Math.floor(rand() * 40) * 3_600_000);
          await db.leadReturn.create({
            data: {
              saleId: sale.id,
              leadId: lead.id,
              buyerId: campaign.buyerId,
              reason: pick(RETURN_REASONS),
              creditAmount: centsToDecimal(price),
              createdAt: returnedAt,
            },
          });
          await db.lead.update({ where: { id: lead.id }, data: { status: "returned" } });
          ledger.push({
            type: "return_credit",
            amountCents: price,
            buyerId: campaign.buyerId,
            leadId: lead.id,
            saleId: sale.id,
            createdAt: returnedAt,
          });
          ledger.push({
            type: "adjustment",
            amountCents: -costCents,
            sellerId: seller.id,
            leadId: lead.id,
            saleId: sale.id,
            note: "Return clawback",
            createdAt: returnedAt,
          });
        }
      }
    }
  }

  ledger.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await db.transaction.createMany({
    data: ledger.map((t) => ({
      type: t.type,
      amount: centsToDecimal(t.amountCents),
      buyerId: t.buyerId,
      sellerId: t.sellerId,
      leadId: t.leadId,
      saleId: t.saleId,
      note: t.note,
      createdAt: t.createdAt,
    })),
  });
  // Balances are derived from the ledger, never set independently.
  const totals = new Map<string, number>();
  for (const t of ledger) {
    const k = t.buyerId ? `b${t.buyerId}` : `s${t.sellerId}`;
    totals.set(k, (totals.get(k) ?? 0) + balanceEffect(t.type, t.amountCents));
  }
  for (const b of buyers)
    await db.buyer.update({ where: { id: b.id }, data: { balance: centsToDecimal(totals.get(`b${b.id}`) ?? 0) } });
  for (const s of sellers)
    await db.seller.update({ where: { id: s.id }, data: { balance: centsToDecimal(totals.get(`s${s.id}`) ?? 0) } });

  return { seeded: true, users: users.map((u) => u.username) };
}
