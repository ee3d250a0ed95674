// The capacity snapshot: each instance's copy of the cap counters of the current buckets and of
// every buyer's headroom (balance + credit limit), used to skip campaigns that cannot buy and to
// price pings — with no per-request query whose size grows with the number of campaigns.
//
// It is advisory. The settle function in PostgreSQL re-checks every cap, budget and balance
// under row locks, so a stale snapshot can only cost a retry (a refused pick), never an oversell.
// Freshness: this instance's own sales are applied at once (recordSale); other instances' sales
// arrive with the next refresh, at most CAPACITY_SNAPSHOT_MS later (stale-while-revalidate: a
// request never waits for a refresh unless the copy is older than ten intervals); a refusal
// from the database is learnt at once (recordRefusal).
import { env } from "../env";
import { toCents, type Cents } from "../money";
import { sql, statement } from "../sql";
import { buckets, type Capacity } from "./match";
import { onCampaignIndexInvalidated } from "./campaign-index";
import { getOrCreate } from "../maps";

type Snapshot = Capacity & { at: number; generation: number };

let snap: Snapshot | null = null;
let refreshing: Promise<Snapshot> | null = null;
let generation = 0;

/** Forgets the copy (tests; a campaign change may have moved caps). */
export function invalidateCapacity(): void {
  generation++;
  snap = null;
  refreshing = null;
}

// A campaign change (caps, prices, a paused buyer) or a lost notification: start afresh.
onCampaignIndexInvalidated(invalidateCapacity);

const COUNTERS = statement(
  "capacity_counters",
  `SELECT "campaignId", "bucket", "leads", "spend"::text AS spend FROM "CampaignCounter" WHERE "bucket" = ANY($1::text[])`,
);
const HEADROOM = statement(
  "capacity_headroom",
  `SELECT "id", ("balance" + "creditLimit")::text AS headroom FROM "Buyer" WHERE "status" = 'active'`,
);

/** The current buckets (hour, day, ISO week, month) of every zone campaigns count in. */
function currentBuckets(timezones: string[], now: Date): string[] {
  const out = new Set<string>();
  for (const tz of timezones) for (const b of Object.values(buckets(now, tz))) out.add(b);
  return [...out];
}

async function load(timezones: string[]): Promise<Snapshot> {
  const gen = generation;
  const now = new Date();
  const [rows, buyers] = await Promise.all([
    sql<{ campaignId: number; bucket: string; leads: number; spend: string }>(COUNTERS, [
      currentBuckets(timezones, now),
    ]),
    sql<{ id: number; headroom: string }>(HEADROOM),
  ]);
  const counters: Capacity["counters"] = new Map();
  for (const r of rows) {
    getOrCreate(counters, r.campaignId, () => new Map()).set(r.bucket, {
      leads: r.leads,
      spendCents: toCents(r.spend) ?? 0,
    });
  }
  const headroom = new Map(buyers.map((b) => [b.id, toCents(b.headroom) ?? 0]));
  const next: Snapshot = { counters, headroom, at: now.getTime(), generation: gen };
  if (gen === generation) snap = next;
  return next;
}

function refresh(timezones: string[]): Promise<Snapshot> {
  if (!refreshing) {
    const p = load(timezones).finally(() => {
      if (refreshing === p) refreshing = null;
    });
    refreshing = p;
  }
  return refreshing;
}

/** The snapshot to match against; refreshes in the background once it is CAPACITY_SNAPSHOT_MS old. */
export async function capacitySnapshot(timezones: string[]): Promise<Capacity> {
  const age = snap ? Date.now() - snap.at : Infinity;
  const ttl = env.CAPACITY_SNAPSHOT_MS;
  if (snap && age < ttl) return snap;
  if (snap && age < ttl * 10) {
    void refresh(timezones).catch((err) =>
      console.warn("[capacity] refresh failed:", err instanceof Error ? err.message : err),
    );
    return snap;
  }
  return refresh(timezones);
}

function bump(campaignId: number, bucket: string, leads: number, spendCents: Cents) {
  if (!snap) return;
  const m = getOrCreate(snap.counters, campaignId, () => new Map());
  const cur = m.get(bucket) ?? { leads: 0, spendCents: 0 };
  m.set(bucket, { leads: cur.leads + leads, spendCents: cur.spendCents + spendCents });
}

/** This instance sold a lead to these campaigns: count it now rather than at the next refresh. */
export function recordSale(
  sales: { campaignId: number; buyerId: number; priceCents: Cents; timezone?: string }[],
  now: Date,
): void {
  if (!snap) return;
  for (const s of sales) {
    const b = buckets(now, s.timezone);
    for (const key of [b.h, b.d, b.w, b.m]) bump(s.campaignId, key, 1, key === b.d ? s.priceCents : 0);
    const h = snap.headroom.get(s.buyerId);
    if (h !== undefined) snap.headroom.set(s.buyerId, h - s.priceCents);
  }
}

/**
 * The database refused a pick (another instance's sales filled a cap, spent a budget or a
 * balance): skip that campaign's bucket, or that buyer, until the next refresh says otherwise.
 */
export function recordRefusal(r: {
  campaignId: number;
  buyerId: number;
  reason: string;
  bucket?: string | null;
}): void {
  if (!snap) return;
  if (r.reason === "insufficient_balance") snap.headroom.set(r.buyerId, 0);
  else if (r.bucket) {
    getOrCreate(snap.counters, r.campaignId, () => new Map()).set(r.bucket, {
      leads: Number.MAX_SAFE_INTEGER,
      spendCents: Number.MAX_SAFE_INTEGER,
    });
  }
}
