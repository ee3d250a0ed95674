// Reliability suite, part 1: exact outcomes under heavy parallel load, repeated so a
// race that loses one time in twenty still shows. Each round starts from an empty database
// (TRUNCATE + demo seed) and ends with the ledger invariant (every balance == its ledger).
//
// Sizes: on real PostgreSQL (DATABASE_URL) every scenario runs ROUNDS = 20 times at full width.
// Without DATABASE_URL the tests run on in-memory PGlite, which serialises every query: there is no
// real concurrency to race, so 2 rounds are a smoke check of the same assertions (~30 s; measured
// 20 rounds on PostgreSQL: ~4 min, the 200-ingest scenario ~9 s a round). RELIABILITY_ROUNDS overrides both.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import * as returnRoute from "@/app/api/leads/[id]/return/route";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { toCents } from "@/lib/money";
import { call } from "./helpers/api";
import { demo, exampleLead, freshPhone, KEY } from "./pipeline-helpers";
import { expectBalancesMatchLedger } from "./helpers/ledger";
import { resetDatabase } from "./setup";

const REAL_PG = Boolean(process.env.DATABASE_URL);
const ROUNDS = Number(process.env.RELIABILITY_ROUNDS ?? (REAL_PG ? 20 : 2));
const auth = { authorization: `Bearer ${KEY}` };

/** A clean world: demo accounts plus a vertical of our own, so only the campaign made here competes. */
async function freshRound(campaign: Record<string, unknown> = {}) {
  await resetDatabase();
  const d = await demo();
  await prisma.vertical.create({
    data: { key: "roof", name: "Roofing", requiredFields: ["consumerPhone", "consumerState"] },
  });
  const c = await prisma.buyerCampaign.create({
    data: {
      buyerId: d.buyer1.id,
      name: "Reliability",
      vertical: "roof",
      geoStates: ["CA"],
      pricePerLead: "10.00",
      ...campaign,
    },
  });
  invalidateCampaignIndex();
  return { ...d, campaign: c };
}

const lead = (over: Record<string, unknown> = {}) =>
  exampleLead({ vertical: "roof", subVertical: undefined, cost: "1.00", ...over });
const ingestAll = (bodies: Record<string, unknown>[]) =>
  Promise.all(bodies.map((b) => call(ingest, "POST", "/api/leads/ingest", { body: b, headers: auth })));
const balanceOf = async (buyerId: number) =>
  toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: buyerId } })).balance)!;

/** The same 10-digit number the way people and forms write it. */
function phoneFormats(p: string): string[] {
  const [a, b, c] = [p.slice(0, 3), p.slice(3, 6), p.slice(6)];
  return [
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `+1 ${a} ${b} ${c}`,
    p,
    `1-${a}-${b}-${c}`,
    `${a}.${b}.${c}`,
    `+1 (${a}) ${b}-${c}`,
    `1${p}`,
    `+1${p}`,
    `${a} ${b} ${c}`,
    ` ${p} `,
    `(${a})${b}-${c}`,
    `1 (${a}) ${b} ${c}`,
    `${a}/${b}-${c}`,
  ];
}

const timings: Record<string, number[]> = {};
async function rounds(name: string, fn: (round: number) => Promise<void>) {
  timings[name] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    try {
      await fn(i);
    } catch (e) {
      throw new Error(`${name}: round ${i + 1}/${ROUNDS} failed: ${e instanceof Error ? e.message : e}`, { cause: e });
    }
    timings[name].push(performance.now() - t);
  }
  const ms = timings[name];
  console.log(
    `[reliability] ${name}: ${ROUNDS} rounds on ${REAL_PG ? "PostgreSQL" : "PGlite"}, ${Math.round(ms.reduce((a, b) => a + b, 0))} ms total, slowest round ${Math.round(Math.max(...ms))} ms`,
  );
}

