// Read models for the buyer dashboard. Amounts leave here as integer cents, dates as ISO strings.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../db";
import { balanceEffect } from "../money";
import { cents, dayBucket, daysBetween, DAY_MS, fillDays, num, startOfUtcDay, startOfUtcMonth, ymd } from "./common";
import { containsText, equalsText } from "../search";

export async function buyerOverview(buyerId: number, now = new Date()) {
  const today = startOfUtcDay(now);
  const month = startOfUtcMonth(now);
  const since = new Date(today.getTime() - 29 * DAY_MS);
  const [todaySales, monthSales, todayReturns, monthReturns, buyer, perDay] = await Promise.all([
    prisma.leadSale.aggregate({ where: { buyerId, createdAt: { gte: today } }, _count: true, _sum: { price: true } }),
    prisma.leadSale.aggregate({ where: { buyerId, createdAt: { gte: month } }, _count: true, _sum: { price: true } }),
    prisma.leadReturn.aggregate({
      where: { buyerId, createdAt: { gte: today } },
      _count: true,
      _sum: { creditAmount: true },
    }),
    prisma.leadReturn.aggregate({
      where: { buyerId, createdAt: { gte: month } },
      _count: true,
      _sum: { creditAmount: true },
    }),
    prisma.buyer.findUniqueOrThrow({ where: { id: buyerId }, select: { balance: true, creditLimit: true } }),
    prisma.$queryRaw<{ day: Date; leads: bigint; spend: Prisma.Decimal | null }[]>`
      SELECT date_trunc('day', "createdAt") AS day, count(*) AS leads, sum(price) AS spend
      FROM "LeadSale" WHERE "buyerId" = ${buyerId} AND "createdAt" >= ${since}
      GROUP BY 1 ORDER BY 1`,
  ]);
  const series = fillDays(
    daysBetween(since, new Date(today.getTime() + DAY_MS)),
    perDay.map((r) => ({ day: ymd(new Date(r.day)), leads: num(r.leads), spend: cents(r.spend) / 100 })),
    (day) => ({ day, leads: 0, spend: 0 }),
  );
  return {
    today: {
      leads: todaySales._count,
      spendCents: cents(todaySales._sum.price),
      returns: todayReturns._count,
      creditsCents: cents(todayReturns._sum.creditAmount),
    },
    month: {
      leads: monthSales._count,
      spendCents: cents(monthSales._sum.price),
      returns: monthReturns._count,
      creditsCents: cents(monthReturns._sum.creditAmount),
    },
    balanceCents: cents(buyer.balance),
    creditLimitCents: cents(buyer.creditLimit),
    series,
  };
}

export type CampaignRow = {
  id: number;
  name: string;
  vertical: string;
  subVertical: string | null;
  status: string;
  priceCents: number;
  bidType: string;
  dailyCap: number | null;
  todayCount: number;
  todaySpendCents: number;
  states: string[];
  deliveryMethod: string;
  exclusive: boolean;
  priority: number;
  autoPausedReason: string | null;
};

/**
 * Campaigns with today's count against the daily cap. The count is the cap counter the pipeline
 * increments (bucket in the campaign's time zone); campaigns that sold before counters existed
 * (the seeded history) fall back to today's sales, so the figure is never below what was sold.
 */
export async function campaignsWithToday(
  where: Prisma.BuyerCampaignWhereInput,
  now = new Date(),
): Promise<(CampaignRow & { buyerId: number; buyerName: string })[]> {
  const campaigns = await prisma.buyerCampaign.findMany({
    where: { ...where, status: where.status ?? { not: "archived" } },
    orderBy: [{ status: "asc" }, { priority: "desc" }, { id: "asc" }],
    include: { buyer: { select: { companyName: true } } },
  });
  if (!campaigns.length) return [];
  const ids = campaigns.map((c) => c.id);
  const buckets = campaigns.map((c) => dayBucket(now, (c.schedule as { timezone?: string } | null)?.timezone));
  const [counters, sales] = await Promise.all([
    prisma.campaignCounter.findMany({ where: { campaignId: { in: ids }, bucket: { in: [...new Set(buckets)] } } }),
    prisma.leadSale.groupBy({
      by: ["campaignId"],
      where: { campaignId: { in: ids }, createdAt: { gte: startOfUtcDay(now) } },
      _count: true,
      _sum: { price: true },
    }),
  ]);
  return campaigns.map((c, i) => {
    const counter = counters.find((k) => k.campaignId === c.id && k.bucket === buckets[i]);
    const sale = sales.find((s) => s.campaignId === c.id);
    return {
      id: c.id,
      buyerId: c.buyerId,
      buyerName: c.buyer.companyName,
      name: c.name,
      vertical: c.vertical,
      subVertical: c.subVertical,
      status: c.status,
      priceCents: cents(c.pricePerLead),
      bidType: c.bidType,
      dailyCap: c.dailyCap,
      todayCount: Math.max(counter?.leads ?? 0, sale?._count ?? 0),
      todaySpendCents: Math.max(cents(counter?.spend), cents(sale?._sum.price)),
      states: c.geoStates,
      deliveryMethod: c.deliveryMethod,
      exclusive: c.exclusive,
      priority: c.priority,
      autoPausedReason: c.autoPausedReason,
    };
  });
}

