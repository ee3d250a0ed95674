// Per-campaign circuit breaker, state in PostgreSQL (BuyerCampaign.failureStreak/autoPausedAt/
// autoPausedReason) so every app instance and worker sees the same state. A campaign whose calls
// fail (timeouts, connection errors, 5xx) FAILURE_THRESHOLD times in a row is paused: status
// 'paused' keeps it out of matching with no change to the matcher, and autoPausedAt marks the pause
// as ours so that only we resume it (a buyer's own pause has autoPausedAt null). Business answers
// (success:false, 4xx) are healthy endpoints and reset the streak.
import type { Db, Tx } from "../db";
import { prisma } from "../db";
import { announceCampaignChange } from "../campaign-events";
import { parseDeliveryConfig } from "./config";
import { safeRequest, allowHosts } from "./ssrf";
import { env } from "../env";
import { logger } from "../log";
import { countBreakerTrip } from "../metrics";

export const FAILURE_THRESHOLD = 5;
export const PROBE_INTERVAL_MS = 60_000;

/** Records a transport failure; pauses the campaign when the streak reaches the threshold. Returns true when this call paused it. */
export async function recordFailure(
  campaignId: number,
  reason: string,
  db: Db | Tx = prisma,
  threshold = FAILURE_THRESHOLD,
): Promise<boolean> {
  const why = `Delivery endpoint failing: ${reason}`.slice(0, 300);
  // One statement: the increment and the pause decision cannot race between instances.
  const rows = await db.$queryRaw<{ paused: boolean }[]>`
    UPDATE "BuyerCampaign"
       SET "failureStreak" = "failureStreak" + 1,
           "autoPausedAt" = CASE WHEN "failureStreak" + 1 >= ${threshold} AND status = 'active' THEN now() ELSE "autoPausedAt" END,
           "autoPausedReason" = CASE WHEN "failureStreak" + 1 >= ${threshold} AND status = 'active' THEN ${why} ELSE "autoPausedReason" END,
           status = CASE WHEN "failureStreak" + 1 >= ${threshold} AND status = 'active' THEN 'paused'::"CampaignStatus" ELSE status END,
           "updatedAt" = now()
     WHERE id = ${campaignId}
     RETURNING ("autoPausedAt" IS NOT NULL AND "failureStreak" = ${threshold}) AS paused`;
  const paused = rows[0]?.paused ?? false;
  if (paused) {
    countBreakerTrip();
    logger.warn({ campaignId, reason: why }, "circuit breaker opened: campaign auto-paused");
    await announceCampaignChange(db, campaignId);
  }
  return paused;
}

/** Records a healthy answer: resets the streak and resumes a campaign we paused. Cheap when already healthy. */
export async function recordSuccess(campaignId: number, db: Db | Tx = prisma): Promise<boolean> {
  const resumed = await db.$executeRaw`
    UPDATE "BuyerCampaign"
       SET "failureStreak" = 0,
           status = CASE WHEN "autoPausedAt" IS NOT NULL AND status = 'paused' THEN 'active'::"CampaignStatus" ELSE status END,
           "autoPausedAt" = NULL, "autoPausedReason" = NULL, "updatedAt" = now()
     WHERE id = ${campaignId} AND ("failureStreak" > 0 OR "autoPausedAt" IS NOT NULL)`;
  if (resumed > 0) await announceCampaignChange(db, campaignId);
  return resumed > 0;
}

/**
 * Probes auto-paused campaigns whose last probe (updatedAt) is older than the interval. Claiming by
 * bumping updatedAt under SKIP LOCKED means one instance probes each campaign per interval.
 * Any HTTP answer below 500 counts as alive.
 */
export async function probePausedCampaigns(
  opts: { db?: Db; intervalMs?: number; timeoutMs?: number; allow?: Set<string> } = {},
): Promise<{ probed: number; resumed: number }> {
  const db = opts.db ?? prisma;
  const interval = opts.intervalMs ?? PROBE_INTERVAL_MS;
  const due = await db.$queryRaw<{ id: number; deliveryConfig: unknown; pingUrl: string | null }[]>`
    UPDATE "BuyerCampaign" SET "updatedAt" = now()
     WHERE id IN (SELECT id FROM "BuyerCampaign"
                   WHERE "autoPausedAt" IS NOT NULL AND status = 'paused'
                     AND "updatedAt" <= now() - make_interval(secs => ${interval / 1000})
                   FOR UPDATE SKIP LOCKED LIMIT 20)
     RETURNING id, "deliveryConfig", "pingUrl"`;
  let resumed = 0;
  await Promise.all(
    due.map(async (c) => {
      const cfg = parseDeliveryConfig(c.deliveryConfig);
      const url = cfg.probeUrl ?? cfg.url ?? c.pingUrl;
      if (!url) return;
      try {
        const res = await safeRequest({
          url,
          method: "GET",
          timeoutMs: opts.timeoutMs ?? env.DELIVERY_TIMEOUT_MS,
          allow: opts.allow ?? allowHosts(),
          maxBodyBytes: 256,
        });
        if (res.status < 500 && (await recordSuccess(c.id, db))) resumed++;
      } catch {
        // Still down: stays paused until the next probe.
      }
    }),
  );
  return { probed: due.length, resumed };
}