describe(`reliability under concurrency (${ROUNDS} rounds each)`, () => {
  it("200 parallel ingests against dailyCap 25 sell exactly 25 and move exactly 25 × price", async () => {
    const N = 200;
    const CAP = 25;
    await rounds("cap", async () => {
      const { buyer1, campaign } = await freshRound({ dailyCap: CAP, pricePerLead: "10.00" });
      const before = await balanceOf(buyer1.id);
      const results = await ingestAll(Array.from({ length: N }, () => lead()));
      expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
      expect(results.filter((r) => r.body.status === "sold")).toHaveLength(CAP);
      expect(results.filter((r) => r.body.status === "unsold")).toHaveLength(N - CAP);
      expect(await prisma.leadSale.count({ where: { campaignId: campaign.id } })).toBe(CAP);
      const counters = await prisma.campaignCounter.findMany({ where: { campaignId: campaign.id } });
      expect(counters.map((c) => [c.leads, toCents(c.spend)])).toEqual([[CAP, CAP * 1000]]);
      expect(await balanceOf(buyer1.id)).toBe(before - CAP * 1000);
      expect(await prisma.transaction.count({ where: { type: "lead_sale", buyerId: buyer1.id } })).toBe(CAP);
      expect(await prisma.lead.count({ where: { status: "sold" } })).toBe(CAP);
      await expectBalancesMatchLedger();
    });
  }, 600_000);

  it("100 parallel submissions of one consumer, phone written 14 ways, accept exactly one", async () => {
    const M = 100;
    await rounds("duplicates", async () => {
      await freshRound();
      const phone = freshPhone();
      const formats = phoneFormats(phone);
      // No email: the phone alone identifies the consumer, so every spelling must reduce to it.
      const bodies = Array.from({ length: M }, (_, i) =>
        lead({ consumerEmail: undefined, consumerPhone: formats[i % formats.length] }),
      );
      const results = await ingestAll(bodies);
      expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const accepted = results.filter((r) => r.body.success);
      expect(accepted).toHaveLength(1);
      const dupes = results.filter((r) => !r.body.success);
      expect(dupes).toHaveLength(M - 1);
      for (const r of dupes) expect(r.body.rejectionReasons).toEqual(["duplicate_lead"]);
      const rows = await prisma.lead.findMany({ where: { consumerPhone: phone }, select: { status: true } });
      expect(rows).toHaveLength(M);
      expect(rows.filter((l) => l.status !== "rejected")).toHaveLength(1);
      expect(await prisma.leadSale.count()).toBe(1);
      await expectBalancesMatchLedger();
    });
  }, 600_000);

  it("10 parallel returns of one sold lead credit the buyer exactly once; the rest are 409 already_returned", async () => {
    const R = 10;
    await rounds("returns", async () => {
      const { buyer1, campaign } = await freshRound({ pricePerLead: "37.50" });
      const [sold] = await ingestAll([lead()]);
      expect(sold.body).toMatchObject({ status: "sold", buyerId: buyer1.id });
      const leadId = sold.body.leadId as number;
      const user = await prisma.user.findFirstOrThrow({ where: { buyerId: buyer1.id } });
      const before = await balanceOf(buyer1.id);

      const results = await Promise.all(
        Array.from({ length: R }, () =>
          call(returnRoute.POST, "POST", `/api/leads/${leadId}/return`, {
            as: user,
            body: { reason: "wrong_number" },
            params: { id: String(leadId) },
          }),
        ),
      );
      const ok = results.filter((r) => r.status === 200);
      expect(ok.map((r) => r.body)).toEqual([{ message: "Lead returned successfully" }]);
      const refused = results.filter((r) => r.status !== 200);
      expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(R - 1).fill([409, "already_returned"]));
      for (const r of refused) expect(r.body.error.message).toEqual(expect.any(String));

      const credits = await prisma.transaction.findMany({ where: { type: "return_credit" } });
      expect(credits.map((t) => [t.buyerId, t.leadId, toCents(t.amount)])).toEqual([[buyer1.id, leadId, 3750]]);
      expect(await prisma.leadReturn.count()).toBe(1);
      expect(await balanceOf(buyer1.id)).toBe(before + 3750);
      expect((await prisma.leadSale.findFirstOrThrow({ where: { leadId, campaignId: campaign.id } })).status).toBe(
        "returned",
      );
      await expectBalancesMatchLedger();
    });
  }, 600_000);
});
