// The delivery outbox: Delivery rows written in the same statement that sells the lead, so a sale
// is never lost and never delivered twice. A sale's rows are written by the tlg_settle SQL function
// (lib/pipeline/settle.ts; the rules — portal campaigns queue nothing, a synchronous http_post
// buyer's recorded call is attached to the sale — live there only). This module wakes the workers
// and queues consumer-rights notices. Workers claim rows with FOR UPDATE SKIP LOCKED
// (lib/delivery/worker.ts).
import type { Db, Tx } from "../db";
import { sql, statement } from "../sql";

const localWorkers = new Set<() => void>();

/** A delivery worker running in this process registers how to wake it (lib/delivery/runtime.ts). */
export function onDeliveryQueued(wake: () => void): () => void {
  localWorkers.add(wake);
  return () => localWorkers.delete(wake);
}

let notifying: Promise<void> | null = null;

/**
 * Wakes idle workers instead of leaving them to their next poll. A worker in this process is
 * woken directly (no round trip; it claims the job like any other). Without one (a web tier run
 * with DELIVERY_WORKER=0 and separate `npm run worker` processes), workers on every instance are
 * woken by NOTIFY — sent outside the sale's transaction (a transaction that NOTIFYs takes a
 * cluster-wide lock while it commits) and coalesced to one per 25 ms under load.
 */
export function notifyDeliveryWorkers(_db?: Db | Tx): Promise<void> {
  if (localWorkers.size) {
    for (const wake of localWorkers) wake();
    return Promise.resolve();
  }
  notifying ??= new Promise<void>((resolve) => {
    setTimeout(() => {
      notifying = null;
      sql(NOTIFY)
        .catch(() => {})
        .then(() => resolve());
    }, 25).unref?.();
  });
  return notifying;
}

const NOTIFY = statement("notify_delivery", `SELECT pg_notify('tlg_delivery', '')`); // channel: lib/delivery/runtime.ts
/** Consumer-rights notices sent through the same outbox, worker, signing and retries as lead deliveries. */
export type NoticeEvent = "consent.revoked" | "consumer.deleted";

/**
 * Queues one signed notice per sale of these leads to a webhook campaign (other campaigns read the
 * mark in the inbox and API: an http_post URL is the buyer's lead intake, not an event receiver).
 * `since` limits it to sales made from then on. Runs in the caller's transaction; returns the ids.
 */
export async function enqueueConsumerNotices(
  tx: Tx,
  leadIds: number[],
  event: NoticeEvent,
  at: Date,
  since?: Date,
): Promise<number[]> {
  if (!leadIds.length) return [];
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "Delivery" ("saleId", "leadId", "campaignId", "buyerId", method, target, event, "eventAt",
                            "messageId", status, "nextAttemptAt", "createdAt", "updatedAt")
    SELECT s.id, s."leadId", s."campaignId", s."buyerId", 'webhook', c."deliveryConfig"->>'url', ${event}, ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC',
           gen_random_uuid(), 'pending', now(), now(), now()
      FROM "LeadSale" s JOIN "BuyerCampaign" c ON c.id = s."campaignId"
     WHERE s."leadId" = ANY(${leadIds}::int[]) AND c."deliveryMethod" = 'webhook'
       AND s."createdAt" >= ${(since ?? new Date(0)).toISOString()}::timestamptz AT TIME ZONE 'UTC'
    RETURNING id`;
  return rows.map((r) => r.id);
}
