// The dashboard read models against the seeded history: every figure is recomputed here the
// slow, obvious way from the rows and must agree with the SQL aggregates the pages show.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { seedDemo } from "@/lib/seed";
import { toCents, balanceEffect } from "@/lib/money";
import {
  buyerInbox,
  buyerLeadDetail,
  buyerOverview,
  campaignsWithToday,
  nearCap,
  transactions,
} from "@/lib/queries/buyer";
import { sellerStats, sellerSubmissions } from "@/lib/queries/seller";
import { marketplaceOverview } from "@/lib/queries/admin";
import { dayBucket, parseRange } from "@/lib/queries/common";

const NOW = new Date("2026-11-22T12:00:00Z");
const c = (v: unknown) => toCents(v as string) ?? 0;

async function seeded() {
  await seedDemo(prisma, { now: NOW });
  const buyers = await prisma.buyer.findMany({ orderBy: { id: "asc" } });
  const sellers = await prisma.seller.findMany({ orderBy: { id: "asc" } });
  return { buyers, sellers };
}

describe("buyer read models", () => {
  it("overview month figures and the daily series match the sales rows", async () => {
    const { buyers } = await seeded();
    const b = buyers[0];
    const o = await buyerOverview(b.id, NOW);
    const month = new Date("2026-11-01T00:00:00Z");
    const sales = await prisma.leadSale.findMany({ where: { buyerId: b.id, createdAt: { gte: month } } });
    expect(o.month.leads).toBe(sales.length);
    expect(o.month.spendCents).toBe(sales.reduce((s, x) => s + c(x.price), 0));
    expect(o.balanceCents).toBe(c(b.balance));
    expect(o.series).toHaveLength(30);
    const all = await prisma.leadSale.count({ where: { buyerId: b.id } });
    expect(o.series.reduce((s, d) => s + d.leads, 0)).toBe(all); // the history is 21 days, inside the window
  });

  it("today's count takes the cap counter when it is ahead of the sales, and nearCap orders by utilization", async () => {
    const { buyers } = await seeded();
    const camps = await prisma.buyerCampaign.findMany({
      where: { buyerId: buyers[0].id, status: "active" },
      orderBy: { id: "asc" },
    });
    await prisma.campaignCounter.create({
      data: { campaignId: camps[1].id, bucket: dayBucket(NOW, undefined), leads: 27, spend: "1674.00" },
    });
    const rows = await campaignsWithToday({ buyerId: buyers[0].id }, NOW);
    const row = rows.find((r) => r.id === camps[1].id)!;
    expect(row.todayCount).toBe(27);
    expect(row.todaySpendCents).toBe(167400);
    const near = nearCap(rows);
    expect(near[0].id).toBe(camps[1].id);
    expect(near[0].utilization).toBeCloseTo(27 / (camps[1].dailyCap as number));
    expect(rows.every((r) => r.status !== "archived")).toBe(true);
  });

  it("inbox filters by status, vertical and search, pages, and never shows another buyer's lead", async () => {
    const { buyers } = await seeded();
    const [b1, b2] = buyers;
    const all = await buyerInbox(b1.id, { page: 1 });
    expect(all.total).toBe(await prisma.leadSale.count({ where: { buyerId: b1.id } }));
    expect(all.rows.length).toBe(Math.min(25, all.total));
    const returned = await buyerInbox(b1.id, { status: "returned", page: 1 });
    expect(returned.total).toBe(await prisma.leadSale.count({ where: { buyerId: b1.id, status: "returned" } }));
    expect(returned.rows.every((r) => r.status === "returned" && r.creditCents === r.priceCents)).toBe(true);

    const mine = all.rows[0];
    const byId = await buyerInbox(b1.id, { q: String(mine.leadId), page: 1 });
    expect(byId.rows.map((r) => r.leadId)).toContain(mine.leadId);
    const byName = await buyerInbox(b1.id, { q: mine.consumerName!.toUpperCase(), page: 1 });
    expect(byName.rows.every((r) => r.consumerName === mine.consumerName)).toBe(true);

    // The other buyer cannot find it by id, in the inbox or as a detail page.
    expect((await buyerInbox(b2.id, { q: String(mine.leadId), page: 1 })).rows.map((r) => r.leadId)).not.toContain(
      mine.leadId,
    );
    expect(await buyerLeadDetail(b2.id, mine.leadId)).toBeNull();
    expect((await buyerLeadDetail(b1.id, mine.leadId))?.lead.id).toBe(mine.leadId);
  });

  it("transactions carry the signed balance effect and sum to the balance", async () => {
    const { buyers } = await seeded();
    const b = buyers[1];
    const t = await transactions({ buyerId: b.id }, 1);
    const rows = await prisma.transaction.findMany({ where: { buyerId: b.id } });
    expect(t.total).toBe(rows.length);
    const effect = t.totals.reduce((s, x) => s + balanceEffect(x.type, x.amountCents), 0);
    expect(effect).toBe(c(b.balance));
    const sale = t.rows.find((r) => r.type === "lead_sale")!;
    expect(sale.effectCents).toBe(-sale.amountCents);
  });
});

