// Delivery against real HTTP servers on 127.0.0.1: the lead compliance API (as a buyer), a signature-checking webhook
// receiver, a failing-then-recovering buyer, a crashed worker, the breaker, dynamic bids, the API.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { DeliveryWorker } from "@/lib/delivery/worker";
import { confirmWithBuyer } from "@/lib/delivery/confirm";
import { collectBids } from "@/lib/delivery/dynamic-bids";
import { recordFailure, probePausedCampaigns, FAILURE_THRESHOLD } from "@/lib/delivery/circuit-breaker";
import { safeRequest } from "@/lib/delivery/ssrf";
import { webhookBody, webhookHeaders } from "@/lib/delivery/webhook";
import { webhookData } from "@/lib/delivery/payload";
import { buyerHooks } from "@/lib/pipeline/buyer-hooks";
import { generateApiKey } from "@/lib/api-keys";
import { sessionCookie, sessionCookieName } from "@/lib/auth/session";
import { GET as listRoute } from "@/app/api/deliveries/route";
import { POST as replayRoute } from "@/app/api/deliveries/[id]/replay/route";
import { POST as rotateRoute } from "@/app/api/buyer-campaigns/[id]/rotate-secret/route";
import { complianceApiServer, webhookReceiver, listen, type Fake } from "./fake-buyers";
import { LOCAL, world, campaign, soldLead, leadData, sleep } from "./delivery-fixtures";
import { settleSale } from "./helpers/settle";
import { call } from "./helpers/api";

const servers: Fake[] = [];
const track = <T extends Fake>(f: T) => {
  servers.push(f);
  return f;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const fastWorker = (id = "w1", extra: Partial<ConstructorParameters<typeof DeliveryWorker>[0]> = {}) =>
  new DeliveryWorker({ workerId: id, allow: LOCAL, backoffMs: [20, 20, 20, 20, 20, 20], timeoutMs: 1000, ...extra });

async function until(check: () => Promise<boolean>, worker: DeliveryWorker, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await worker.runOnce();
    if (await check()) return;
    await sleep(25);
  }
  throw new Error("timed out waiting for deliveries");
}

const TOKEN = "be53740f04b40724b950c95d71e2528d";
const seedConfig = (url: string, extra = {}) => ({
  url: `${url}/api/leads`,
  preset: "seed001" as const,
  token: TOKEN,
  constants: { listId: "94ec4eec-d409-422b-abbd-bd9ee35ce08a", campaignId: "cmp-7" },
  ...extra,
});

