// The seller API end to end through the route handlers: ping, ingest, pings honoured,
// reasons recorded, money and counters written, test mode, idempotent retries.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { POST as ping } from "@/app/api/leads/ping/route";
import { setBuyerHooks, buyerHooks } from "@/lib/pipeline/buyer-hooks";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { toCents } from "@/lib/money";
import { platformExamples } from "@/lib/openapi/examples";
import { call } from "./helpers/api";
import { demo, exampleLead, freshPhone, KEY } from "./pipeline-helpers";

const auth = { authorization: `Bearer ${KEY}` };
/** The platform API's documented ping request. */
const PING_EXAMPLE = platformExamples.pingRequest;
const defaultHooks = buyerHooks();
let d: Awaited<ReturnType<typeof demo>>;
beforeEach(async () => {
  d = await demo();
});
afterEach(() => setBuyerHooks(defaultHooks));

const counts = async () => ({
  leads: await prisma.lead.count(),
  sales: await prisma.leadSale.count(),
  txs: await prisma.transaction.count(),
  counters: await prisma.campaignCounter.count(),
  fingerprints: await prisma.dedupeFingerprint.count(),
  deliveries: await prisma.delivery.count(),
});

describe("POST /api/leads/ping", () => {
  it("the documented ping example: prices the plumbing lead against the demo campaigns", async () => {
    const r = await call(ping, "POST", "/api/leads/ping", { body: PING_EXAMPLE, headers: auth });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      pingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      bidPrice: 24,
      exclusiveBidPrice: 27.5,
      expiresInSeconds: 120,
      matchCount: 3,
    });
    const row = await prisma.ping.findUniqueOrThrow({ where: { id: r.body.pingId } });
    expect(row).toMatchObject({
      sellerId: d.seller1.id,
      consumerState: "CA",
      consumerZip: "90210",
      matchCount: 3,
      leadData: { homeowner: true, project_type: "repair" },
    });
  });

  it("nothing matches: both prices 0", async () => {
    const r = await call(ping, "POST", "/api/leads/ping", {
      body: { ...PING_EXAMPLE, consumerState: "ME", consumerZip: "04101" },
      headers: auth,
    });
    expect(r.body).toMatchObject({ bidPrice: 0, exclusiveBidPrice: 0, matchCount: 0 });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>, number, string]>([
    ["no credentials", PING_EXAMPLE, {}, 401, "unauthorized"],
    ["unknown key", PING_EXAMPLE, { authorization: "Bearer nope" }, 401, "unauthorized"],
    ["missing vertical", { consumerState: "CA" }, auth, 400, "validation_failed"],
    ["unknown vertical", { vertical: "pets" }, auth, 400, "validation_failed"],
    ["leadData not an object", { ...PING_EXAMPLE, leadData: "x" }, auth, 400, "validation_failed"],
  ])("%s → %i", async (_n, body, headers, status, code) => {
    const r = await call(ping, "POST", "/api/leads/ping", { body, headers });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  it("buyers may not ping", async () => {
    const key = "tlg_buyer_test_key_0000000000000000";
    const { hashApiKey } = await import("@/lib/api-keys");
    await prisma.apiKey.create({
      data: { name: "b", prefix: "tlg_buyer", hash: hashApiKey(key), buyerId: d.buyer1.id },
    });
    const r = await call(ping, "POST", "/api/leads/ping", {
      body: PING_EXAMPLE,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(r.status).toBe(403);
  });
});

describe("POST /api/leads/ingest", () => {
  it("the documented ingest example: sells to the 55.00 exclusive campaign and settles everything in one go", async () => {
    const lead = exampleLead();
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers: auth });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      success: true,
      leadId: expect.any(Number),
      status: "sold",
      revenue: 55,
      cost: 28,
      margin: 27,
      buyerId: d.buyer1.id,
      matchCount: 3,
    });
    const row = await prisma.lead.findUniqueOrThrow({
      where: { id: r.body.leadId },
      include: { sales: true, transactions: true },
    });
    expect(row).toMatchObject({
      status: "sold",
      buyerId: d.buyer1.id,
      campaignId: d.campaigns[0].id,
      normalizedPhone: lead.consumerPhone,
      matchCount: 3,
      qualityScore: 100,
    });
    expect(row.soldAt).toBeInstanceOf(Date);
    expect(row.unsoldReasons).toEqual([
      { campaignId: d.campaigns[1].id, buyerId: d.buyer2.id, reason: "outbid" },
      { campaignId: d.campaigns[2].id, buyerId: d.buyer2.id, reason: "outbid" },
    ]);
    expect(row.sales).toHaveLength(1);
    expect(row.sales[0]).toMatchObject({ campaignId: d.campaigns[0].id, exclusive: true, status: "sold" });
    expect(row.sales[0].returnDeadline.getTime() - row.sales[0].createdAt.getTime()).toBe(48 * 3_600_000);
    expect(row.transactions.map((t) => [t.type, toCents(t.amount), t.saleId]).sort()).toEqual([
      ["lead_purchase", 2800, row.sales[0].id],
      ["lead_sale", 5500, row.sales[0].id],
    ]);
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: d.buyer1.id } })).balance)).toBe(
      2_500_000 - 5500,
    );
    expect(toCents((await prisma.seller.findUniqueOrThrow({ where: { id: d.seller1.id } })).balance)).toBe(2800);
    expect(
      (await prisma.campaignCounter.findMany({ where: { campaignId: d.campaigns[0].id } })).map((c) => c.leads),
    ).toEqual([1]);
    expect(await prisma.dedupeFingerprint.count()).toBe(2);
  });

  it("a shared winner is joined by other buyers' shared campaigns, one sale each", async () => {
    await prisma.buyerCampaign.update({ where: { id: d.campaigns[0].id }, data: { status: "paused" } });
    const extra = await prisma.buyerCampaign.create({
      data: {
        buyerId: d.buyer1.id,
        name: "B1 shared",
        vertical: "home_services",
        geoStates: ["CA"],
        pricePerLead: "45.00",
        deliveryMethod: "webhook",
        deliveryConfig: { url: "https://buyer1.example/hook" },
      },
    });
    invalidateCampaignIndex();
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(r.body).toMatchObject({
      status: "sold",
      revenue: 93,
      cost: 28,
      margin: 65,
      buyerId: d.buyer2.id,
      matchCount: 3,
    });
    const sales = await prisma.leadSale.findMany({ orderBy: { id: "asc" } });
    expect(sales.map((s) => [s.campaignId, toCents(s.price), s.exclusive])).toEqual([
      [d.campaigns[1].id, 4800, false],
      [extra.id, 4500, false],
    ]);
    // The seller is paid once; each buyer pays its own price; webhook sales enter the outbox.
    expect(await prisma.transaction.count({ where: { type: "lead_purchase" } })).toBe(1);
    expect(await prisma.delivery.findMany({ select: { campaignId: true, target: true, method: true } })).toEqual([
      { campaignId: extra.id, target: "https://buyer1.example/hook", method: "webhook" },
    ]);
  });

  it("rejects with every reason at once and stores the rejected lead", async () => {
    const r = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({
        consumerPhone: "310-555-0142",
        consumerEmail: "x@mailinator.com",
        consumerZip: undefined,
        consent: undefined,
      }),
      headers: auth,
    });
    expect(r.body).toEqual({
      success: false,
      leadId: expect.any(Number),
      status: "rejected",
      revenue: 0,
      cost: 0,
      margin: 0,
      buyerId: null,
      matchCount: 0,
      rejectionReasons: ["missing_field_consumerZip", "fake_phone_number", "disposable_email", "missing_consent"],
      reasons: ["missing_field_consumerZip", "fake_phone_number", "disposable_email", "missing_consent"],
    });
    const row = await prisma.lead.findUniqueOrThrow({ where: { id: r.body.leadId } });
    expect(row).toMatchObject({
      status: "rejected",
      failedSources: ["Required Fields", "Phone Validation", "Email Validation", "TCPA"],
      qualityScore: 0,
    });
    expect(await prisma.transaction.count({ where: { leadId: { not: null } } })).toBe(0);
  });

  it("a valid lead nobody targets is unsold, with each campaign's reason", async () => {
    const r = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ consumerState: "TX", consumerZip: "77001" }),
      headers: auth,
    });
    expect(r.body).toMatchObject({
      success: true,
      status: "unsold",
      revenue: 0,
      cost: 0,
      margin: 0,
      buyerId: null,
      matchCount: 0,
    });
    // The campaigns that do not buy the lead's state are one entry, however many there are.
    expect(r.body.unsoldReasons).toEqual([{ campaignId: null, reason: "geo_mismatch" }]);
    expect((await prisma.lead.findFirstOrThrow()).unsoldReasons).toEqual([
      { campaignId: null, buyerId: null, reason: "geo_mismatch", details: { campaigns: 3 } },
    ]);
    expect((await prisma.lead.findFirstOrThrow()).status).toBe("unsold");
  });

  it("duplicate_lead: the same consumer again within the window, by phone or by email", async () => {
    const first = exampleLead();
    expect((await call(ingest, "POST", "/api/leads/ingest", { body: first, headers: auth })).body.status).toBe("sold");
    for (const again of [{ consumerPhone: first.consumerPhone }, { consumerEmail: first.consumerEmail }]) {
      const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(again), headers: auth });
      expect(r.body).toMatchObject({ success: false, status: "rejected", rejectionReasons: ["duplicate_lead"] });
    }
  });

  it("cap_reached, budget_reached and insufficient_balance send the lead to the next buyer", async () => {
    await prisma.buyerCampaign.update({ where: { id: d.campaigns[0].id }, data: { dailyCap: 1 } });
    await prisma.buyerCampaign.update({ where: { id: d.campaigns[1].id }, data: { dailyBudget: "50.00" } });
    invalidateCampaignIndex();
    expect((await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth })).body.buyerId).toBe(
      d.buyer1.id,
    );
    const second = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(second.body).toMatchObject({ status: "sold", buyerId: d.buyer2.id, revenue: 48 });
    const third = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(third.body).toMatchObject({ status: "sold", revenue: 40 });
    const reasons = (await prisma.lead.findUniqueOrThrow({ where: { id: third.body.leadId } })).unsoldReasons as {
      campaignId: number;
      reason: string;
    }[];
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ campaignId: d.campaigns[0].id, reason: "cap_reached" }),
        expect.objectContaining({ campaignId: d.campaigns[1].id, reason: "budget_reached" }),
      ]),
    );
    // buyer2 out of money: its campaigns are skipped.
    await prisma.buyer.update({ where: { id: d.buyer2.id }, data: { creditLimit: "0", balance: "10.00" } });
    const fourth = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(fourth.body.reasons).toBeUndefined();
    expect(fourth.body).toMatchObject({ status: "unsold" });
    expect(fourth.body.unsoldReasons).toContainEqual({ campaignId: d.campaigns[2].id, reason: "insufficient_balance" });
  });

  it("buyer_rejected: a buyer refusing at confirmation sends the lead to the next one", async () => {
    const seen: number[] = [];
    setBuyerHooks({
      collectBids: defaultHooks.collectBids,
      async confirmWithBuyer(c, lead, price) {
        seen.push(c.id);
        expect(lead.id).toEqual(expect.any(Number));
        expect(price).toBeGreaterThan(0);
        return c.id === d.campaigns[0].id
          ? { accepted: false, reason: "buyer_rejected", details: { error: "duplicate in our CRM" } }
          : { accepted: true, buyerLeadId: `B-${lead.id}` };
      },
    });
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(r.body).toMatchObject({ status: "sold", buyerId: d.buyer2.id, revenue: 48 });
    expect(seen).toEqual([d.campaigns[0].id, d.campaigns[1].id]);
    const lead = await prisma.lead.findUniqueOrThrow({ where: { id: r.body.leadId }, include: { sales: true } });
    expect(lead.sales[0].buyerLeadId).toBe(`B-${lead.id}`);
    expect(lead.unsoldReasons).toContainEqual({
      campaignId: d.campaigns[0].id,
      buyerId: d.buyer1.id,
      reason: "buyer_rejected",
      details: { error: "duplicate in our CRM" },
    });
  });

  it("dynamic bids come from the buyer seam; a skip is recorded", async () => {
    setBuyerHooks({
      async collectBids(cs) {
        return cs.map((c) =>
          c.id === d.campaigns[2].id ? { campaignId: c.id, priceCents: 9900 } : { campaignId: c.id, skip: "no_bid" },
        );
      },
      confirmWithBuyer: defaultHooks.confirmWithBuyer,
    });
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(r.body).toMatchObject({ status: "sold", revenue: 99, matchCount: 1, buyerId: d.buyer2.id });
  });

  it("test mode answers what would happen and changes nothing", async () => {
    const lead = exampleLead({ test: true });
    const before = await counts();
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers: auth });
    expect(r.body).toEqual({
      success: true,
      leadId: 0,
      status: "sold",
      revenue: 55,
      cost: 28,
      margin: 27,
      buyerId: d.buyer1.id,
      matchCount: 3,
      test: true,
    });
    expect(await counts()).toEqual(before);
    const bad = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ test: true, consumerPhone: "123" }),
      headers: auth,
    });
    expect(bad.body).toMatchObject({
      success: false,
      leadId: 0,
      status: "rejected",
      rejectionReasons: ["invalid_phone_format"],
      test: true,
    });
    expect(await counts()).toEqual(before);
    // The same consumer for real is not a duplicate of the test.
    expect(
      (await call(ingest, "POST", "/api/leads/ingest", { body: { ...lead, test: false }, headers: auth })).body.status,
    ).toBe("sold");
  });

  it.each<[string, Record<string, unknown>, Record<string, string>, number, string]>([
    ["another seller's id", { sellerId: 2 }, auth, 403, "forbidden"],
    ["bad cost", { cost: "twelve" }, auth, 400, "validation_failed"],
    ["unknown list", { listId: "00000000-0000-0000-0000-000000000000" }, auth, 404, "not_found"],
    ["not JSON", {}, { ...auth, "content-type": "text/xml" }, 415, "unsupported_media_type"],
  ])("refuses %s", async (_n, over, headers, status, code) => {
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(over), headers });
    expect([r.status, r.body.error?.code]).toEqual([status, code]);
    expect(await prisma.lead.count()).toBe(0);
  });
});

