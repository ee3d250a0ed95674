// settleLead's last step: the shared rows (cap counters, balances) are charged in one statement
// and a refused guard drops only its pick. Driven directly (not through the precheck in
// matchAndBid) so the database guard is what refuses.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { toCents } from "@/lib/money";
import { normalizeLead } from "@/lib/pipeline/normalize";
import { buckets } from "@/lib/pipeline/match";
import { createPendingLead, settleLead, type LeadRecord } from "@/lib/pipeline/settle";
import { demo, exampleLead } from "./pipeline-helpers";

let d: Awaited<ReturnType<typeof demo>>;
beforeEach(async () => {
  d = await demo();
});

const campaign = (buyerId: number, over: Record<string, unknown> = {}) =>
  prisma.buyerCampaign.create({
    data: {
      buyerId,
      name: `g${Math.random()}`,
      vertical: "home_services",
      geoStates: ["CA"],
      pricePerLead: "10.00",
      ...over,
    },
  });

async function settle(
  picks: { campaign: Awaited<ReturnType<typeof campaign>>; priceCents: number }[],
  costCents = 100,
) {
  const lead = normalizeLead(exampleLead());
  const record: LeadRecord = {
    sellerId: d.seller1.id,
    intakeListId: null,
    externalCampaignId: null,
    sourceType: null,
    source: null,
    vertical: "home_services",
    subVertical: null,
    qualityScore: 80,
    matchCount: picks.length,
  };
  const leadId = await createPendingLead(prisma, { lead, record });
  const result = await settleLead(prisma, {
    leadId,
    lead,
    record,
    payout: { kind: "fixed", cents: costCents, capAtRevenue: false },
    pingId: null,
    picks,
    finalRound: true,
    outcomes: [],
    exclusive: false,
    now: new Date(),
  });
  return { leadId, result };
}

const balance = async (model: "buyer" | "seller", id: number) =>
  toCents((await (prisma[model] as typeof prisma.buyer).findUniqueOrThrow({ where: { id } })).balance);

describe("settle guards", () => {
  const cases: { name: string; setup: () => Promise<{ picks: Parameters<typeof settle>[0]; dropped: string[] }> }[] = [
    {
      name: "a buyer that can pay for one of its two picks keeps the better one",
      setup: async () => {
        await prisma.buyer.update({ where: { id: d.buyer1.id }, data: { balance: "15.00", creditLimit: "0" } });
        const a = await campaign(d.buyer1.id),
          b = await campaign(d.buyer1.id);
        return {
          picks: [
            { campaign: a, priceCents: 1200 },
            { campaign: b, priceCents: 1100 },
          ],
          dropped: [`${b.id}:insufficient_balance`],
        };
      },
    },
    {
      name: "a campaign whose counter a parallel sale filled is dropped as cap_reached",
      setup: async () => {
        const a = await campaign(d.buyer1.id, { dailyCap: 2 }),
          b = await campaign(d.buyer2.id);
        await prisma.campaignCounter.create({
          data: { campaignId: a.id, bucket: buckets(new Date()).d, leads: 2, spend: "20.00" },
        });
        return {
          picks: [
            { campaign: a, priceCents: 1000 },
            { campaign: b, priceCents: 900 },
          ],
          dropped: [`${a.id}:cap_reached`],
        };
      },
    },
    {
      name: "a daily budget that one more sale would pass is budget_reached",
      setup: async () => {
        const a = await campaign(d.buyer1.id, { dailyBudget: "25.00" }),
          b = await campaign(d.buyer2.id);
        await prisma.campaignCounter.create({
          data: { campaignId: a.id, bucket: buckets(new Date()).d, leads: 2, spend: "20.00" },
        });
        return {
          picks: [
            { campaign: a, priceCents: 1000 },
            { campaign: b, priceCents: 900 },
          ],
          dropped: [`${a.id}:budget_reached`],
        };
      },
    },
    {
      name: "every pick refused leaves the lead unsold with nothing charged",
      setup: async () => {
        await prisma.buyer.update({ where: { id: d.buyer1.id }, data: { balance: "0", creditLimit: "0" } });
        const a = await campaign(d.buyer1.id);
        return { picks: [{ campaign: a, priceCents: 1000 }], dropped: [`${a.id}:insufficient_balance`] };
      },
    },
  ];

  it.each(cases)("$name", async ({ setup }) => {
    const { picks, dropped } = await setup();
    const before = {
      b1: await balance("buyer", d.buyer1.id),
      b2: await balance("buyer", d.buyer2.id),
      s: await balance("seller", d.seller1.id),
    };
    const { leadId, result } = await settle(picks);
    if (result.kind !== "settled") throw new Error(`expected settled, got ${result.kind}`);
    expect(result.outcomes.map((o) => `${o.campaignId}:${o.reason}`)).toEqual(dropped);
    const kept = picks.filter((p) => !dropped.some((x) => x.startsWith(`${p.campaign.id}:`)));
    const sales = await prisma.leadSale.findMany({ where: { leadId }, orderBy: { id: "asc" } });
    expect(sales.map((s) => s.campaignId)).toEqual(kept.map((p) => p.campaign.id));
    const lead = await prisma.lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead.status).toBe(kept.length ? "sold" : "unsold");
    expect(toCents(lead.revenue)).toBe(kept.reduce((s, p) => s + p.priceCents, 0));
    // Money moved exactly for the kept sales; the ledger agrees with the balances.
    const spent = (buyerId: number) =>
      kept.filter((p) => p.campaign.buyerId === buyerId).reduce((s, p) => s + p.priceCents, 0);
    expect(await balance("buyer", d.buyer1.id)).toBe(before.b1! - spent(d.buyer1.id));
    expect(await balance("buyer", d.buyer2.id)).toBe(before.b2! - spent(d.buyer2.id));
    expect(await balance("seller", d.seller1.id)).toBe(before.s! + (kept.length ? 100 : 0));
    expect(await prisma.transaction.count({ where: { leadId } })).toBe(kept.length + (kept.length ? 1 : 0));
    for (const p of picks) {
      const counter = await prisma.campaignCounter.findFirst({
        where: { campaignId: p.campaign.id, bucket: buckets(new Date()).d },
      });
      const preset = dropped.some(
        (x) => x.startsWith(`${p.campaign.id}:cap`) || x.startsWith(`${p.campaign.id}:budget`),
      )
        ? 2
        : 0;
      expect(counter?.leads ?? 0).toBe(preset + (kept.includes(p) ? 1 : 0));
    }
  });
});
