// Prometheus metrics (prom-client), one registry per process, served by GET /api/metrics.
// Every series carries `instance_id` (INSTANCE_ID or hostname:pid): each instance exposes its own
// counters, so sum() across instances in PromQL. (Not `instance`: Prometheus sets that label on
// every target itself and would rename ours to exported_instance.) Queue depth, delivery lag and
// open breakers are read from PostgreSQL at scrape time, so every instance reports the same
// cluster-wide value for them: use max(), not sum().
//
// Cost: the hot path does a Map lookup and a cached child's observe() per request; label values
// are bounded (route templates, status codes, reason codes from lib/pipeline/reasons.ts).
import { hostname } from "node:os";
import client from "prom-client";
import type { Pool } from "pg";
import { env } from "./env";
import { getOrCreate } from "./maps";
import { DURATION_BUCKETS, RequestHistory } from "./request-history";
import { REJECTION_SOURCES, UNSOLD_REASONS } from "./pipeline/reasons";

export const STAGES = ["normalize", "validate", "compliance", "match", "confirm", "settle"] as const;
export type Stage = (typeof STAGES)[number];

/** Cluster-wide figures read at scrape time (see queueStats). */
export type QueueStats = {
  byStatus: Record<string, number>;
  oldestPendingSeconds: number;
  dueLagSeconds: number;
  openBreakers: number;
};

function build() {
  const registry = new client.Registry();
  registry.setDefaultLabels({ instance_id: env.INSTANCE_ID ?? `${hostname()}:${process.pid}` });
  client.collectDefaultMetrics({ register: registry });
  const r = { registers: [registry] };

  let queueSource: (() => Promise<QueueStats>) | null = null;
  let pool: Pool | null = null;
  let pending: { at: number; p: Promise<QueueStats | null> } | null = null;
  // The four PostgreSQL gauges share one query per scrape.
  const stats = () => {
    if (!queueSource) return Promise.resolve(null);
    if (!pending || Date.now() - pending.at > 1000) {
      const src = queueSource;
      pending = {
        at: Date.now(),
        p: src().catch(() => {
          m.scrapeErrors.inc();
          return null;
        }),
      };
    }
    return pending.p;
  };

  const m = {
    registry,
    history: new RequestHistory(60),
    http: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "API request duration until the response headers are ready, by route template, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: DURATION_BUCKETS,
      ...r,
    }),
    leads: new client.Counter({
      name: "titan_leads_total",
      help: "Leads processed by outcome (sold/unsold/rejected) and primary reason code (none for sold; test-mode leads excluded).",
      labelNames: ["outcome", "reason"] as const,
      ...r,
    }),
    stage: new client.Histogram({
      name: "titan_pipeline_stage_seconds",
      help: "Time per pipeline stage (confirm and settle once per round when a buyer refuses).",
      labelNames: ["stage"] as const,
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      ...r,
    }),
    considered: new client.Histogram({
      name: "titan_campaigns_considered",
      help: "Campaigns of the lead's vertical checked against its targeting, per ping or lead.",
      buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      ...r,
    }),
    pings: new client.Counter({
      name: "titan_pings_total",
      help: "Pings answered: priced (at least one bid) or no_bid.",
      labelNames: ["result"] as const,
      ...r,
    }),
    pingPosts: new client.Counter({
      name: "titan_ping_posts_total",
      help: 'Leads posted with a pingId, by outcome. Ping to post conversion: rate(titan_ping_posts_total) / rate(titan_pings_total{result="priced"}).',
      labelNames: ["outcome"] as const,
      ...r,
    }),
    deliveryAttempts: new client.Counter({
      name: "titan_delivery_attempts_total",
      help: "Calls to buyers by method (webhook, http_post, http_post_sync for the in-request buyer confirmation) and outcome.",
      labelNames: ["method", "outcome"] as const,
      ...r,
    }),
    deliverySeconds: new client.Histogram({
      name: "titan_delivery_duration_seconds",
      help: "Duration of calls to buyers' endpoints, by method.",
      labelNames: ["method"] as const,
      buckets: DURATION_BUCKETS,
      ...r,
    }),
    buyerFailures: new client.Counter({
      name: "titan_delivery_buyer_failures_total",
      help: "Failed calls to a buyer by kind: timeout, network, http_5xx, http_4xx, rejected (the buyer said no), refused (URL not allowed).",
      labelNames: ["buyer_id", "kind"] as const,
      ...r,
    }),
    breakerTrips: new client.Counter({
      name: "titan_circuit_breaker_trips_total",
      help: "Campaigns this instance auto-paused because their endpoint kept failing.",
      ...r,
    }),
    settleRetries: new client.Counter({
      name: "titan_settle_retries_total",
      help: "Settle transactions retried after PostgreSQL aborted them (deadlock or serialization failure).",
      ...r,
    }),
    scrapeErrors: new client.Counter({
      name: "titan_metrics_db_errors_total",
      help: "Scrapes whose PostgreSQL gauges could not be read (those gauges are then absent).",
      ...r,
    }),
    queueDepth: new client.Gauge({
      name: "titan_delivery_queue_depth",
      help: "Delivery jobs by status, read from PostgreSQL at scrape time (cluster-wide, same on every instance; delivered rows are not counted).",
      labelNames: ["status"] as const,
      ...r,
      async collect() {
        const s = await stats();
        this.reset();
        if (s) for (const [status, n] of Object.entries(s.byStatus)) this.set({ status }, n);
      },
    }),
    oldestPending: new client.Gauge({
      name: "titan_delivery_oldest_pending_age_seconds",
      help: "Age of the oldest pending or in-progress delivery job (lag), from PostgreSQL at scrape time (cluster-wide); 0 when none.",
      ...r,
      async collect() {
        const s = await stats();
        this.reset();
        if (s) this.set(s.oldestPendingSeconds);
      },
    }),
    dueLag: new client.Gauge({
      name: "titan_delivery_due_lag_seconds",
      help: "How long the most overdue pending job has been due (now - nextAttemptAt), from PostgreSQL at scrape time (cluster-wide); 0 when the workers keep up.",
      ...r,
      async collect() {
        const s = await stats();
        this.reset();
        if (s) this.set(s.dueLagSeconds);
      },
    }),
    breakersOpen: new client.Gauge({
      name: "titan_circuit_breakers_open",
      help: "Campaigns auto-paused by the circuit breaker, from PostgreSQL at scrape time (cluster-wide).",
      ...r,
      async collect() {
        const s = await stats();
        this.reset();
        if (s) this.set(s.openBreakers);
      },
    }),
    poolConnections: new client.Gauge({
      name: "titan_db_pool_connections",
      help: "This instance's pg pool connections by state (in_use, idle); absent on embedded PGlite.",
      labelNames: ["state"] as const,
      ...r,
      collect() {
        this.reset();
        if (!pool) return;
        this.set({ state: "in_use" }, pool.totalCount - pool.idleCount);
        this.set({ state: "idle" }, pool.idleCount);
      },
    }),
    poolWaiting: new client.Gauge({
      name: "titan_db_pool_waiting",
      help: "Queries of this instance waiting for a pg pool connection; absent on embedded PGlite.",
      ...r,
      collect() {
        this.reset();
        if (pool) this.set(pool.waitingCount);
      },
    }),
    setQueueSource(fn: () => Promise<QueueStats>) {
      queueSource = fn;
    },
    setPool(p: Pool | null) {
      pool = p;
    },
  };
  return m;
}

