// What the hot path needs of every seller (its rate limit and payout rule), cached per instance.
// The sellers table is small and read whole; an admin changing a seller announces on
// KEYS_CHANNEL (lib/admin-accounts.ts), which empties every instance's copy at once, and the copy
// is never older than SETTINGS_TTL_MS should a notification be lost.
import { sql, statement } from "./sql";
import { ensureListening, subscribe } from "./events";
import { KEYS_CHANNEL } from "./api-keys";
import type { PayoutColumns } from "./pipeline/payout";

const SETTINGS_TTL_MS = 30_000;

export type SellerSettings = PayoutColumns & { rateLimitPerSecond: number | null };

let cache: { at: number; bySeller: Map<number, SellerSettings> } | null = null;
let loading: Promise<Map<number, SellerSettings>> | null = null;

subscribe(KEYS_CHANNEL, () => {
  cache = null;
});

const SETTINGS = statement(
  "seller_settings",
  `SELECT "id", "rateLimitPerSecond", "payoutKind"::text AS "payoutKind", "payoutAmount"::text AS "payoutAmount",
          "payoutShareBps", "payoutAllowLoss"
   FROM "Seller"`,
);

async function all(): Promise<Map<number, SellerSettings>> {
  if (cache && Date.now() - cache.at < SETTINGS_TTL_MS) return cache.bySeller;
  void ensureListening();
  loading ??= sql<SellerSettings & { id: number }>(SETTINGS)
    .then((rows) => {
      const bySeller = new Map(rows.map(({ id, ...s }) => [id, s]));
      cache = { at: Date.now(), bySeller };
      return bySeller;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** The seller's settings, or null when there is no such seller (yet: a new one reloads the copy). */
export async function sellerSettings(sellerId: number): Promise<SellerSettings | null> {
  let s = (await all()).get(sellerId);
  if (!s) {
    cache = null;
    s = (await all()).get(sellerId);
  }
  return s ?? null;
}

/** Forgets the cached copy (tests). */
export function clearSellerSettings(): void {
  cache = null;
}
