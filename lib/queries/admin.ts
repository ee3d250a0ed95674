// Read models for the admin console: the marketplace as a whole.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../db";
import { env } from "../env";
import { describeRule, effectiveRule, ruleFromColumns } from "../pipeline/payout";
import { cents, daysBetween, fillDays, num, ymd, type DateRange } from "./common";
import { containsText } from "../search";

export async function marketplaceOverview(range: DateRange) {
  const leadsInRange = { createdAt: { gte: range.from, lt: range.to } };
  const [perDay, byStatus, topBuyers, topSellers, reasons, failing, failedCount] = await Promise.all([
    prisma.$queryRaw<
      {
        day: Date;
        leads: bigint;
        sold: bigint;
        revenue: Prisma.Decimal | null;
        cost: Prisma.Decimal | null;
        margin: Prisma.Decimal | null;
      }[]
    >`
      SELECT date_trunc('day', "createdAt") AS day, count(*) AS leads,
             count(*) FILTER (WHERE status IN ('sold', 'returned')) AS sold,
             sum(revenue) AS revenue, sum(cost) AS cost, sum(margin) AS margin
      FROM "Lead" WHERE "createdAt" >= ${range.from} AND "createdAt" < ${range.to}
      GROUP BY 1 ORDER BY 1`,
    prisma.lead.groupBy({
      by: ["status"],
      where: leadsInRange,
      _count: true,
      _sum: { revenue: true, cost: true, margin: true },
    }),
    prisma.$queryRaw<{ id: number; name: string; leads: bigint; spend: Prisma.Decimal | null; returns: bigint }[]>`
      SELECT b.id, b."companyName" AS name, count(s.id) AS leads, sum(s.price) AS spend,
             count(s.id) FILTER (WHERE s.status = 'returned') AS returns
      FROM "LeadSale" s JOIN "Buyer" b ON b.id = s."buyerId"
      WHERE s."createdAt" >= ${range.from} AND s."createdAt" < ${range.to}
      GROUP BY b.id, b."companyName" ORDER BY spend DESC NULLS LAST LIMIT 10`,
    prisma.$queryRaw<{ id: number; name: string; leads: bigint; accepted: bigint; cost: Prisma.Decimal | null }[]>`
      SELECT s.id, s."companyName" AS name, count(l.id) AS leads,
             count(l.id) FILTER (WHERE l.status <> 'rejected') AS accepted, sum(l.cost) AS cost
      FROM "Lead" l JOIN "Seller" s ON s.id = l."sellerId"
      WHERE l."createdAt" >= ${range.from} AND l."createdAt" < ${range.to}
      GROUP BY s.id, s."companyName" ORDER BY leads DESC LIMIT 10`,
    prisma.$queryRaw<{ reason: string; n: bigint }[]>`
      SELECT r AS reason, count(*) AS n FROM "Lead" l, unnest(l."rejectionReasons") AS r
      WHERE l."createdAt" >= ${range.from} AND l."createdAt" < ${range.to} AND l.status = 'rejected'
      GROUP BY r ORDER BY n DESC, r LIMIT 12`,
    prisma.delivery.findMany({
      where: { status: { in: ["failed", "dead"] } },
      orderBy: { updatedAt: "desc" },
      take: 8,
      include: { campaign: { select: { name: true } }, buyer: { select: { companyName: true } } },
    }),
    prisma.delivery.groupBy({ by: ["status"], _count: true }),
  ]);
  const sum = (k: "revenue" | "cost" | "margin") => byStatus.reduce((a, s) => a + cents(s._sum[k]), 0);
  const total = byStatus.reduce((a, s) => a + s._count, 0);
  const count = (st: string) => byStatus.find((s) => s.status === st)?._count ?? 0;
  return {
    totals: {
      leads: total,
      sold: count("sold") + count("returned"),
      rejected: count("rejected"),
      unsold: count("unsold"),
      returned: count("returned"),
      revenueCents: sum("revenue"),
      costCents: sum("cost"),
      marginCents: sum("margin"),
    },
    series: fillDays(
      daysBetween(range.from, range.to),
      perDay.map((r) => ({
        day: ymd(new Date(r.day)),
        leads: num(r.leads),
        sold: num(r.sold),
        revenue: cents(r.revenue) / 100,
        cost: cents(r.cost) / 100,
        margin: cents(r.margin) / 100,
      })),
      (day) => ({ day, leads: 0, sold: 0, revenue: 0, cost: 0, margin: 0 }),
    ),
    topBuyers: topBuyers.map((b) => ({
      id: b.id,
      name: b.name,
      leads: num(b.leads),
      spendCents: cents(b.spend),
      returns: num(b.returns),
    })),
    topSellers: topSellers.map((s) => ({
      id: s.id,
      name: s.name,
      leads: num(s.leads),
      accepted: num(s.accepted),
      costCents: cents(s.cost),
    })),
    reasons: reasons.map((r) => ({ reason: r.reason, count: num(r.n) })),
    deliveries: {
      byStatus: Object.fromEntries(failedCount.map((d) => [d.status, d._count])) as Record<string, number>,
      failing: failing.map((d) => ({
        id: d.id,
        leadId: d.leadId,
        campaign: d.campaign.name,
        buyer: d.buyer.companyName,
        status: d.status,
        attempts: d.attempts,
        lastError: d.lastError,
        updatedAt: d.updatedAt.toISOString(),
      })),
    },
  };
}