// One registry per process, even though Next.js bundles this module into several chunks (the
// route handlers, instrumentation.ts where the delivery worker runs).
const g = globalThis as unknown as { __tlgMetrics?: ReturnType<typeof build> };
g.__tlgMetrics ??= build();
export const metrics = g.__tlgMetrics;

const on = env.METRICS_ENABLED;

// ---------- HTTP (lib/api/handler.ts) ----------

const httpChildren = new Map<string, client.Histogram.Internal<"route" | "method" | "status">>();

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  if (!on) return;
  const key = `${method} ${route} ${status}`;
  const child = getOrCreate(httpChildren, key, () => metrics.http.labels(route, method, String(status)));
  child.observe(seconds);
  metrics.history.record(`${method} ${route}`, status, seconds);
}

// ---------- pipeline (lib/pipeline/index.ts) ----------

const stageChildren = new Map(STAGES.map((s) => [s, metrics.stage.labels(s)]));

/** Runs a stage and records its duration; sync stages stay sync. A stage that throws is not timed. */
export function timed<T>(stage: Stage, fn: () => T): T {
  if (!on) return fn();
  const t0 = performance.now();
  const child = stageChildren.get(stage);
  const out = fn();
  if (out instanceof Promise) return out.finally(() => child?.observe((performance.now() - t0) / 1000)) as T;
  child?.observe((performance.now() - t0) / 1000);
  return out;
}

export function observeConsidered(n: number): void {
  if (on) metrics.considered.observe(n);
}

const KNOWN_REASONS = new Set<string>([...Object.keys(REJECTION_SOURCES), ...UNSOLD_REASONS]);
/** Reason codes as labels: known codes only (missing_field_<name> → missing_field), anything else "other". */
export function reasonLabel(code: string | undefined): string {
  if (!code) return "none";
  if (code.startsWith("missing_field_")) return "missing_field";
  return KNOWN_REASONS.has(code) ? code : "other";
}

/** The one reason a lead is counted under, so sum(titan_leads_total) equals the leads processed. */
export function primaryReason(o: {
  status: string;
  matchCount: number;
  rejectionReasons: string[];
  unsoldReasons: { reason: string }[];
}): string {
  if (o.status === "sold") return "none";
  if (o.status === "rejected") return reasonLabel(o.rejectionReasons[0]);
  if (!o.unsoldReasons.length) return "no_match";
  // Unsold: the reason most campaigns gave.
  const n = new Map<string, number>();
  for (const u of o.unsoldReasons) n.set(u.reason, (n.get(u.reason) ?? 0) + 1);
  return reasonLabel([...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]);
}

export function observeLead(o: {
  status: string;
  matchCount: number;
  test: boolean;
  rejectionReasons: string[];
  unsoldReasons: { reason: string }[];
  lead: { pingId?: string | null };
}): void {
  if (!on || o.test) return;
  metrics.leads.inc({ outcome: o.status, reason: primaryReason(o) });
  if (o.lead.pingId) metrics.pingPosts.inc({ outcome: o.status });
}

export function observePing(matchCount: number): void {
  if (on) metrics.pings.inc({ result: matchCount > 0 ? "priced" : "no_bid" });
}

export function countSettleRetry(): void {
  if (on) metrics.settleRetries.inc();
}

// ---------- delivery (lib/delivery/worker.ts, confirm.ts, circuit-breaker.ts) ----------

export type FailureKind = "timeout" | "network" | "http_5xx" | "http_4xx" | "rejected" | "refused";

export function observeDelivery(d: {
  method: string;
  outcome: string;
  seconds: number;
  buyerId: number;
  failure: FailureKind | null;
}): void {
  if (!on) return;
  metrics.deliveryAttempts.inc({ method: d.method, outcome: d.outcome });
  metrics.deliverySeconds.observe({ method: d.method }, d.seconds);
  if (d.failure) metrics.buyerFailures.inc({ buyer_id: String(d.buyerId), kind: d.failure });
}

export function countBreakerTrip(): void {
  if (on) metrics.breakerTrips.inc();
}