/** Active capped campaigns ordered by how full today's cap is (the fullest first). */
export function nearCap<T extends CampaignRow>(rows: T[], limit = 5): (T & { utilization: number })[] {
  return rows
    .filter((r) => r.status === "active" && r.dailyCap)
    .map((r) => ({ ...r, utilization: r.todayCount / (r.dailyCap as number) }))
    .sort((a, b) => b.utilization - a.utilization)
    .slice(0, limit);
}

export async function getCampaign(buyerId: number | null, id: number) {
  return prisma.buyerCampaign.findFirst({ where: { id, ...(buyerId ? { buyerId } : {}) } });
}

export const INBOX_PAGE_SIZE = 25;

export type InboxFilters = { status?: string; vertical?: string; q?: string; from?: string; to?: string; page: number };

/** The buyer's purchased leads (one row per sale), newest first, with filters and search. */
export async function buyerInbox(buyerId: number, f: InboxFilters) {
  const where: Prisma.LeadSaleWhereInput = { buyerId };
  if (f.status === "sold" || f.status === "returned") where.status = f.status;
  const lead: Prisma.LeadWhereInput = {};
  if (f.vertical) lead.vertical = equalsText(f.vertical);
  const q = f.q?.trim();
  if (q) {
    const digits = q.replace(/\D/g, "");
    lead.OR = [
      { consumerName: containsText(q, { insensitive: true }) },
      { consumerEmail: containsText(q, { insensitive: true }) },
      ...(digits.length >= 3 ? [{ normalizedPhone: { contains: digits } }] : []),
      ...(/^\d+$/.test(q) && Number(q) < 2 ** 31 ? [{ id: Number(q) }] : []),
    ];
  }
  if (Object.keys(lead).length) where.lead = lead;
  const created: Prisma.DateTimeFilter = {};
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) created.gte = new Date(`${f.from}T00:00:00Z`);
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) created.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY_MS);
  if (Object.keys(created).length) where.createdAt = created;

  const [total, rows] = await Promise.all([
    prisma.leadSale.count({ where }),
    prisma.leadSale.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      include: {
        lead: {
          select: {
            id: true,
            vertical: true,
            subVertical: true,
            consumerName: true,
            consumerState: true,
            consumerZip: true,
            consumerPhone: true,
            qualityScore: true,
            consentRevokedAt: true,
            erasedAt: true,
          },
        },
        campaign: { select: { name: true } },
        leadReturn: { select: { creditAmount: true, reason: true } },
      },
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)),
    rows: rows.map((s) => ({
      saleId: s.id,
      leadId: s.lead.id,
      vertical: s.lead.vertical,
      subVertical: s.lead.subVertical,
      consumerName: s.lead.consumerName,
      state: s.lead.consumerState,
      zip: s.lead.consumerZip,
      phone: s.lead.consumerPhone,
      qualityScore: s.lead.qualityScore,
      campaign: s.campaign.name,
      priceCents: cents(s.price),
      status: s.status,
      createdAt: s.createdAt.toISOString(),
      returnDeadline: s.returnDeadline.toISOString(),
      creditCents: s.leadReturn ? cents(s.leadReturn.creditAmount) : null,
      returnReason: s.leadReturn?.reason ?? null,
      consentRevokedAt: s.lead.consentRevokedAt?.toISOString() ?? null,
      erasedAt: s.lead.erasedAt?.toISOString() ?? null,
    })),
  };
}

/** One lead as its buyer sees it: contact data, answers, consent, the sale, deliveries and their attempts. */
export async function buyerLeadDetail(buyerId: number, leadId: number) {
  const sale = await prisma.leadSale.findFirst({
    where: { buyerId, leadId },
    orderBy: { id: "desc" },
    include: {
      lead: true,
      campaign: { select: { id: true, name: true, returnWindowHours: true } },
      leadReturn: true,
      deliveries: { orderBy: { id: "asc" }, include: { attemptsLog: { orderBy: { attemptNo: "asc" } } } },
    },
  });
  return sale;
}

export const TX_PAGE_SIZE = 30;

export async function transactions(where: Prisma.TransactionWhereInput, page: number) {
  const [total, rows, sums] = await Promise.all([
    prisma.transaction.count({ where }),
    prisma.transaction.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * TX_PAGE_SIZE,
      take: TX_PAGE_SIZE,
      include: { buyer: { select: { companyName: true } }, seller: { select: { companyName: true } } },
    }),
    prisma.transaction.groupBy({ by: ["type"], where, _sum: { amount: true }, _count: true }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / TX_PAGE_SIZE)),
    totals: sums.map((s) => ({ type: s.type, count: s._count, amountCents: cents(s._sum.amount) })),
    rows: rows.map((t) => ({
      id: t.id,
      type: t.type,
      leadId: t.leadId,
      amountCents: cents(t.amount),
      // What the entry did to its account's balance (a sale debits the buyer): shown signed.
      effectCents: balanceEffect(t.type, cents(t.amount)),
      status: t.status,
      note: t.note,
      account: t.buyer?.companyName ?? t.seller?.companyName ?? "—",
      createdAt: t.createdAt.toISOString(),
    })),
  };
}

export async function apiKeysOf(owner: { buyerId: number } | { sellerId: number }) {
  const rows = await prisma.apiKey.findMany({
    where: owner,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

export async function verticals() {
  return prisma.vertical.findMany({ orderBy: { name: "asc" } });
}
