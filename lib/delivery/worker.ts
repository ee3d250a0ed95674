// The delivery worker: drains the outbox (Delivery rows written by the tlg_settle SQL function in
// the sale's transaction). Guarantees, all held in PostgreSQL so several workers/instances can run at once:
//  - a row is claimed by one worker at a time (FOR UPDATE SKIP LOCKED) under a lease
//    (lockedAt/lockedBy); a worker that dies mid-delivery leaves the row in_progress, and once the
//    lease expires any worker reclaims it: nothing is lost;
//  - results are written only while we still hold the lease (WHERE lockedBy = me);
//  - every retry carries the same Delivery.messageId as webhook-id and Idempotency-Key, so a
//    buyer that saw an attempt we could not confirm deduplicates the repeat: exactly once for them.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { prisma } from "../db";
import { env } from "../env";
import { parseDeliveryConfig } from "./config";
import { buildPost, interpretResponse, resolvePostConfig } from "./http-post";
import { webhookBody, webhookHeaders } from "./webhook";
import { webhookData, leadFields, noticeData } from "./payload";
import { OutboundError, safeRequest, allowHosts, type OutboundResponse } from "./ssrf";
import { recordFailure, recordSuccess, probePausedCampaigns } from "./circuit-breaker";
import { sweepInterruptedLeads } from "../pipeline/settle";
import { logger } from "../log";
import { observeDelivery, type FailureKind } from "../metrics";
import { runRetention } from "../consumer/retention";

/** Delay before attempt n+1 after n failed attempts: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h. */
export const BACKOFF_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];
/** Matches the Delivery.maxAttempts column default: the first try plus six retries. */
export const DEFAULT_MAX_ATTEMPTS = 7;
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
const BODY_KEEP = 2048;

export function backoffDelay(failedAttempts: number, schedule = BACKOFF_MS, rand = Math.random): number {
  const base = schedule[Math.min(Math.max(failedAttempts, 1), schedule.length) - 1];
  // ±20 % jitter so a buyer outage does not end in a synchronized stampede of retries.
  return Math.round(base * (0.8 + 0.4 * rand()));
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Math.min(Number(v.trim()) * 1000, MAX_RETRY_AFTER_MS);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.min(Math.max(t - now, 0), MAX_RETRY_AFTER_MS);
}

export type WorkerOptions = {
  db?: Db;
  workerId?: string;
  /** A claimed row whose worker has not finished after this long is reclaimed. */
  leaseMs?: number;
  batchSize?: number;
  pollMs?: number;
  timeoutMs?: number;
  backoffMs?: number[];
  allow?: Set<string>;
  probeIntervalMs?: number;
  /** Leads pending longer than this were left by a dead request and are closed (0: never). */
  pendingLeadTimeoutMs?: number;
  /** How often this worker runs the retention job (lib/consumer/retention.ts); 0: never. */
  retentionIntervalMs?: number;
};

type Claimed = { id: number; attempts: number; maxAttempts: number };

type Verdict = (
  | { kind: "delivered"; buyerLeadId?: string | null }
  | { kind: "failed"; error: string } // a final answer from the buyer (rejected, 410): replayable, not retried
  | { kind: "retry"; error: string; retryAfterMs?: number | null; transport: boolean }
) & { failure?: FailureKind };

export class DeliveryWorker {
  readonly id: string;
  private readonly db: Db;
  private readonly opts: Required<Omit<WorkerOptions, "db" | "workerId" | "allow">> & { allow: Set<string> };
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastProbe = 0;
  private lastSweep = 0;
  // First retention run within a minute of start, then every interval; never two at once here.
  private lastRetention = 0;
  private retentionRunning = false;

  constructor(o: WorkerOptions = {}) {
    this.db = o.db ?? prisma;
    this.id = o.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.opts = {
      leaseMs: o.leaseMs ?? 60_000,
      batchSize: o.batchSize ?? 10,
      pollMs: o.pollMs ?? 5_000,
      timeoutMs: o.timeoutMs ?? env.DELIVERY_TIMEOUT_MS,
      backoffMs: o.backoffMs ?? BACKOFF_MS,
      allow: o.allow ?? allowHosts(),
      probeIntervalMs: o.probeIntervalMs ?? 60_000,
      pendingLeadTimeoutMs: o.pendingLeadTimeoutMs ?? env.PENDING_LEAD_TIMEOUT_SECONDS * 1000,
      retentionIntervalMs: o.retentionIntervalMs ?? env.RETENTION_INTERVAL_SECONDS * 1000,
    };
    this.lastRetention = Date.now() - this.opts.retentionIntervalMs + 60_000;
  }