describe("a buyer speaking the lead compliance API (http_post)", () => {
  it("a synchronous acceptance is posted once, recorded, attached to the sale with the buyer's lead_id", async () => {
    const { buyer, seller } = await world();
    const api = track(await complianceApiServer({ token: TOKEN }));
    const c = await campaign(buyer.id, "http_post", seedConfig(api.url));
    const fields = leadData({ consumerPhone: "(650) 776-9592" });
    const lead = await prisma.lead.create({ data: { sellerId: seller.id, status: "pending", ...fields } });

    const decision = await confirmWithBuyer(c, { ...lead, id: lead.id }, 2500, LOCAL);
    expect(decision).toEqual({ accepted: true, buyerLeadId: "jm000001", priceCents: 35 });
    expect(api.requests).toHaveLength(1);
    expect(JSON.parse(api.requests[0].body)).toEqual({
      firstName: "John",
      lastName: "Doe",
      email: "johndoe@example.com",
      phone: "6507769592",
      zipCode: "77001",
      trustedFormCertUrl: "https://cert.trustedform.com/example",
      incomeBracket: "$75,000-$100,000",
      state: "TX",
      homeownerStatus: "Homeowner",
      dob: "1980-05-15",
      address: "123 Main St",
      city: "Houston",
      listId: "94ec4eec-d409-422b-abbd-bd9ee35ce08a",
      campaignId: "cmp-7",
      token: TOKEN,
    });

    // The pipeline then settles the pending lead (the real path: one tlg_settle call), which
    // attaches the recorded call to the sale instead of queueing a second post.
    const settled = await settleSale({
      sellerId: seller.id,
      leadId: lead.id,
      lead: fields,
      picks: [{ campaign: c, priceCents: 35, buyerLeadId: "jm000001" }],
    });
    const sale = await prisma.leadSale.findUniqueOrThrow({ where: { id: settled.saleIds[0] } });
    expect(sale).toMatchObject({ leadId: lead.id, campaignId: c.id, buyerId: buyer.id });
    const deliveries = await prisma.delivery.findMany({ where: { leadId: lead.id }, include: { attemptsLog: true } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ saleId: sale.id, status: "delivered", attempts: 1 });
    expect(deliveries[0].attemptsLog[0]).toMatchObject({
      attemptNo: 1,
      responseStatus: 200,
      outcome: "accepted",
      error: null,
    });
    expect(deliveries[0].attemptsLog[0].responseBody).toContain('"lead_id":"jm000001"');
    expect((await prisma.leadSale.findUniqueOrThrow({ where: { id: sale.id } })).buyerLeadId).toBe("jm000001");
    await fastWorker().drain();
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    [
      "a state the buyer's API refuses is never posted",
      { consumerState: "CA" },
      {},
      0,
      {
        accepted: false,
        reason: "buyer_precheck_failed",
        details: [
          {
            field: "state",
            issue: "buyer accepts only AL, AR, AZ, IN, KS, LA, MO, MS, OH, SC, TN, TX; lead is from CA",
          },
        ],
      },
    ],
    [
      "a DNC number: success:false with failedSources/reasons",
      { consumerPhone: "6507769592" },
      {},
      1,
      {
        accepted: false,
        reason: "buyer_rejected",
        details: {
          status: 200,
          error: "Phone number failed compliance check with: TCPA",
          details: { failedSources: ["TCPA"], reasons: ["Number on Do Not Call registry"], phoneNumber: "6507769592" },
        },
      },
    ],
    [
      "a wrong token: non-200 success:false",
      {},
      { token: "wrong" },
      1,
      { accepted: false, reason: "buyer_rejected", details: { status: 401, error: "invalid token", details: null } },
    ],
    [
      "a 9-digit phone: the buyer's own validation",
      { consumerPhone: "650776959" },
      {},
      1,
      {
        accepted: false,
        reason: "buyer_rejected",
        details: {
          status: 200,
          error: "Phone number failed compliance check with: Phone Validation",
          details: {
            failedSources: ["Phone Validation"],
            reasons: ["Phone must be 10 digits"],
            phoneNumber: "650776959",
          },
        },
      },
    ],
  ])("%s", async (_name, over, cfgOver, posts, expected) => {
    const { buyer, seller } = await world();
    const api = track(await complianceApiServer({ token: TOKEN, dnc: ["6507769592"] }));
    const c = await campaign(buyer.id, "http_post", seedConfig(api.url, cfgOver));
    const lead = await prisma.lead.create({ data: { sellerId: seller.id, status: "pending", ...leadData(over) } });
    expect(await confirmWithBuyer(c, { ...lead, id: lead.id }, 2500, LOCAL)).toEqual(expected);
    expect(api.requests).toHaveLength(posts);
    expect(await prisma.delivery.count({ where: { leadId: lead.id, status: "failed", saleId: null } })).toBe(posts);
    expect(await prisma.delivery.count({ where: { status: "pending" } })).toBe(0);
  });

  it("a timeout is a refusal (buyer_timeout) within DELIVERY_TIMEOUT_MS-style limits", async () => {
    const { buyer, seller } = await world();
    const slow = track(await listen(() => {}));
    const c = await campaign(buyer.id, "http_post", seedConfig(slow.url, { timeoutMs: 150 }));
    const lead = await prisma.lead.create({ data: { sellerId: seller.id, status: "pending", ...leadData() } });
    const t0 = Date.now();
    expect(await confirmWithBuyer(c, { ...lead, id: lead.id }, 2500, LOCAL)).toEqual({
      accepted: false,
      reason: "buyer_timeout",
      details: { error: "no answer within 150 ms" },
    });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("the pipeline seam refuses a loopback buyer URL when it is not allow-listed (SSRF)", async () => {
    const { buyer, seller } = await world();
    const api = track(await complianceApiServer({ token: TOKEN }));
    const c = await campaign(buyer.id, "http_post", seedConfig(api.url));
    const lead = await prisma.lead.create({ data: { sellerId: seller.id, status: "pending", ...leadData() } });
    expect(await buyerHooks().confirmWithBuyer(c, { ...lead, id: lead.id }, 2500)).toEqual({
      accepted: false,
      reason: "buyer_url_refused",
      details: { error: "address 127.0.0.1 is private, loopback or link-local" },
    });
    expect(api.requests).toHaveLength(0);
    // Portal and webhook campaigns accept without a call.
    const portal = await campaign(buyer.id, "portal", {});
    expect(await buyerHooks().confirmWithBuyer(portal, { ...lead, id: lead.id }, 2500)).toEqual({ accepted: true });
  });

  it("queued (asynchronous) posts, JSON and form-encoded, store the buyer's lead_id on the sale", async () => {
    const { buyer, seller } = await world();
    const api = track(await complianceApiServer({ token: TOKEN }));
    const json = await campaign(buyer.id, "http_post", seedConfig(api.url, { synchronous: false }));
    const form = await campaign(buyer.id, "http_post", seedConfig(api.url, { synchronous: false, format: "form" }));
    const a = await soldLead(seller.id, json);
    const b = await soldLead(seller.id, form);
    await fastWorker().drain();
    expect(api.requests.map((r) => r.headers["content-type"]).sort()).toEqual([
      "application/json",
      "application/x-www-form-urlencoded",
    ]);
    const sales = await prisma.leadSale.findMany({
      where: { id: { in: [a.sale.id, b.sale.id] } },
      orderBy: { id: "asc" },
    });
    expect(sales.map((s) => s.buyerLeadId).sort()).toEqual(["jm000001", "jm000002"]);
    expect(await prisma.delivery.count({ where: { status: "delivered" } })).toBe(2);
    // Each request carried its delivery's idempotency key.
    const ids = (await prisma.delivery.findMany()).map((d) => d.messageId).sort();
    expect(api.requests.map((r) => r.headers["idempotency-key"]).sort()).toEqual(ids);
  });
});

describe("signed webhooks", () => {
  it("every lead arrives once, signed; a rotated secret signs the next ones", async () => {
    const { buyer, seller } = await world();
    let secret = "";
    const rx = track(await webhookReceiver(() => secret));
    const c = await campaign(buyer.id, "webhook", {});
    await prisma.buyerCampaign.update({
      where: { id: c.id },
      data: { deliveryConfig: { url: `${rx.url}/hooks/leads` } },
    });
    secret = c.webhookSecret!;
    const camp = { ...c, deliveryConfig: { url: `${rx.url}/hooks/leads` } };
    const sold = [];
    // The first lead keeps the documented example's email; the payload must carry it.
    for (let i = 0; i < 5; i++)
      sold.push(await soldLead(seller.id, camp, i === 0 ? { consumerEmail: "johndoe@example.com" } : {}));
    await fastWorker().drain();
    const deliveries = await prisma.delivery.findMany({ orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.status)).toEqual(Array(5).fill("delivered"));
    expect([...rx.processed.keys()].sort()).toEqual(deliveries.map((d) => d.messageId).sort());
    expect(rx.state).toEqual({ badSignatures: 0, duplicates: 0, calls: 5 });
    const first = rx.processed.get(deliveries[0].messageId) as { type: string; data: Record<string, unknown> };
    expect(first).toMatchObject({
      type: "lead.sold",
      data: {
        leadId: sold[0].lead.id,
        saleId: sold[0].sale.id,
        campaignId: c.id,
        price: "25.00",
        consumerEmail: "johndoe@example.com",
      },
    });

    // Rotation through the API (owner buyer's API key): the old secret no longer verifies.
    const key = await apiKeyFor(buyer.id);
    const res = await call(rotateRoute, "POST", `/api/buyer-campaigns/${c.id}/rotate-secret`, {
      key,
      params: { id: String(c.id) },
    });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toEqual({ campaignId: c.id, webhookSecret: expect.stringMatching(/^whsec_/) });
    expect(body.webhookSecret).not.toBe(secret);
    await soldLead(seller.id, camp);
    expect(await fastWorker().runOnce()).toBe(1);
    expect(rx.state.badSignatures).toBe(1); // receiver still on the old secret: 401, retried later
    secret = body.webhookSecret;
    await until(async () => (await prisma.delivery.count({ where: { status: "delivered" } })) === 6, fastWorker());
    expect(rx.processed.size).toBe(6);
  });
});

describe("a failing buyer that recovers", () => {
  it("500, timeout, 429 Retry-After, 503, then 200: every lead processed exactly once by key, none lost", async () => {
    const { buyer, seller } = await world();
    let secret = "";
    const seen = new Map<string, number>();
    const rx = track(
      await webhookReceiver(
        () => secret,
        async (_n, id, res) => {
          const k = (seen.get(id) ?? 0) + 1;
          seen.set(id, k);
          if (k === 1) res.writeHead(500).end("boom");
          else if (k === 2) {
            await sleep(1200); // processed, answer too late
            res.writeHead(200).end("late");
          } else if (k === 3) res.writeHead(429, { "retry-after": "1" }).end("slow down");
          else if (k === 4) res.writeHead(503).end("maintenance");
          else return false;
          return true;
        },
      ),
    );
    const c = await campaign(buyer.id, "webhook", {});
    secret = c.webhookSecret!;
    const camp = { ...c, deliveryConfig: { url: rx.url } };
    await prisma.buyerCampaign.update({ where: { id: c.id }, data: { deliveryConfig: camp.deliveryConfig } });
    const N = 12;
    for (let i = 0; i < N; i++) await soldLead(seller.id, camp);
    const w = fastWorker("w1", { timeoutMs: 500 });
    await until(async () => (await prisma.delivery.count({ where: { status: "delivered" } })) === N, w);

    expect(rx.processed.size).toBe(N);
    expect(rx.state.badSignatures).toBe(0);
    const deliveries = await prisma.delivery.findMany({ include: { attemptsLog: { orderBy: { attemptNo: "asc" } } } });
    expect(new Set(deliveries.map((d) => d.messageId))).toEqual(new Set(rx.processed.keys()));
    // Every call the receiver saw is a recorded attempt, and every repeat was deduplicated by webhook-id.
    const totalAttempts = deliveries.reduce((n, d) => n + d.attemptsLog.length, 0);
    expect(rx.state.calls).toBe(totalAttempts);
    expect(rx.state.duplicates).toBe(totalAttempts - N);
    for (const d of deliveries) {
      expect(d).toMatchObject({ status: "delivered", lockedBy: null });
      expect(d.attemptsLog.map((a) => a.attemptNo)).toEqual(Array.from({ length: d.attempts }, (_, i) => i + 1));
      expect(d.attemptsLog.at(-1)).toMatchObject({ responseStatus: 200, outcome: "delivered" });
      expect(d.attemptsLog.slice(0, -1).every((a) => a.outcome === "retry")).toBe(true);
      expect(d.attempts).toBeGreaterThanOrEqual(5); // the receiver's script: 500, late, 429, 503, 200
      // Retry-After: 1 s was honoured even though the backoff schedule said 20 ms.
      d.attemptsLog.forEach((a, i) => {
        if (a.responseStatus === 429)
          expect(d.attemptsLog[i + 1].startedAt.getTime() - a.startedAt.getTime()).toBeGreaterThanOrEqual(950);
      });
    }
    // Each failure mode was met and recorded (on a loaded machine an answer may also arrive late,
    // which is then recorded as a timeout, so these are counted over all deliveries).
    const all = deliveries.flatMap((d) => d.attemptsLog);
    expect(all.filter((a) => a.responseStatus === 500).length).toBeGreaterThan(0);
    expect(all.filter((a) => a.responseStatus === 429).length).toBeGreaterThan(0);
    expect(all.filter((a) => a.responseStatus === 503).length).toBeGreaterThan(0);
    expect(
      all.filter((a) => a.error === "timeout: no answer within 500 ms" && a.durationMs >= 490).length,
    ).toBeGreaterThanOrEqual(N);
    // The breaker tripped during the outage and the recovery resumed the campaign.
    expect(await prisma.buyerCampaign.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "active",
      failureStreak: 0,
      autoPausedAt: null,
    });
  });

  it("410 stops at once (failed, replayable); the last failed attempt makes a delivery dead", async () => {
    const { buyer, seller } = await world();
    let mode: 410 | 500 | 200 = 410;
    const rx = track(await listen((_req, _b, res) => void res.writeHead(mode).end(String(mode))));
    const c = await campaign(buyer.id, "webhook", { url: rx.url });
    const gone = await soldLead(seller.id, c);
    await fastWorker().drain();
    expect(await prisma.delivery.findFirstOrThrow({ where: { leadId: gone.lead.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "410 Gone: the buyer retired this endpoint",
    });

    mode = 500;
    const down = await soldLead(seller.id, c);
    await prisma.delivery.updateMany({ where: { leadId: down.lead.id }, data: { maxAttempts: 3 } });
    const w = fastWorker();
    await until(
      async () => (await prisma.delivery.findFirstOrThrow({ where: { leadId: down.lead.id } })).status === "dead",
      w,
    );
    const dead = await prisma.delivery.findFirstOrThrow({
      where: { leadId: down.lead.id },
      include: { attemptsLog: { orderBy: { attemptNo: "asc" } } },
    });
    expect(dead).toMatchObject({ attempts: 3, lastError: "HTTP 500" });
    expect(dead.attemptsLog.map((a) => a.outcome)).toEqual(["retry", "retry", "dead"]);

    // Replay both through the API; the buyer is back.
    mode = 200;
    const key = await apiKeyFor(buyer.id);
    for (const d of await prisma.delivery.findMany({ orderBy: { id: "asc" } })) {
      const res = await call(replayRoute, "POST", `/api/deliveries/${d.id}/replay`, {
        key,
        params: { id: String(d.id) },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: d.id, status: "pending", maxAttempts: d.attempts + 7 });
    }
    await w.drain();
    expect((await prisma.delivery.findMany()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
  });
});

describe("a worker that dies mid-delivery", () => {
  it("its rows are reclaimed after the lease; nothing lost, the buyer dedupes the repeat", async () => {
    const { buyer, seller } = await world();
    let secret = "";
    const rx = track(await webhookReceiver(() => secret));
    const c = await campaign(buyer.id, "webhook", {});
    secret = c.webhookSecret!;
    const camp = { ...c, deliveryConfig: { url: rx.url } };
    await prisma.buyerCampaign.update({ where: { id: c.id }, data: { deliveryConfig: camp.deliveryConfig } });
    for (let i = 0; i < 4; i++) await soldLead(seller.id, camp);

    const crashed = fastWorker("crashed", { leaseMs: 1500 });
    const claimed = await crashed.claim();
    expect(claimed).toHaveLength(4);
    // Its first request reached the buyer before the process died.
    const d0 = await prisma.delivery.findUniqueOrThrow({
      where: { id: claimed[0].id },
      include: { lead: true, sale: true },
    });
    const body = webhookBody("lead.sold", webhookData(d0.lead, d0.sale, c.id));
    await safeRequest({
      url: rx.url,
      body,
      headers: webhookHeaders(secret, d0.messageId, body),
      timeoutMs: 1000,
      allow: LOCAL,
    });

    const survivor = fastWorker("survivor", { leaseMs: 1500 });
    expect(await survivor.runOnce()).toBe(0); // leased: not stolen early
    await sleep(1600);
    await survivor.drain();
    const rows = await prisma.delivery.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.lockedBy])).toEqual(Array(4).fill(["delivered", 2, null]));
    expect(rx.processed.size).toBe(4);
    expect(rx.state.duplicates).toBe(1);

    // The dead worker coming back late cannot overwrite the survivor's result.
    await crashed.process(claimed[1]);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: claimed[1].id } })).toMatchObject({
      status: "delivered",
      lockedBy: null,
    });
    expect(rx.processed.size).toBe(4);
  });
});