export async function buyersList() {
  const rows = await prisma.buyer.findMany({
    orderBy: { id: "asc" },
    include: { _count: { select: { campaigns: true, sales: true, users: true } } },
  });
  return rows.map((b) => ({
    id: b.id,
    companyName: b.companyName,
    email: b.email,
    status: b.status,
    balanceCents: cents(b.balance),
    creditLimitCents: cents(b.creditLimit),
    campaigns: b._count.campaigns,
    leads: b._count.sales,
    users: b._count.users,
    createdAt: b.createdAt.toISOString(),
  }));
}

export async function sellersList() {
  const rows = await prisma.seller.findMany({
    orderBy: { id: "asc" },
    include: { _count: { select: { leads: true, intakeLists: true, users: true } } },
  });
  return rows.map((s) => ({
    id: s.id,
    companyName: s.companyName,
    email: s.email,
    status: s.status,
    balanceCents: cents(s.balance),
    leads: s._count.leads,
    lists: s._count.intakeLists,
    users: s._count.users,
    payoutRule: ruleFromColumns(s),
    payout: describeRule(effectiveRule(null, s, env.PAYOUT_DEFAULT_SHARE_BPS)) + (s.payoutKind ? "" : " (default)"),
    createdAt: s.createdAt.toISOString(),
  }));
}

export async function usersList() {
  const rows = await prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    include: { buyer: { select: { companyName: true } }, seller: { select: { companyName: true } } },
  });
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    role: u.role,
    status: u.status,
    account: u.buyer?.companyName ?? u.seller?.companyName ?? "—",
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }));
}

export const SUPPRESSION_PAGE_SIZE = 50;

export async function suppressions(f: { q?: string; kind?: string; page: number }) {
  const where: Prisma.SuppressionWhereInput = {};
  if (f.kind === "dnc" || f.kind === "blacklist") where.kind = f.kind;
  if (f.q?.trim()) where.value = containsText(f.q.trim().toLowerCase());
  const [total, rows, counts] = await Promise.all([
    prisma.suppression.count({ where }),
    prisma.suppression.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (f.page - 1) * SUPPRESSION_PAGE_SIZE,
      take: SUPPRESSION_PAGE_SIZE,
    }),
    prisma.suppression.groupBy({ by: ["kind"], _count: true }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / SUPPRESSION_PAGE_SIZE)),
    counts: Object.fromEntries(counts.map((c) => [c.kind, c._count])) as Record<string, number>,
    rows: rows.map((s) => ({
      id: s.id,
      kind: s.kind,
      type: s.type,
      value: s.value,
      source: s.source,
      reason: s.reason,
      createdAt: s.createdAt.toISOString(),
    })),
  };
}

export const DELIVERY_PAGE_SIZE = 30;

export async function deliveries(f: { status?: string; buyerId?: number; page: number }) {
  const where: Prisma.DeliveryWhereInput = {};
  if (f.status && ["pending", "in_progress", "delivered", "failed", "dead"].includes(f.status))
    where.status = f.status as Prisma.DeliveryWhereInput["status"];
  if (f.buyerId) where.buyerId = f.buyerId;
  const [total, rows, byStatus] = await Promise.all([
    prisma.delivery.count({ where }),
    prisma.delivery.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (f.page - 1) * DELIVERY_PAGE_SIZE,
      take: DELIVERY_PAGE_SIZE,
      include: { campaign: { select: { name: true } }, buyer: { select: { companyName: true } } },
    }),
    prisma.delivery.groupBy({ by: ["status"], where: f.buyerId ? { buyerId: f.buyerId } : {}, _count: true }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE)),
    byStatus: Object.fromEntries(byStatus.map((d) => [d.status, d._count])) as Record<string, number>,
    rows: rows.map((d) => ({
      id: d.id,
      leadId: d.leadId,
      campaign: d.campaign.name,
      buyer: d.buyer.companyName,
      method: d.method,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      maxAttempts: d.maxAttempts,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}