  /**
   * The retention job, in the background of the delivery loop (deliveries are not held up by it).
   * It claims its leads FOR UPDATE SKIP LOCKED, so every instance may run it at once.
   */
  private maybeRunRetention(): void {
    const every = this.opts.retentionIntervalMs;
    if (every <= 0 || this.retentionRunning || Date.now() - this.lastRetention < every) return;
    this.lastRetention = Date.now();
    this.retentionRunning = true;
    void runRetention({ db: this.db, pauseMs: 50 })
      .then((r) => {
        if (r.leadsErased || r.consentErased)
          console.log(
            `[retention] erased ${r.leadsErased} lead(s), consent evidence of ${r.consentErased}, in ${r.durationMs} ms`,
          );
      })
      .catch((e) => console.error("[retention] run failed", e))
      .finally(() => {
        this.retentionRunning = false;
      });
  }

  /** Claims due rows (and rows whose lease expired). Attempts are counted at claim time, so a row that kills its worker still runs out. */
  async claim(limit = this.opts.batchSize): Promise<Claimed[]> {
    return this.db.$queryRaw<Claimed[]>`
      UPDATE "Delivery" SET status = 'in_progress', "lockedAt" = now(), "lockedBy" = ${this.id},
             attempts = attempts + 1, "updatedAt" = now()
       WHERE id IN (
         SELECT id FROM "Delivery"
          WHERE (status = 'pending' AND "nextAttemptAt" <= now())
             OR (status = 'in_progress' AND "lockedAt" < now() - make_interval(secs => ${this.opts.leaseMs / 1000}))
          ORDER BY "nextAttemptAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
       RETURNING id, attempts, "maxAttempts"`;
  }

  /** One pass: claim a batch, deliver it in parallel. Returns how many rows were processed. */
  async runOnce(): Promise<number> {
    const rows = await this.claim();
    await Promise.all(
      rows.map((r) =>
        this.process(r).catch((e) => logger.error({ err: e, deliveryId: r.id }, "delivery: worker error")),
      ),
    );
    return rows.length;
  }

  /** Runs until the queue has nothing due (tests, `npm run worker -- --drain`). */
  async drain(maxPasses = 1000): Promise<void> {
    for (let i = 0; i < maxPasses; i++) if ((await this.runOnce()) === 0) return;
  }