describe("circuit breaker", () => {
  it("pauses after the threshold, probes, resumes when the endpoint answers", async () => {
    const { buyer } = await world();
    const up = track(await listen((_q, _b, res) => void res.writeHead(405).end()));
    const c = await campaign(buyer.id, "webhook", { url: "http://127.0.0.1:9/never" });
    for (let i = 1; i < FAILURE_THRESHOLD; i++) expect(await recordFailure(c.id, "HTTP 500")).toBe(false);
    expect(await recordFailure(c.id, "timeout: no answer within 2000 ms")).toBe(true);
    expect(await prisma.buyerCampaign.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "paused",
      failureStreak: FAILURE_THRESHOLD,
      autoPausedReason: "Delivery endpoint failing: timeout: no answer within 2000 ms",
    });
    expect(await recordFailure(c.id, "HTTP 500")).toBe(false);
    expect(await probePausedCampaigns({ intervalMs: 0, allow: LOCAL, timeoutMs: 300 })).toEqual({
      probed: 1,
      resumed: 0,
    });
    await prisma.buyerCampaign.update({ where: { id: c.id }, data: { deliveryConfig: { url: up.url } } });
    await sleep(5);
    expect(await probePausedCampaigns({ intervalMs: 0, allow: LOCAL, timeoutMs: 300 })).toEqual({
      probed: 1,
      resumed: 1,
    });
    expect(await prisma.buyerCampaign.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "active",
      failureStreak: 0,
      autoPausedAt: null,
      autoPausedReason: null,
    });
    // A buyer's own pause is never resumed by the breaker.
    await prisma.buyerCampaign.update({ where: { id: c.id }, data: { status: "paused" } });
    expect(await probePausedCampaigns({ intervalMs: 0, allow: LOCAL })).toEqual({ probed: 0, resumed: 0 });
  });
});

