// The last hour of API requests of THIS process, per minute and endpoint, for the admin
// system-health page (Prometheus holds the long history; this is what one instance can tell
// without one). Counts go into the same buckets as http_request_duration_seconds, so p95 is
// estimated the way PromQL's histogram_quantile does: linear inside the bucket it falls in.
import { getOrCreate } from "./maps";

export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type Cell = { count: number; errors: number; buckets: Uint32Array };
const emptyCell = (): Cell => ({ count: 0, errors: 0, buckets: new Uint32Array(DURATION_BUCKETS.length + 1) });

export class RequestHistory {
  private minutes = new Map<number, Map<string, Cell>>();
  constructor(private readonly keepMinutes = 60) {}

  record(endpoint: string, status: number, seconds: number, now = Date.now()): void {
    const minute = Math.floor(now / 60_000);
    let m = this.minutes.get(minute);
    if (!m) {
      m = new Map();
      this.minutes.set(minute, m);
      for (const k of this.minutes.keys()) if (k <= minute - this.keepMinutes) this.minutes.delete(k);
    }
    const c = getOrCreate(m, endpoint, emptyCell);
    c.count++;
    if (status >= 500) c.errors++;
    let i = 0;
    while (i < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[i]) i++;
    c.buckets[i]++;
  }

  /** Per endpoint over the window: requests, per minute, 5xx, p95 seconds; plus requests per minute for a chart. */
  summary(now = Date.now(), minutes = this.keepMinutes) {
    const last = Math.floor(now / 60_000);
    const first = last - minutes + 1;
    const perEndpoint = new Map<string, Cell>();
    const series: { minute: string; requests: number; errors: number }[] = [];
    for (let k = first; k <= last; k++) {
      const m = this.minutes.get(k);
      let requests = 0;
      let errors = 0;
      for (const [endpoint, c] of m ?? []) {
        requests += c.count;
        errors += c.errors;
        const agg = getOrCreate(perEndpoint, endpoint, emptyCell);
        agg.count += c.count;
        agg.errors += c.errors;
        c.buckets.forEach((n, i) => {
          agg.buckets[i] += n;
        });
      }
      series.push({ minute: new Date(k * 60_000).toISOString(), requests, errors });
    }
    const endpoints = [...perEndpoint].map(([endpoint, c]) => ({
      endpoint,
      requests: c.count,
      perMinute: c.count / minutes,
      errors: c.errors,
      p95Seconds: quantile(0.95, c.buckets),
    }));
    endpoints.sort((a, b) => b.requests - a.requests || a.endpoint.localeCompare(b.endpoint));
    return { endpoints, series };
  }
}

/** histogram_quantile over one histogram's (non-cumulative) bucket counts; the +Inf bucket answers its lower bound. */
export function quantile(q: number, buckets: ArrayLike<number>): number | null {
  let total = 0;
  for (let i = 0; i < buckets.length; i++) total += buckets[i];
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    if (seen + buckets[i] >= rank && buckets[i] > 0) {
      if (i >= DURATION_BUCKETS.length) return DURATION_BUCKETS[DURATION_BUCKETS.length - 1];
      const lo = i === 0 ? 0 : DURATION_BUCKETS[i - 1];
      const hi = DURATION_BUCKETS[i];
      return lo + ((hi - lo) * (rank - seen)) / buckets[i];
    }
    seen += buckets[i];
  }
  return DURATION_BUCKETS[DURATION_BUCKETS.length - 1];
}