  async process(row: Claimed): Promise<void> {
    const d = await this.db.delivery.findUniqueOrThrow({
      where: { id: row.id },
      include: { lead: true, sale: true, campaign: true },
    });
    const cfg = parseDeliveryConfig(d.campaign.deliveryConfig);
    const url = cfg.url ?? d.target;
    const startedAt = new Date();
    // The seller request that caused this delivery, sent along so the buyer can quote it to us.
    const traced: Record<string, string> = d.requestId ? { "x-request-id": d.requestId } : {};
    let res: OutboundResponse | null = null;
    let verdict: Verdict;
    let durationMs = 0;
    try {
      if (!url) throw new OutboundError("campaign has no delivery url", "network", 0);
      const timeoutMs = cfg.timeoutMs ?? this.opts.timeoutMs;
      if (d.event === "consent.revoked" || d.event === "consumer.deleted") {
        // Consumer-rights notices (lib/consumer): signed like lead.sold, to the campaign's webhook URL.
        const body = webhookBody(d.event, noticeData(d));
        res = await safeRequest({
          url,
          body,
          timeoutMs,
          allow: this.opts.allow,
          headers: webhookHeaders(d.campaign.webhookSecret, d.messageId, body),
        });
        verdict = res.status >= 200 && res.status < 300 ? { kind: "delivered" } : httpFailure(res);
      } else if (d.method === "webhook") {
        const body = webhookBody("lead.sold", webhookData(d.lead, d.sale, d.campaignId));
        res = await safeRequest({
          url,
          body,
          timeoutMs,
          allow: this.opts.allow,
          headers: { ...webhookHeaders(d.campaign.webhookSecret, d.messageId, body), ...traced },
        });
        verdict = res.status >= 200 && res.status < 300 ? { kind: "delivered" } : httpFailure(res);
      } else {
        const pc = resolvePostConfig(cfg);
        const built = buildPost(pc, { ...leadFields(d.lead), price: d.sale ? d.sale.price.toString() : null });
        if ("reason" in built) {
          verdict = {
            kind: "failed",
            error: `${built.reason}: ${built.details.map((x) => `${x.field} ${x.issue}`).join("; ")}`,
            failure: "rejected",
          };
        } else {
          res = await safeRequest({
            url,
            body: built.body,
            timeoutMs,
            allow: this.opts.allow,
            headers: { ...built.headers, "idempotency-key": d.messageId, ...traced },
          });
          const outcome = interpretResponse(pc, res.status, res.body);
          if (outcome?.kind === "accepted") verdict = { kind: "delivered", buyerLeadId: outcome.buyerLeadId };
          else if (outcome?.kind === "rejected")
            verdict = {
              kind: "failed",
              error: `buyer_rejected: ${outcome.error ?? JSON.stringify(outcome.details)}`.slice(0, 500),
              failure: "rejected",
            };
          else verdict = httpFailure(res);
        }
      }
      durationMs = res?.durationMs ?? 0;
    } catch (e) {
      const err = e instanceof OutboundError ? e : new OutboundError(String((e as Error)?.message ?? e), "network", 0);
      durationMs = err.durationMs;
      // An SSRF refusal will not fix itself by waiting; the buyer must change the URL, then replay.
      verdict =
        err.kind === "ssrf"
          ? { kind: "failed", error: `refused: ${err.message}`, failure: "refused" }
          : { kind: "retry", error: `${err.kind}: ${err.message}`, transport: true, failure: err.kind };
    }
    const outcome = await this.finish(d.id, d.saleId, d.campaignId, row, verdict, {
      startedAt,
      durationMs,
      url: url ?? null,
      res,
    });
    observeDelivery({
      method: d.method,
      outcome,
      seconds: durationMs / 1000,
      buyerId: d.buyerId,
      failure: verdict.failure ?? null,
    });
    logger[outcome === "delivered" ? "info" : "warn"](
      {
        reqId: d.requestId,
        deliveryId: d.id,
        leadId: d.leadId,
        buyerId: d.buyerId,
        campaignId: d.campaignId,
        messageId: d.messageId,
        method: d.method,
        attempt: row.attempts,
        outcome,
        status: res?.status ?? null,
        ms: durationMs,
        ...(verdict.kind === "delivered" ? {} : { error: verdict.error.slice(0, 300) }),
      },
      "delivery attempt",
    );
  }

  private async finish(
    id: number,
    saleId: number | null,
    campaignId: number,
    row: Claimed,
    v: Verdict,
    a: { startedAt: Date; durationMs: number; url: string | null; res: OutboundResponse | null },
  ): Promise<"delivered" | "rejected" | "dead" | "retry"> {
    const outcome =
      v.kind === "delivered"
        ? "delivered"
        : v.kind === "failed"
          ? "rejected"
          : row.attempts >= row.maxAttempts
            ? "dead"
            : "retry";
    await this.db.deliveryAttempt.create({
      data: {
        deliveryId: id,
        attemptNo: row.attempts,
        startedAt: a.startedAt,
        durationMs: a.durationMs,
        requestUrl: a.url,
        responseStatus: a.res?.status ?? null,
        responseBody: a.res ? a.res.body.slice(0, BODY_KEEP) : null,
        error: v.kind === "delivered" ? null : v.error.slice(0, 1000),
        outcome,
      },
    });
    const mine = { id, lockedBy: this.id, status: "in_progress" as const };
    const unlock = { lockedAt: null, lockedBy: null };
    if (v.kind === "delivered") {
      await this.db.$transaction(async (tx) => {
        const n = await tx.delivery.updateMany({
          where: mine,
          data: { ...unlock, status: "delivered", deliveredAt: new Date(), lastError: null },
        });
        if (n.count && saleId && v.buyerLeadId)
          await tx.leadSale.update({ where: { id: saleId }, data: { buyerLeadId: v.buyerLeadId } });
      });
      await recordSuccess(campaignId, this.db);
      return outcome;
    }
    if (v.kind === "failed") {
      await this.db.delivery.updateMany({ where: mine, data: { ...unlock, status: "failed", lastError: v.error } });
      await recordSuccess(campaignId, this.db);
      return outcome;
    }
    if (outcome === "dead") {
      await this.db.delivery.updateMany({ where: mine, data: { ...unlock, status: "dead", lastError: v.error } });
    } else {
      const delay = v.retryAfterMs ?? backoffDelay(row.attempts, this.opts.backoffMs);
      await this.db.delivery.updateMany({
        where: mine,
        data: { ...unlock, status: "pending", lastError: v.error, nextAttemptAt: new Date(Date.now() + delay) },
      });
    }
    if (v.transport) await recordFailure(campaignId, v.error, this.db);
    return outcome;
  }