describe("dynamic bids (ping/post)", () => {
  it("pings in parallel with non-PII fields; late, failed and empty bids skip with reasons", async () => {
    const { buyer } = await world();
    const fast = track(
      await listen(
        (_q, _b, res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"bid":12.34}'),
      ),
    );
    const late = track(
      await listen(async (_q, _b, res) => {
        await sleep(2000);
        res.writeHead(200).end('{"bid":99}');
      }),
    );
    const broken = track(await listen((_q, _b, res) => void res.writeHead(500).end()));
    const pass = track(await listen((_q, _b, res) => void res.writeHead(200).end('{"bid":0}')));
    const dyn = (pingUrl: string | null, cfg = {}) =>
      campaign(buyer.id, "webhook", { bidWindowMs: 500, ...cfg }, { bidType: "dynamic", pingUrl });
    const cs = [
      await campaign(buyer.id, "portal", {}),
      await dyn(`${fast.url}/ping`),
      await dyn(`${late.url}/ping`),
      await dyn(`${broken.url}/ping`),
      await dyn(`${pass.url}/ping`),
      await dyn(null),
      await dyn(`${late.url}/ping2`),
    ];
    const t0 = Date.now();
    const bids = await collectBids(cs, { ...leadData(), vertical: "insurance" }, LOCAL);
    expect(Date.now() - t0).toBeLessThan(980); // two 500 ms windows ran side by side
    expect(bids).toEqual([
      { campaignId: cs[0].id, priceCents: 2500 },
      { campaignId: cs[1].id, priceCents: 1234 },
      { campaignId: cs[2].id, skip: "bid_timeout", detail: "no bid within 500 ms" },
      { campaignId: cs[3].id, skip: "ping_failed", detail: "HTTP 500" },
      { campaignId: cs[4].id, skip: "no_bid", detail: "bidder passed" },
      { campaignId: cs[5].id, skip: "no_ping_url", detail: "dynamic-bid campaign has no pingUrl" },
      { campaignId: cs[6].id, skip: "bid_timeout", detail: "no bid within 500 ms" },
    ]);
    const ping = JSON.parse(fast.requests[0].body);
    expect(ping).toEqual({
      type: "lead.ping",
      lead: {
        vertical: "insurance",
        consumerState: "TX",
        consumerZip: "770",
        consumerCity: "Houston",
        incomeBracket: "$75,000-$100,000",
        homeownerStatus: "Homeowner",
        hasTrustedForm: true,
      },
    });
    expect(fast.requests[0].headers["webhook-signature"]).toMatch(/^v1,/);
  });
});

