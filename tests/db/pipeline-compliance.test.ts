// POST /api/leads — the compliance endpoint: its documented example request verbatim, and its
// documented integration checklist (5–10 sample leads, success and failure) as a test.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as compliance } from "@/app/api/leads/route";
import { toCents } from "@/lib/money";
import { SPEC_LIST_ID } from "@/lib/seed";
import { complianceExamples } from "@/lib/openapi/examples";
import { call } from "./helpers/api";
import { demo, freshPhone, freshEmail, KEY } from "./pipeline-helpers";

const COMPLIANCE_EXAMPLE = complianceExamples.testExample;

let d: Awaited<ReturnType<typeof demo>>;
beforeEach(async () => {
  d = await demo();
});

const send = (body: unknown, headers: Record<string, string> = {}) =>
  call(compliance, "POST", "/api/leads", { body, headers });
const fresh = (over: Record<string, unknown> = {}) => ({
  ...COMPLIANCE_EXAMPLE,
  phone: freshPhone(),
  email: freshEmail(),
  ...over,
});

describe("the compliance endpoint's documented example", () => {
  it("succeeds verbatim against the demo seed: bid 0.35, sold to buyer2's 12-state campaign at 1.25", async () => {
    const r = await send(COMPLIANCE_EXAMPLE);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      success: true,
      lead_id: expect.stringMatching(/^\d+$/),
      data: {
        id: r.body.lead_id,
        first_name: "John",
        last_name: "Doe",
        phone: "6507769592",
        email: "johndoe@example.com",
        created_at: expect.any(String),
      },
      bid: 0.35,
    });
    expect(Number.isNaN(Date.parse(r.body.data.created_at))).toBe(false);
    const lead = await prisma.lead.findUniqueOrThrow({
      where: { id: Number(r.body.lead_id) },
      include: { sales: true },
    });
    const topOfFunnel = d.campaigns.find((c) => c.name === "Top of Funnel list - 12 states")!;
    expect(lead).toMatchObject({
      status: "sold",
      intakeListId: SPEC_LIST_ID,
      externalCampaignId: "your_assigned_campaign_id",
      vertical: "debt_relief",
      buyerId: d.buyer2.id,
      campaignId: topOfFunnel.id,
      consumerState: "TX",
      consumerZip: "77001",
      dob: "1980-05-15",
      incomeBracket: "$75,000-$100,000",
      homeownerStatus: "Homeowner",
      trustedFormCertUrl: "https://cert.trustedform.com/example",
    });
    expect([toCents(lead.revenue), toCents(lead.cost), toCents(lead.margin)]).toEqual([125, 35, 90]);
    expect(JSON.stringify(lead.leadData)).not.toContain(KEY);
  });

  it("sending it again is a duplicate (30-day lookback)", async () => {
    await send(COMPLIANCE_EXAMPLE);
    const r = await send(COMPLIANCE_EXAMPLE);
    expect(r.body).toEqual({
      success: false,
      bid: 0,
      error: "Phone number failed compliance check with: Duplicate Detection",
      details: {
        failedSources: ["Duplicate Detection"],
        reasons: ["Lead matches an existing record within the dedupe window"],
        phoneNumber: "6507769592",
        codes: ["duplicate_lead"],
      },
    });
  });
});