describe("ingest against a ping", () => {
  const pingFirst = async () =>
    (await call(ping, "POST", "/api/leads/ping", { body: PING_EXAMPLE, headers: auth })).body.pingId as string;

  it("honours the pinged price (shared and exclusive) and uses the ping once", async () => {
    const shared = await pingFirst();
    const r1 = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ pingId: shared, cost: undefined }),
      headers: auth,
    });
    expect(r1.body).toMatchObject({ status: "sold", cost: 24, revenue: 55, margin: 31 });
    expect(await prisma.ping.findUniqueOrThrow({ where: { id: shared } })).toMatchObject({
      leadId: r1.body.leadId,
      usedAt: expect.any(Date),
    });
    const again = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ pingId: shared }),
      headers: auth,
    });
    expect([again.status, again.body.error.code]).toEqual([409, "ping_used"]);

    await prisma.buyerCampaign.update({ where: { id: d.campaigns[0].id }, data: { status: "paused" } });
    invalidateCampaignIndex();
    const excl = await pingFirst();
    const r2 = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ pingId: excl, exclusive: true, cost: undefined }),
      headers: auth,
    });
    expect(r2.body).toMatchObject({ status: "sold", cost: 24, revenue: 48 });
    expect(await prisma.leadSale.count({ where: { leadId: r2.body.leadId } })).toBe(1);
  });

  it.each<[string, (id: string) => Promise<Record<string, unknown>>, number, string]>([
    ["unknown ping", async () => ({ pingId: "7d0a4f9e-0000-4000-8000-000000000000" }), 404, "ping_not_found"],
    ["malformed ping id", async () => ({ pingId: "abc" }), 404, "ping_not_found"],
    [
      "expired ping",
      async (id) => {
        await prisma.ping.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
        return { pingId: id };
      },
      410,
      "ping_expired",
    ],
    [
      "state differs from the ping",
      async (id) => ({ pingId: id, consumerState: "NV", consumerZip: "89101" }),
      422,
      "ping_mismatch",
    ],
  ])("%s → %i %s", async (_n, make, status, code) => {
    const id = await pingFirst();
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(await make(id)), headers: auth });
    expect([r.status, r.body.error.code]).toEqual([status, code]);
  });

  it("another seller's ping is not found", async () => {
    const id = await pingFirst();
    await prisma.ping.update({ where: { id }, data: { sellerId: d.seller2.id } });
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead({ pingId: id }), headers: auth });
    expect(r.status).toBe(404);
  });
});

describe("Idempotency-Key", () => {
  it("a retry answers the first response and changes nothing; another body with the key → 422", async () => {
    const lead = exampleLead();
    const headers = { ...auth, "idempotency-key": "order-1" };
    const first = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    const before = await counts();
    const retry = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await counts()).toEqual(before);
    const other = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers });
    expect([other.status, other.body.error.code]).toEqual([422, "idempotency_key_mismatch"]);
    // Keys are per seller account and per endpoint: a new key runs normally.
    const fresh = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ consumerPhone: freshPhone() }),
      headers: {
        ...auth,
        "idempotency-key": "order-2",
      },
    });
    expect(fresh.body.status).toBe("sold");
  });

  it("a request that failed with an error releases its key", async () => {
    const headers = { ...auth, "idempotency-key": "k-err" };
    const bad = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead({ listId: "00000000-0000-0000-0000-000000000000" }),
      headers,
    });
    expect(bad.status).toBe(404);
    expect(await prisma.idempotencyRecord.count()).toBe(0);
  });
});
