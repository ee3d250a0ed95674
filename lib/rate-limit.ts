// Per-seller request limits on the seller API (ping, ingest, compliance posts), across all of the
// seller's keys and every app instance, without a database round trip per request.
//
// Fixed one-second windows. Each instance counts its own requests in memory and, every
// FLUSH_MS, adds them to the shared count in PostgreSQL in ONE statement for all keys
// (RateLimitWindow, INSERT … ON CONFLICT DO UPDATE SET count = count + n RETURNING count); the
// answer tells it what the other instances used. A request is refused when this instance's count
// plus the others' last known count reaches the limit. With one instance the limit is exact; with
// several, an instance learns of the others' requests at most FLUSH_MS late, so a burst can pass
// the limit by what the other instances admitted in that time (documented in the README).
// A per-request counter row would serialise every request of a seller on one row lock held
// until COMMIT's WAL flush; this keeps the hot path free of it.
import { env } from "./env";
import { ApiError } from "./api/errors";
import { sql, statement } from "./sql";
import { clearSellerSettings, sellerSettings } from "./seller-settings";

const FLUSH_MS = 100;

type Bucket = { window: number; local: number; unsynced: number; synced: number; others: number };
const buckets = new Map<string, Bucket>();
let flushTimer: NodeJS.Timeout | null = null;
let lastPurge = 0;

// ---------- each seller's limit (admin override or the env default) ----------

/** Requests per second this seller may make; 0 = unlimited. */
export async function sellerLimit(sellerId: number): Promise<number> {
  const own = (await sellerSettings(sellerId))?.rateLimitPerSecond;
  return own ?? env.SELLER_RATE_LIMIT_PER_SECOND;
}

/** Forgets the cached limits and counts (tests). */
export function resetRateLimits(): void {
  clearSellerSettings();
  buckets.clear();
}

// ---------- counting ----------

export type RateHeaders = Record<string, string>;

/**
 * Counts one seller API request, or refuses it with 429 rate_limited, Retry-After and the
 * RateLimit-Limit / RateLimit-Remaining / RateLimit-Reset headers (draft-ietf-httpapi-ratelimit-headers).
 * Returns the headers to send on the answer (none when the seller is unlimited).
 */
export async function takeSellerRequest(sellerId: number): Promise<RateHeaders> {
  const limit = await sellerLimit(sellerId);
  if (limit <= 0) return {};
  const now = Date.now();
  const window = Math.floor(now / 1000);
  const key = `s:${sellerId}`;
  let b = buckets.get(key);
  if (!b || b.window !== window) {
    // Unsent counts of an old window are dropped: that window is over.
    b = { window, local: 0, unsynced: 0, synced: 0, others: 0 };
    buckets.set(key, b);
  }
  const reset = Math.max(1, Math.ceil((window + 1) * 1000 - now) / 1000);
  const used = b.local + b.others;
  if (used >= limit) {
    throw new ApiError(
      "rate_limited",
      `Rate limit of ${limit} requests per second exceeded; retry after the window resets`,
      [
        {
          field: "(request)",
          issue: `at most ${limit} seller API requests per second across all of this seller's keys`,
        },
      ],
      {
        "Retry-After": "1",
        "RateLimit-Limit": String(limit),
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": String(Math.ceil(reset)),
      },
    );
  }
  b.local++;
  b.unsynced++;
  scheduleFlush();
  return {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, limit - used - 1)),
    "RateLimit-Reset": String(Math.ceil(reset)),
  };
}

const ADD = statement(
  "rate_limit_add",
  `INSERT INTO "RateLimitWindow" AS w ("key", "window", "count")
   SELECT * FROM unnest($1::text[], $2::int8[], $3::int4[])
   ON CONFLICT ("key", "window") DO UPDATE SET "count" = w."count" + EXCLUDED."count"
   RETURNING "key", "window"::text AS "window", "count"`,
);
const PURGE = statement("rate_limit_purge", `DELETE FROM "RateLimitWindow" WHERE "window" < $1::int8`);

function scheduleFlush() {
  if (flushTimer) return;
  flushTimer = setTimeout(() => {
    flushTimer = null;
    void flush().catch((err) => console.warn("[rate-limit] flush failed:", err instanceof Error ? err.message : err));
  }, FLUSH_MS);
  flushTimer.unref?.();
}

/** Adds this instance's unsent counts to the shared windows and learns the other instances' use. */
export async function flush(): Promise<void> {
  const sent: [string, Bucket, number][] = [];
  for (const [key, b] of buckets) {
    if (b.unsynced > 0) {
      sent.push([key, b, b.unsynced]);
      b.synced += b.unsynced;
      b.unsynced = 0;
    }
  }
  const now = Math.floor(Date.now() / 1000);
  if (sent.length) {
    const rows = await sql<{ key: string; window: string; count: number }>(ADD, [
      sent.map(([k]) => k),
      sent.map(([, b]) => b.window),
      sent.map(([, , n]) => n),
    ]);
    for (const r of rows) {
      const b = buckets.get(r.key);
      if (b && String(b.window) === r.window) b.others = Math.max(0, r.count - b.synced);
    }
  }
  for (const [key, b] of buckets) if (b.window < now - 1 && b.unsynced === 0) buckets.delete(key);
  if (Date.now() - lastPurge > 30_000) {
    lastPurge = Date.now();
    await sql(PURGE, [now - 60]);
  }
}
