// Exact counts under parallel requests: the database, not JavaScript, decides. Run these on
// real PostgreSQL (DATABASE_URL) to exercise the row locks; PGlite runs them serialised.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { POST as ping } from "@/app/api/leads/ping/route";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { toCents } from "@/lib/money";
import { call } from "./helpers/api";
import { demo, exampleLead, KEY } from "./pipeline-helpers";

const auth = { authorization: `Bearer ${KEY}` };
let d: Awaited<ReturnType<typeof demo>>;

beforeEach(async () => {
  d = await demo();
  // A vertical of our own so only the campaigns made here compete.
  await prisma.vertical.create({
    data: { key: "roof", name: "Roofing", requiredFields: ["consumerPhone", "consumerState"] },
  });
});

const campaignFor = (buyerId: number, over: Record<string, unknown> = {}) =>
  prisma.buyerCampaign.create({
    data: { buyerId, name: `c${Math.random()}`, vertical: "roof", geoStates: ["CA"], pricePerLead: "10.00", ...over },
  });

const lead = (over: Record<string, unknown> = {}) =>
  exampleLead({ vertical: "roof", subVertical: undefined, cost: "1.00", ...over });
const ingestAll = (bodies: Record<string, unknown>[], headers: Record<string, string> = auth) =>
  Promise.all(bodies.map((b) => call(ingest, "POST", "/api/leads/ingest", { body: b, headers })));

describe("concurrency", () => {
  it("N parallel ingests against dailyCap C sell exactly min(N, C)", async () => {
    const c = await campaignFor(d.buyer1.id, { dailyCap: 7 });
    invalidateCampaignIndex();
    const results = await ingestAll(Array.from({ length: 20 }, () => lead()));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.status === "sold")).toHaveLength(7);
    expect(results.filter((r) => r.body.status === "unsold")).toHaveLength(13);
    expect(await prisma.leadSale.count({ where: { campaignId: c.id } })).toBe(7);
    const counters = await prisma.campaignCounter.findMany({ where: { campaignId: c.id } });
    expect(counters.map((x) => x.leads)).toEqual([7]);
    expect(toCents(counters[0].spend)).toBe(7000);
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: d.buyer1.id } })).balance)).toBe(
      2_500_000 - 7000,
    );
    const unsold = await prisma.lead.findMany({ where: { status: "unsold" } });
    for (const l of unsold)
      expect(l.unsoldReasons).toEqual([{ campaignId: c.id, buyerId: d.buyer1.id, reason: "cap_reached" }]);
  });

  it("two shared campaigns with different caps each stop exactly at their cap", async () => {
    const a = await campaignFor(d.buyer1.id, { dailyCap: 3, pricePerLead: "12.00" });
    const b = await campaignFor(d.buyer2.id, { dailyCap: 5, hourlyCap: 4, pricePerLead: "11.00" });
    invalidateCampaignIndex();
    const results = await ingestAll(Array.from({ length: 12 }, () => lead()));
    expect(await prisma.leadSale.count({ where: { campaignId: a.id } })).toBe(3);
    expect(await prisma.leadSale.count({ where: { campaignId: b.id } })).toBe(4);
    expect(results.filter((r) => r.body.status === "sold")).toHaveLength(4);
    expect(results.reduce((s, r) => s + r.body.revenue, 0)).toBe(3 * 12 + 4 * 11);
  });

  it("M parallel submissions of one consumer accept exactly one; the rest are duplicate_lead", async () => {
    await campaignFor(d.buyer1.id);
    invalidateCampaignIndex();
    const same = lead();
    const results = await ingestAll(Array.from({ length: 10 }, () => same));
    expect(results.filter((r) => r.body.success)).toHaveLength(1);
    const dupes = results.filter((r) => !r.body.success);
    expect(dupes).toHaveLength(9);
    for (const r of dupes) expect(r.body.rejectionReasons, JSON.stringify(r.body)).toEqual(["duplicate_lead"]);
    expect(await prisma.leadSale.count()).toBe(1);
    expect(await prisma.lead.count({ where: { status: "rejected" } })).toBe(9);
  });

  it("an exclusive ping posted in parallel is sold once", async () => {
    await campaignFor(d.buyer1.id, { exclusive: true, pricePerLead: "30.00" });
    await campaignFor(d.buyer2.id, { pricePerLead: "20.00" });
    invalidateCampaignIndex();
    const p = await call(ping, "POST", "/api/leads/ping", {
      body: { vertical: "roof", consumerState: "CA", consumerZip: "90210" },
      headers: auth,
    });
    expect(p.body).toMatchObject({ bidPrice: 10, exclusiveBidPrice: 15, matchCount: 2 });
    const results = await ingestAll(
      Array.from({ length: 8 }, () => lead({ pingId: p.body.pingId, exclusive: true, cost: undefined })),
    );
    const sold = results.filter((r) => r.status === 200);
    expect(sold).toHaveLength(1);
    expect(sold[0].body).toMatchObject({ status: "sold", revenue: 30, cost: 15, buyerId: d.buyer1.id });
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(7).fill("ping_used"));
    expect(await prisma.leadSale.count()).toBe(1);
    expect(await prisma.transaction.count({ where: { type: "lead_purchase" } })).toBe(1);
  });

  it("parallel sales never take a buyer past its credit: exactly what the money covers", async () => {
    await prisma.buyer.update({ where: { id: d.buyer1.id }, data: { balance: "35.00", creditLimit: "0" } });
    await campaignFor(d.buyer1.id);
    invalidateCampaignIndex();
    const results = await ingestAll(Array.from({ length: 9 }, () => lead()));
    expect(results.filter((r) => r.body.status === "sold")).toHaveLength(3);
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: d.buyer1.id } })).balance)).toBe(500);
    const unsold = await prisma.lead.findMany({ where: { status: "unsold" } });
    expect(unsold).toHaveLength(6);
    for (const l of unsold) expect((l.unsoldReasons as { reason: string }[])[0].reason).toBe("insufficient_balance");
  });

  it("parallel retries with one Idempotency-Key create one lead", async () => {
    await campaignFor(d.buyer1.id);
    invalidateCampaignIndex();
    const body = lead();
    const results = await ingestAll(
      Array.from({ length: 6 }, () => body),
      { ...auth, "idempotency-key": "same-key" },
    );
    expect(await prisma.lead.count()).toBe(1);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of ok) expect(r.body).toEqual(ok[0].body);
    // Those that arrived while the first was running are told to retry (409), never run twice.
    for (const r of results.filter((x) => x.status !== 200))
      expect([r.status, r.body.error.code]).toEqual([409, "idempotency_conflict"]);
  });

  it("a shared lead is sold to at most MAX_SHARED_SALES buyers", async () => {
    const buyers = await Promise.all(
      [1, 2, 3, 4].map((i) => prisma.buyer.create({ data: { companyName: `X${i}`, balance: "100.00" } })),
    );
    for (const [i, b] of buyers.entries()) await campaignFor(b.id, { pricePerLead: `${10 + i}.00` });
    invalidateCampaignIndex();
    const [r] = await ingestAll([lead()]);
    expect(r.body).toMatchObject({ status: "sold", revenue: 13 + 12 + 11, buyerId: buyers[3].id });
    expect(await prisma.leadSale.count()).toBe(3);
  });
});
