// Read models for the seller dashboard: what they submitted, what we accepted, sold and paid.
import "server-only";
import { env } from "../env";
import { describeRule, effectiveRule, ruleFromColumns } from "../pipeline/payout";
import { Prisma } from "../generated/prisma/client";
import { prisma } from "../db";
import { cents, daysBetween, fillDays, num, ymd, type DateRange } from "./common";
import { containsText, equalsText } from "../search";
import { unstorable } from "../api/request";

export type SellerFilters = { range: DateRange; vertical?: string; intakeListId?: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function leadWhere(sellerId: number | null, f: SellerFilters): Prisma.LeadWhereInput {
  return {
    ...(sellerId ? { sellerId } : {}),
    createdAt: { gte: f.range.from, lt: f.range.to },
    ...(f.vertical ? { vertical: equalsText(f.vertical) } : {}),
    ...(f.intakeListId && UUID_RE.test(f.intakeListId) ? { intakeListId: f.intakeListId } : {}),
  };
}

function leadSql(sellerId: number | null, f: SellerFilters): Prisma.Sql {
  const parts = [Prisma.sql`l."createdAt" >= ${f.range.from} AND l."createdAt" < ${f.range.to}`];
  if (sellerId) parts.push(Prisma.sql`l."sellerId" = ${sellerId}`);
  if (f.vertical) parts.push(unstorable(f.vertical) ? Prisma.sql`false` : Prisma.sql`l.vertical = ${f.vertical}`);
  if (f.intakeListId && UUID_RE.test(f.intakeListId))
    parts.push(Prisma.sql`l."intakeListId" = ${f.intakeListId}::uuid`);
  return Prisma.join(parts, " AND ");
}

/** Submission stats; `sellerId` null means the whole marketplace (admin). */
export async function sellerStats(sellerId: number | null, f: SellerFilters) {
  const where = leadWhere(sellerId, f);
  const cond = leadSql(sellerId, f);
  const [byStatus, payout, clawback, reasons, perDay] = await Promise.all([
    prisma.lead.groupBy({ by: ["status"], where, _count: true }),
    prisma.transaction.aggregate({
      where: { type: "lead_purchase", ...(sellerId ? { sellerId } : {}), lead: where },
      _sum: { amount: true },
      _count: true,
    }),
    prisma.transaction.aggregate({
      where: { type: "adjustment", ...(sellerId ? { sellerId } : { sellerId: { not: null } }), lead: where },
      _sum: { amount: true },
    }),
    prisma.$queryRaw<{ reason: string; n: bigint }[]>`
      SELECT r AS reason, count(*) AS n FROM "Lead" l, unnest(l."rejectionReasons") AS r
      WHERE ${cond} AND l.status = 'rejected' GROUP BY r ORDER BY n DESC, r LIMIT 20`,
    prisma.$queryRaw<
      { day: Date; submitted: bigint; rejected: bigint; sold: bigint; unsold: bigint; payout: Prisma.Decimal | null }[]
    >`
      SELECT date_trunc('day', l."createdAt") AS day,
             count(*) AS submitted,
             count(*) FILTER (WHERE l.status = 'rejected') AS rejected,
             count(*) FILTER (WHERE l.status IN ('sold', 'returned')) AS sold,
             count(*) FILTER (WHERE l.status = 'unsold') AS unsold,
             sum(l.cost) FILTER (WHERE l.status IN ('sold', 'returned')) AS payout
      FROM "Lead" l WHERE ${cond} GROUP BY 1 ORDER BY 1`,
  ]);
  const count = (s: string) => byStatus.find((b) => b.status === s)?._count ?? 0;
  const submitted = byStatus.reduce((a, b) => a + b._count, 0);
  const rejected = count("rejected");
  const sold = count("sold") + count("returned");
  const payoutCents = cents(payout._sum.amount);
  return {
    submitted,
    accepted: submitted - rejected,
    sold,
    unsold: count("unsold"),
    pending: count("pending"),
    rejected,
    returned: count("returned"),
    acceptanceRate: submitted ? (submitted - rejected) / submitted : null,
    sellThrough: submitted - rejected ? sold / (submitted - rejected) : null,
    payoutCents,
    clawbackCents: cents(clawback._sum.amount),
    averagePriceCents: payout._count ? Math.round(payoutCents / payout._count) : 0,
    reasons: reasons.map((r) => ({ reason: r.reason, count: num(r.n) })),
    series: fillDays(
      daysBetween(f.range.from, f.range.to),
      perDay.map((r) => ({
        day: ymd(new Date(r.day)),
        submitted: num(r.submitted),
        accepted: num(r.submitted) - num(r.rejected),
        sold: num(r.sold),
        unsold: num(r.unsold),
        rejected: num(r.rejected),
        payout: cents(r.payout) / 100,
      })),
      (day) => ({ day, submitted: 0, accepted: 0, sold: 0, unsold: 0, rejected: 0, payout: 0 }),
    ),
  };
}

export const SUBMISSIONS_PAGE_SIZE = 25;

export async function sellerSubmissions(
  sellerId: number,
  f: { status?: string; vertical?: string; q?: string; from?: string; to?: string; page: number },
) {
  const where: Prisma.LeadWhereInput = { sellerId };
  if (f.status && ["pending", "sold", "unsold", "rejected", "returned"].includes(f.status))
    where.status = f.status as Prisma.LeadWhereInput["status"];
  if (f.vertical) where.vertical = equalsText(f.vertical);
  const q = f.q?.trim();
  if (q) {
    where.OR = [
      { consumerName: containsText(q, { insensitive: true }) },
      { consumerEmail: containsText(q, { insensitive: true }) },
      ...(q.replace(/\D/g, "").length >= 3 ? [{ normalizedPhone: { contains: q.replace(/\D/g, "") } }] : []),
      ...(/^\d+$/.test(q) && Number(q) < 2 ** 31 ? [{ id: Number(q) }] : []),
    ];
  }
  const created: Prisma.DateTimeFilter = {};
  if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) created.gte = new Date(`${f.from}T00:00:00Z`);
  if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to))
    created.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000);
  if (Object.keys(created).length) where.createdAt = created;
  const [total, rows] = await Promise.all([
    prisma.lead.count({ where }),
    prisma.lead.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * SUBMISSIONS_PAGE_SIZE,
      take: SUBMISSIONS_PAGE_SIZE,
      select: {
        id: true,
        vertical: true,
        subVertical: true,
        consumerName: true,
        consumerState: true,
        status: true,
        rejectionReasons: true,
        failedSources: true,
        unsoldReasons: true,
        cost: true,
        qualityScore: true,
        createdAt: true,
        consentRevokedAt: true,
        intakeList: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / SUBMISSIONS_PAGE_SIZE)),
    rows: rows.map((l) => ({
      id: l.id,
      vertical: l.vertical,
      subVertical: l.subVertical,
      consumerName: [l.consumerName, l.consumerState].filter(Boolean).join(" · ") || null,
      status: l.status,
      reasons: reasonsOf(l),
      payoutCents: cents(l.cost),
      qualityScore: l.qualityScore,
      list: l.intakeList?.name ?? null,
      createdAt: l.createdAt.toISOString(),
      consentRevokedAt: l.consentRevokedAt?.toISOString() ?? null,
    })),
  };
}