  /**
   * Runs in the background until stop(): up to batchSize deliveries in flight, a freed slot is
   * refilled at once (one slow buyer holds one slot, not a whole batch). LISTEN wakes it the moment
   * a sale commits; the poll interval backs that up and brings retries that come due.
   */
  start(listen?: (onNotify: () => void) => Promise<() => Promise<void>>): void {
    if (this.running) return;
    this.running = true;
    const inFlight = new Set<Promise<void>>();
    this.loop = (async () => {
      let unlisten: (() => Promise<void>) | null = null;
      if (listen) {
        try {
          unlisten = await listen(() => this.signal());
        } catch (e) {
          logger.error({ err: e }, "delivery: LISTEN failed; polling only");
        }
      }
      while (this.running) {
        let full = false;
        try {
          const free = this.opts.batchSize - inFlight.size;
          if (free > 0) {
            const rows = await this.claim(free);
            for (const row of rows) {
              const p: Promise<void> = this.process(row)
                .catch((e) => logger.error({ err: e, deliveryId: row.id }, "delivery: worker error"))
                .finally(() => {
                  inFlight.delete(p);
                  this.signal();
                });
              inFlight.add(p);
            }
            full = rows.length === free;
          }
          if (Date.now() - this.lastProbe > this.opts.probeIntervalMs) {
            this.lastProbe = Date.now();
            await probePausedCampaigns({
              db: this.db,
              intervalMs: this.opts.probeIntervalMs,
              allow: this.opts.allow,
              timeoutMs: this.opts.timeoutMs,
            });
          }
          // Leads a crashed request left pending (lib/pipeline/settle.ts): checked a few times per timeout.
          const sweepEvery = Math.min(60_000, this.opts.pendingLeadTimeoutMs / 3);
          if (this.opts.pendingLeadTimeoutMs > 0 && Date.now() - this.lastSweep > sweepEvery) {
            this.lastSweep = Date.now();
            const closed = await sweepInterruptedLeads(this.db, this.opts.pendingLeadTimeoutMs);
            if (closed) logger.warn({ closed }, "delivery: closed leads left pending by an interrupted request");
          }
          this.maybeRunRetention();
        } catch (e) {
          logger.error({ err: e }, "delivery: worker pass failed");
        }
        // More may be due right now: only a full claim says so; otherwise sleep until woken.
        if (full && inFlight.size < this.opts.batchSize) continue;
        if (this.running) await this.sleep();
      }
      await Promise.all(inFlight);
      await unlisten?.().catch(() => {});
    })();
  }

  private woken = false;

  /** Wakes the loop; remembered if it is not asleep yet, so a wake between claim and sleep is not lost. */
  signal(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  private sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, this.opts.pollMs);
      const self = this;
      function done() {
        clearTimeout(t);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  /** Graceful stop: claims nothing new, waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.signal();
    await this.loop;
    this.loop = null;
  }
}

function httpFailure(res: OutboundResponse): Verdict {
  if (res.status === 410)
    return { kind: "failed", error: "410 Gone: the buyer retired this endpoint", failure: "http_4xx" };
  const retryAfterMs = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers["retry-after"]) : null;
  // 5xx and redirects are the endpoint's trouble (breaker counts them); 4xx are answers from a live server.
  return {
    kind: "retry",
    error: `HTTP ${res.status}`,
    retryAfterMs,
    transport: res.status >= 500 || (res.status >= 300 && res.status < 400),
    failure: res.status >= 500 ? "http_5xx" : "http_4xx",
  };
}
