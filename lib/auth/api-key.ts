// An API key presented with a request, resolved to its Caller. Creating, listing and revoking
// keys, and the per-instance cache this reads, are lib/api-keys.ts.
import "server-only";
import { cachedKey, cacheKey, hashApiKey } from "../api-keys";
import { prisma } from "../db";
import type { Caller } from "./types";

export type KeyLookup =
  | { caller: Caller }
  | { caller: null; reason: "unknown" | "revoked" | "suspended"; apiKeyId?: string };

/**
 * Resolves a key from the per-instance cache (lib/api-keys.ts: cleared on every instance by
 * revocation and suspension, bounded by API_KEY_CACHE_SECONDS), else from the database.
 */
export async function lookupApiKey(key: string): Promise<KeyLookup> {
  if (!key || key.length > 200) return { caller: null, reason: "unknown" };
  const hash = hashApiKey(key);
  const hit = cachedKey<{ result: KeyLookup; lastUsedAt: number }>(hash);
  if (hit) {
    touchKey(hit.result, hit);
    return hit.result;
  }
  const row = await prisma.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      buyerId: true,
      sellerId: true,
      buyer: { select: { status: true } },
      seller: { select: { status: true } },
    },
  });
  // A key belongs to exactly one buyer or seller account; anything else is not a usable key.
  if (!row || (row.buyerId == null) === (row.sellerId == null)) return { caller: null, reason: "unknown" };
  const result: KeyLookup = row.revokedAt
    ? { caller: null, reason: "revoked", apiKeyId: row.id }
    : row.buyer?.status === "suspended" || row.seller?.status === "suspended"
      ? { caller: null, reason: "suspended", apiKeyId: row.id }
      : {
          caller: {
            via: "api_key",
            userId: null,
            username: null,
            role: row.buyerId != null ? "buyer" : "seller",
            buyerId: row.buyerId,
            sellerId: row.sellerId,
            apiKeyId: row.id,
          },
        };
  const entry = { result, lastUsedAt: row.lastUsedAt?.getTime() ?? 0 };
  cacheKey(hash, entry);
  touchKey(result, entry);
  return result;
}

/** Touch lastUsedAt at most once a minute: a write per request would dominate the hot path. */
function touchKey(result: KeyLookup, entry: { lastUsedAt: number }) {
  if (!result.caller?.apiKeyId || Date.now() - entry.lastUsedAt <= 60_000) return;
  entry.lastUsedAt = Date.now();
  void prisma.apiKey
    .update({ where: { id: result.caller.apiKeyId }, data: { lastUsedAt: new Date() } })
    .catch(() => {});
}

export async function callerFromApiKey(key: string): Promise<Caller | null> {
  return (await lookupApiKey(key)).caller;
}

/** `Authorization: Bearer <key>`, `x-api-key: <key>`, or a `token: <key>` header (the compliance endpoint's wording). */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim() || null;
  return headers.get("x-api-key")?.trim() || headers.get("token")?.trim() || null;
}