describe("the compliance endpoint's integration checklist: sample leads, success and failure", () => {
  const { token: _t, ...noToken } = COMPLIANCE_EXAMPLE;
  const cases: [
    string,
    () => Record<string, unknown>,
    Record<string, string>,
    { success: boolean; status?: number; sources?: string[]; codes?: string[] },
  ][] = [
    [
      "1. test phone in a valid state (OH)",
      () => fresh({ state: "OH", zipCode: "43004", city: "Columbus" }),
      {},
      { success: true },
    ],
    [
      "2. valid state (MS), snake_case fields",
      () => {
        const f = fresh();
        return {
          first_name: "Ann",
          last_name: "Lee",
          email: f.email,
          phone: f.phone,
          zip_code: "39201",
          trusted_form_cert_url: f.trustedFormCertUrl,
          list_id: SPEC_LIST_ID,
          campaign_id: "c1",
          income_bracket: "$50,000-$75,000",
          state: "MS",
          homeowner_status: "Renter",
          age_range: "35-44",
          token: KEY,
        };
      },
      {},
      { success: true },
    ],
    [
      "3. PascalCase fields, Token spelled with a capital, punctuated phone",
      () => {
        const f = fresh();
        return {
          FirstName: "Ann",
          LastName: "Lee",
          Email: f.email,
          Phone: `(${f.phone.slice(0, 3)}) ${f.phone.slice(3, 6)}-${f.phone.slice(6)}`,
          ZipCode: "73301",
          TrustedFormCertUrl: f.trustedFormCertUrl,
          ListId: SPEC_LIST_ID,
          CampaignId: "c1",
          IncomeBracket: "$50,000-$75,000",
          State: "TX",
          HomeownerStatus: "Homeowner",
          Dob: "1990-02-02",
          Token: KEY,
        };
      },
      {},
      { success: true },
    ],
    [
      "4. token in the Authorization header instead of the body",
      () => {
        const { token: _x, ...b } = fresh();
        return b;
      },
      { authorization: `Bearer ${KEY}` },
      { success: true },
    ],
    [
      "5. api_key spelling in the body",
      () => {
        const { token: _x, ...b } = fresh();
        return { ...b, api_key: KEY };
      },
      {},
      { success: true },
    ],
    [
      "6. non-listed state (CA)",
      () => fresh({ state: "CA", zipCode: "94025" }),
      {},
      { success: false, sources: ["State Eligibility"], codes: ["state_not_accepted"] },
    ],
    [
      "7. fake phone and disposable email",
      () => fresh({ phone: "6505550142", email: "x@mailinator.com" }),
      {},
      {
        success: false,
        sources: ["Phone Validation", "Email Validation"],
        codes: ["fake_phone_number", "disposable_email"],
      },
    ],
    [
      "8. missing TrustedForm certificate and DOB/age",
      () => {
        const { trustedFormCertUrl: _x, dob: _y, ...b } = fresh();
        return b;
      },
      {},
      {
        success: false,
        sources: ["Required Fields", "TCPA"],
        codes: ["missing_field_trustedFormCertUrl", "missing_field_ageRange_or_dob", "invalid_trustedform_cert"],
      },
    ],
    [
      "9. bad token → 401 in the same shape",
      () => fresh({ token: "not-a-real-token" }),
      {},
      { success: false, status: 401, sources: ["Authentication"], codes: ["unauthorized"] },
    ],
    [
      "10. no token at all → 401",
      () => ({ ...noToken, phone: freshPhone() }),
      {},
      { success: false, status: 401, sources: ["Authentication"], codes: ["unauthorized"] },
    ],
  ];

  it.each(cases)("%s", async (_name, make, headers, want) => {
    const body = make();
    const r = await send(body, headers);
    expect(r.status).toBe(want.status ?? 200);
    if (want.success) {
      expect(r.body).toMatchObject({ success: true, bid: 0.35, data: { first_name: expect.any(String) } });
      expect(r.body.data.phone).toMatch(/^\d{10}$/);
      expect(await prisma.lead.findUnique({ where: { id: Number(r.body.lead_id) } })).toMatchObject({ status: "sold" });
    } else {
      expect(r.body).toEqual({
        success: false,
        bid: 0,
        error: `Phone number failed compliance check with: ${want.sources!.join(", ")}`,
        details: {
          failedSources: want.sources,
          reasons: expect.any(Array),
          phoneNumber: expect.any(String),
          codes: want.codes,
        },
      });
      expect(r.body.details.reasons.length).toBeGreaterThan(0);
    }
  });

  it("DNC and blacklist entries fail with TCPA and Blacklist, as the spec's example names them", async () => {
    const lead = fresh();
    await prisma.suppression.createMany({
      data: [
        { kind: "dnc", type: "phone", value: lead.phone },
        { kind: "blacklist", type: "email", value: lead.email },
      ],
    });
    const r = await send(lead);
    expect(r.body).toMatchObject({
      success: false,
      bid: 0,
      error: "Phone number failed compliance check with: TCPA, Blacklist",
      details: {
        failedSources: ["TCPA", "Blacklist"],
        reasons: ["Number on Do Not Call registry", "Consumer is on the blacklist"],
        phoneNumber: lead.phone,
      },
    });
  });

  it("another seller's list, invalid JSON: non-200 in the same shape", async () => {
    const other = await prisma.intakeList.create({
      data: { sellerId: d.seller2.id, name: "x", vertical: "debt_relief" },
    });
    const r = await send(fresh({ listId: other.id }));
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ success: false, bid: 0, details: { failedSources: ["Request"] } });
    const bad = await send("{not json", {});
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, bid: 0, details: { codes: ["invalid_json"] } });
  });

  it("a compliant lead no campaign buys is not accepted (success:false, Buyer Match)", async () => {
    await prisma.buyerCampaign.updateMany({ where: { vertical: "debt_relief" }, data: { status: "paused" } });
    const { invalidateCampaignIndex } = await import("@/lib/pipeline/campaign-index");
    invalidateCampaignIndex();
    const r = await send(fresh());
    expect(r.body).toMatchObject({
      success: false,
      bid: 0,
      details: { failedSources: ["Buyer Match"], codes: ["no_matching_campaign"] },
    });
  });

  it("honours Idempotency-Key", async () => {
    const lead = fresh();
    const a = await send(lead, { "idempotency-key": "abc" });
    const b = await send(lead, { "idempotency-key": "abc" });
    expect(b.body).toEqual(a.body);
    expect(await prisma.lead.count()).toBe(1);
  });
});
