// Read models for operators: the cluster-wide half of the metrics (queue depth, delivery lag,
// open breakers: PostgreSQL is the one place every instance agrees on) and the system-health page.
import "server-only";
import { prisma } from "../db";
import type { QueueStats } from "../metrics";
import { num } from "./common";

const OPEN_STATUSES = ["pending", "in_progress", "failed", "dead"] as const;

/** One round trip, at scrape time. Delivered rows are not counted: they only grow. */
export async function queueStats(now = new Date()): Promise<QueueStats> {
  const [row] = await prisma.$queryRaw<
    { by_status: Record<string, number> | null; oldest: number | null; due: number | null; breakers: number }[]
  >`
    SELECT
      (SELECT json_object_agg(status, n) FROM (
         SELECT status::text AS status, count(*)::int AS n FROM "Delivery"
          WHERE status IN ('pending', 'in_progress', 'failed', 'dead') GROUP BY status) s) AS by_status,
      (SELECT extract(epoch FROM ${now}::timestamp - min("createdAt"))::float8 FROM "Delivery"
        WHERE status IN ('pending', 'in_progress')) AS oldest,
      (SELECT extract(epoch FROM ${now}::timestamp - min("nextAttemptAt"))::float8 FROM "Delivery"
        WHERE status = 'pending' AND "nextAttemptAt" <= ${now}) AS due,
      (SELECT count(*)::int FROM "BuyerCampaign" WHERE "autoPausedAt" IS NOT NULL AND status = 'paused') AS breakers`;
  const byStatus: Record<string, number> = Object.fromEntries(OPEN_STATUSES.map((s) => [s, row.by_status?.[s] ?? 0]));
  return {
    byStatus,
    oldestPendingSeconds: Math.max(0, row.oldest ?? 0),
    dueLagSeconds: Math.max(0, row.due ?? 0),
    openBreakers: row.breakers,
  };
}

/** Leads per 5 minutes by outcome over the last hour, from PostgreSQL (every instance's leads). */
export async function leadOutcomes(now = new Date()) {
  const from = new Date(Math.floor(now.getTime() / 300_000) * 300_000 - 11 * 300_000);
  const rows = await prisma.$queryRaw<{ slot: Date; status: string; n: bigint }[]>`
    SELECT to_timestamp(floor(extract(epoch FROM "createdAt") / 300) * 300) AT TIME ZONE 'UTC' AS slot, status::text AS status, count(*) AS n
      FROM "Lead" WHERE "createdAt" >= ${from}
     GROUP BY 1, 2`;
  const slots = Array.from({ length: 12 }, (_, i) => new Date(from.getTime() + i * 300_000));
  const series = slots.map((s) => {
    const at = rows.filter((r) => new Date(r.slot).getTime() === s.getTime());
    const n = (st: string) => at.filter((r) => r.status === st).reduce((a, r) => a + num(r.n), 0);
    return { minute: s.toISOString(), sold: n("sold") + n("returned"), unsold: n("unsold"), rejected: n("rejected") };
  });
  const totals = series.reduce(
    (t, p) => ({ sold: t.sold + p.sold, unsold: t.unsold + p.unsold, rejected: t.rejected + p.rejected }),
    { sold: 0, unsold: 0, rejected: 0 },
  );
  return { series, totals };
}

/** Buyers whose endpoints failed most over the last 24 hours (timeouts counted apart). */
export async function failingBuyers(now = new Date(), limit = 8) {
  const rows = await prisma.$queryRaw<
    { id: number; name: string; timeouts: bigint; errors: bigint; attempts: bigint }[]
  >`
    SELECT b.id, b."companyName" AS name,
           count(*) FILTER (WHERE a.error LIKE 'timeout:%') AS timeouts,
           count(*) FILTER (WHERE a.outcome NOT IN ('delivered', 'accepted')) AS errors,
           count(*) AS attempts
      FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId" JOIN "Buyer" b ON b.id = d."buyerId"
     WHERE a."startedAt" >= ${new Date(now.getTime() - 86_400_000)}
     GROUP BY b.id, b."companyName"
    HAVING count(*) FILTER (WHERE a.outcome NOT IN ('delivered', 'accepted')) > 0
     ORDER BY errors DESC, timeouts DESC, b.id LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    timeouts: num(r.timeouts),
    errors: num(r.errors),
    attempts: num(r.attempts),
  }));
}

export async function openBreakers() {
  const rows = await prisma.buyerCampaign.findMany({
    where: { autoPausedAt: { not: null }, status: "paused" },
    orderBy: { autoPausedAt: "asc" },
    take: 20,
    select: {
      id: true,
      name: true,
      buyerId: true,
      autoPausedAt: true,
      autoPausedReason: true,
      failureStreak: true,
      buyer: { select: { companyName: true } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    buyerId: c.buyerId,
    buyer: c.buyer.companyName,
    since: c.autoPausedAt?.toISOString() ?? null,
    reason: c.autoPausedReason,
    failureStreak: c.failureStreak,
  }));
}