describe("deliveries API", () => {
  it.each([
    [
      "someone else's buyerId",
      "?buyerId=OTHER",
      403,
      {
        error: {
          code: "forbidden",
          message: "You may only act on your own buyer account (OWN)",
          details: [{ field: "buyerId", issue: "buyer OTHER is not your account" }],
        },
      },
    ],
    [
      "an unknown status",
      "?status=lost",
      400,
      {
        error: {
          code: "validation_failed",
          message: "Query parameters failed validation",
          details: [{ field: "status", issue: expect.any(String) }],
        },
      },
    ],
    [
      "an unknown parameter",
      "?sort=id",
      400,
      {
        error: {
          code: "validation_failed",
          message: "Query parameters failed validation",
          details: [{ field: "sort", issue: "unknown field; it is not accepted here" }],
        },
      },
    ],
  ])("GET /api/deliveries refuses %s", async (_n, qs, status, body) => {
    const { buyer, other } = await world();
    const key = await apiKeyFor(buyer.id);
    const res = await call(listRoute, "GET", `/api/deliveries${qs.replace("OTHER", String(other.id))}`, { key });
    expect(res.status).toBe(status);
    // OWN and OTHER in expected strings are the two buyers' ids.
    const ids = (v: unknown): unknown =>
      typeof v === "string"
        ? v.replace("OWN", String(buyer.id)).replace("OTHER", String(other.id))
        : Array.isArray(v)
          ? v.map(ids)
          : v && typeof v === "object" && v.constructor === Object
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ids(x)]))
            : v;
    expect(res.body).toEqual(ids(body));
  });

  it("buyers see their own, admins any; other buyers' rows are 404s; only dead/failed replay", async () => {
    const { buyer, other, seller } = await world();
    const mine = await campaign(buyer.id, "webhook", { url: "http://127.0.0.1:9/" });
    const theirs = await campaign(other.id, "webhook", { url: "http://127.0.0.1:9/" });
    const a = await soldLead(seller.id, mine);
    await soldLead(seller.id, theirs);
    const key = await apiKeyFor(buyer.id);

    const own = (await call(listRoute, "GET", "/api/deliveries", { key, query: { status: "pending" } })).body;
    expect(own.deliveries.map((d: { leadId: number }) => d.leadId)).toEqual([a.lead.id]);
    expect(own.deliveries[0]).toMatchObject({ buyerId: buyer.id, status: "pending", method: "webhook", attempts: 0 });
    expect(own.nextCursor).toBeNull();

    const admin = await adminCookie();
    const all = (await call(listRoute, "GET", "/api/deliveries", { cookie: admin, query: { buyerId: other.id } })).body;
    expect(all.deliveries).toHaveLength(1);
    expect(all.deliveries[0].buyerId).toBe(other.id);

    const theirId = (await prisma.delivery.findFirstOrThrow({ where: { buyerId: other.id } })).id;
    const cases: [string, string, string | null, number, unknown][] = [
      [
        "another buyer's delivery",
        String(theirId),
        key,
        404,
        { error: { code: "not_found", message: `No delivery with id ${theirId}` } },
      ],
      [
        "a pending delivery",
        "1",
        key,
        409,
        { error: { code: "conflict", message: "Only dead or failed deliveries can be replayed; this one is pending" } },
      ],
      [
        "no credentials",
        "1",
        null,
        401,
        {
          error: {
            code: "unauthorized",
            message: "Log in (POST /api/auth/login) or send an API key (Authorization: Bearer <key>)",
          },
        },
      ],
      ["a non-numeric id", "abc", key, 404, { error: { code: "not_found", message: "No delivery with id abc" } }],
    ];
    for (const [name, id, k, status, body] of cases) {
      const res = await call(replayRoute, "POST", `/api/deliveries/${id}/replay`, { key: k, params: { id } });
      expect([name, res.status, res.body]).toEqual([name, status, body]);
    }
    const rotate = `/api/buyer-campaigns/${theirs.id}/rotate-secret`;
    const rot = await call(rotateRoute, "POST", rotate, { key, params: { id: String(theirs.id) } });
    expect([rot.status, rot.body]).toEqual([
      404,
      { error: { code: "not_found", message: `No campaign with id ${theirs.id}` } },
    ]);
    const adminRot = await call(rotateRoute, "POST", rotate, { cookie: admin, params: { id: String(theirs.id) } });
    expect(adminRot.status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "campaign.secret_rotated" } })).toBe(1);
  });
});