describe("seller and admin read models", () => {
  it("seller stats add up: accepted + rejected = submitted, reasons = rejected, payout = purchases", async () => {
    const { sellers } = await seeded();
    const s = sellers[0];
    const range = parseRange({}, 30, NOW);
    const st = await sellerStats(s.id, { range });
    const leads = await prisma.lead.findMany({ where: { sellerId: s.id } });
    expect(st.submitted).toBe(leads.length);
    expect(st.accepted + st.rejected).toBe(st.submitted);
    expect(st.sold).toBe(leads.filter((l) => l.status === "sold" || l.status === "returned").length);
    expect(st.reasons.reduce((a, r) => a + r.count, 0)).toBe(
      leads.filter((l) => l.status === "rejected").reduce((a, l) => a + l.rejectionReasons.length, 0),
    );
    const purchases = await prisma.transaction.findMany({ where: { sellerId: s.id, type: "lead_purchase" } });
    expect(st.payoutCents).toBe(purchases.reduce((a, p) => a + c(p.amount), 0));
    expect(st.averagePriceCents).toBe(Math.round(st.payoutCents / purchases.length));
    expect(st.acceptanceRate).toBeCloseTo(st.accepted / st.submitted);
    expect(st.series.reduce((a, d) => a + d.submitted, 0)).toBe(st.submitted);

    // A vertical filter narrows every figure; a range with no leads gives zeros, not errors.
    const debt = await sellerStats(s.id, { range, vertical: "debt_relief" });
    expect(debt.submitted).toBe(leads.filter((l) => l.vertical === "debt_relief").length);
    const empty = await sellerStats(s.id, { range: parseRange({ from: "2020-01-01", to: "2020-01-31" }, 30, NOW) });
    expect([empty.submitted, empty.payoutCents, empty.acceptanceRate]).toEqual([0, 0, null]);
  });

  it("seller submissions list only the seller's own leads with their reasons", async () => {
    const { sellers } = await seeded();
    const rej = await sellerSubmissions(sellers[1].id, { status: "rejected", page: 1 });
    expect(rej.total).toBe(await prisma.lead.count({ where: { sellerId: sellers[1].id, status: "rejected" } }));
    expect(rej.rows.every((r) => r.status === "rejected" && r.reasons.length > 0)).toBe(true);
  });

  it("marketplace totals equal the sums over leads, and margin = revenue - cost", async () => {
    await seeded();
    const o = await marketplaceOverview(parseRange({}, 30, NOW));
    const leads = await prisma.lead.findMany();
    expect(o.totals.leads).toBe(leads.length);
    expect(o.totals.revenueCents).toBe(leads.reduce((a, l) => a + c(l.revenue), 0));
    expect(o.totals.costCents).toBe(leads.reduce((a, l) => a + c(l.cost), 0));
    expect(o.totals.marginCents).toBe(o.totals.revenueCents - o.totals.costCents);
    expect(o.topBuyers.reduce((a, b) => a + b.leads, 0)).toBe(await prisma.leadSale.count());
    expect(o.series.reduce((a, d) => a + d.leads, 0)).toBe(leads.length);
    expect(o.deliveries.failing).toEqual([]);
  });
});