/** Why a lead was rejected or went unsold, as short codes for the table. */
export function reasonsOf(l: {
  status: string;
  rejectionReasons: string[];
  failedSources: string[];
  unsoldReasons: unknown;
}): string[] {
  // A sold lead also records why other campaigns passed (outbid, geo...): not the seller's concern.
  const unsold =
    l.status === "unsold" && Array.isArray(l.unsoldReasons)
      ? (l.unsoldReasons as { code?: string; reason?: string }[]).map((u) => u.code ?? u.reason ?? "").filter(Boolean)
      : [];
  return [...new Set([...l.rejectionReasons, ...l.failedSources.map((s) => `failed: ${s}`), ...unsold])];
}

export async function sellerLeadDetail(sellerId: number, leadId: number) {
  return prisma.lead.findFirst({
    where: { id: leadId, sellerId },
    include: { intakeList: { select: { id: true, name: true } } },
  });
}

/** A seller's lists (archived ones hidden), or every list for admins; each with the payout rule that applies. */
export async function intakeListsOf(sellerId: number | null) {
  const rows = await prisma.intakeList.findMany({
    where: sellerId ? { sellerId, archivedAt: null } : {},
    orderBy: [{ createdAt: "asc" }],
    include: {
      seller: {
        select: {
          companyName: true,
          payoutKind: true,
          payoutAmount: true,
          payoutShareBps: true,
          payoutAllowLoss: true,
        },
      },
      _count: { select: { leads: true } },
    },
  });
  return rows.map((l) => {
    const own = ruleFromColumns(l);
    const rule = effectiveRule(l, l.seller, env.PAYOUT_DEFAULT_SHARE_BPS);
    return { ...l, payoutRule: rule, payoutInherited: own === null, payoutText: describeRule(rule) };
  });
}