// ---- helpers ----
async function apiKeyFor(buyerId: number) {
  const k = generateApiKey();
  await prisma.apiKey.create({ data: { name: "test", prefix: k.prefix, hash: k.hash, buyerId } });
  return k.key;
}
async function adminCookie() {
  const u = await prisma.user.create({
    data: {
      username: `admin${Date.now()}`,
      passwordHash: "x",
      role: "admin",
      fullName: "Admin",
      email: "a@example.com",
    },
  });
  const c = await sessionCookie({
    id: u.id,
    username: u.username,
    role: "admin",
    fullName: u.fullName,
    email: u.email,
    buyerId: null,
    sellerId: null,
  });
  return `${sessionCookieName()}=${c.value}`;
}
describe("running workers", () => {
  it("two workers draining one queue in parallel never deliver a row twice (SKIP LOCKED)", async () => {
    const { buyer, seller } = await world();
    let secret = "";
    const rx = track(await webhookReceiver(() => secret));
    const c = await campaign(buyer.id, "webhook", {});
    secret = c.webhookSecret!;
    const camp = { ...c, deliveryConfig: { url: rx.url } };
    await prisma.buyerCampaign.update({ where: { id: c.id }, data: { deliveryConfig: camp.deliveryConfig } });
    for (let i = 0; i < 30; i++) await soldLead(seller.id, camp);
    await Promise.all([fastWorker("a", { batchSize: 3 }).drain(), fastWorker("b", { batchSize: 3 }).drain()]);
    expect(rx.state).toEqual({ badSignatures: 0, duplicates: 0, calls: 30 });
    expect(await prisma.delivery.count({ where: { status: "delivered", attempts: 1 } })).toBe(30);
  });

  it("a started worker is woken by the sale's NOTIFY, not its poll, and stops gracefully", async () => {
    const { buyer, seller } = await world();
    let secret = "";
    const rx = track(await webhookReceiver(() => secret));
    const c = await campaign(buyer.id, "webhook", {});
    secret = c.webhookSecret!;
    const camp = { ...c, deliveryConfig: { url: rx.url } };
    await prisma.buyerCampaign.update({ where: { id: c.id }, data: { deliveryConfig: camp.deliveryConfig } });
    const { startDeliveryWorker, stopDeliveryWorker } = await import("@/lib/delivery/runtime");
    startDeliveryWorker({ workerId: "bg", allow: LOCAL, pollMs: 60_000 });
    try {
      await sleep(300); // first (empty) pass and LISTEN in place
      const t0 = Date.now();
      await soldLead(seller.id, camp);
      while (rx.processed.size < 1 && Date.now() - t0 < 5000) await sleep(10);
      expect(rx.processed.size).toBe(1);
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      await stopDeliveryWorker();
    }
    expect(await prisma.delivery.count({ where: { status: "delivered" } })).toBe(1);
  });

  it("a slow buyer holds one slot, not the batch: fast buyers keep flowing", async () => {
    const { buyer, seller } = await world();
    const slow = track(
      await listen(async (_q, _b, res) => {
        await sleep(3000);
        res.writeHead(200).end();
      }),
    );
    const fast = track(await listen((_q, _b, res) => void res.writeHead(200).end()));
    const s = await campaign(buyer.id, "webhook", { url: slow.url });
    const f = await campaign(buyer.id, "webhook", { url: fast.url });
    await soldLead(seller.id, s);
    for (let i = 0; i < 4; i++) await soldLead(seller.id, f);
    const w = fastWorker("slots", { batchSize: 2, pollMs: 60_000, timeoutMs: 5000 });
    const t0 = Date.now();
    w.start();
    try {
      while (fast.requests.length < 4 && Date.now() - t0 < 5000) await sleep(10);
      expect(fast.requests).toHaveLength(4);
      expect(Date.now() - t0).toBeLessThan(2800); // all four passed while the slow call was still open
      expect(slow.requests).toHaveLength(1);
    } finally {
      await w.stop(); // waits for the slow delivery in flight
    }
    expect(await prisma.delivery.count({ where: { status: "delivered" } })).toBe(5);
  });
});
