// API keys for integrators: created for one buyer or seller account, shown once, stored as a hash.
// (Kept free of next-auth/server-only imports: the seed script uses hashApiKey.)
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "./db";
import { audit } from "./audit";
import { ApiError } from "./api/errors";
import type { Caller } from "./auth/types";
import { env } from "./env";
import { emitLocal, ensureListening, subscribe } from "./events";

// ---------- the per-instance key cache ----------
// Resolving a key is a query on every API request; the hot path (ping, ingest) cannot afford
// it. A resolved key is kept for API_KEY_CACHE_SECONDS. Revoking a key or suspending/reactivating
// an account announces on KEYS_CHANNEL (NOTIFY, delivered on commit to every instance), which
// empties every instance's cache at once; the TTL bounds staleness should a notification be lost.

export const KEYS_CHANNEL = "tlg_api_keys";
const MAX_CACHED = 10_000;

type CachedKey<T> = { at: number; value: T };
const keyCache = new Map<string, CachedKey<unknown>>();

subscribe(KEYS_CHANNEL, () => keyCache.clear());

/** Empties this instance's key cache (tests that reset the database). */
export function clearApiKeyCache(): void {
  keyCache.clear();
}

/** A cached resolution of the key with this hash, if fresh. */
export function cachedKey<T>(hash: string): T | undefined {
  const hit = keyCache.get(hash);
  if (!hit) return undefined;
  if (Date.now() - hit.at >= env.API_KEY_CACHE_SECONDS * 1000) {
    keyCache.delete(hash);
    return undefined;
  }
  return hit.value as T;
}

export function cacheKey(hash: string, value: unknown): void {
  if (env.API_KEY_CACHE_SECONDS <= 0) return;
  void ensureListening();
  if (keyCache.size >= MAX_CACHED) keyCache.clear();
  keyCache.set(hash, { at: Date.now(), value });
}

/**
 * Every instance forgets its cached keys: call after revoking a key or changing an account's
 * status. Inside a transaction the NOTIFY is delivered on commit; this instance clears at once.
 */
export async function announceKeyChange(db: { $executeRaw: typeof prisma.$executeRaw } = prisma): Promise<void> {
  emitLocal(KEYS_CHANNEL, "*");
  await db.$executeRaw`SELECT pg_notify(${KEYS_CHANNEL}, '*')`;
}

/** API keys are stored as SHA-256 hashes (they are random, so no slow hash is needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export const API_KEY_PREFIX = "tlg_";

/** A new key (192 random bits from the OS CSPRNG); only its hash and a short prefix are stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(24).toString("base64url");
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

export const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  buyerId: true,
  sellerId: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  buyerId: number | null;
  sellerId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type Owner = { buyerId: number; sellerId?: null } | { sellerId: number; buyerId?: null };

/** Creates a key; the plain key is returned here and never again. */
export async function createApiKey(caller: Caller, owner: Owner, name: string, ip?: string) {
  // Only admins can name an account that might not exist (others get their own); say so plainly.
  const exists =
    owner.buyerId != null
      ? await prisma.buyer.count({ where: { id: owner.buyerId } })
      : await prisma.seller.count({ where: { id: owner.sellerId } });
  if (!exists) {
    const field = owner.buyerId != null ? "buyerId" : "sellerId";
    throw new ApiError("validation_failed", `No such ${field === "buyerId" ? "buyer" : "seller"} account`, [
      { field, issue: "no account with this id" },
    ]);
  }
  const { key, prefix, hash } = generateApiKey();
  const row = await prisma.apiKey.create({
    data: {
      name,
      prefix,
      hash,
      buyerId: owner.buyerId ?? null,
      sellerId: owner.sellerId ?? null,
      createdById: caller.userId,
    },
    select: apiKeySelect,
  });
  await audit({
    action: "api_key.created",
    caller,
    targetType: "api_key",
    targetId: row.id,
    ip,
    details: { prefix, name, buyerId: row.buyerId, sellerId: row.sellerId },
  });
  return { row, key };
}

export async function listApiKeys(filter: { buyerId?: number; sellerId?: number }): Promise<ApiKeyRow[]> {
  return prisma.apiKey.findMany({
    where: {
      ...(filter.buyerId !== undefined ? { buyerId: filter.buyerId } : {}),
      ...(filter.sellerId !== undefined ? { sellerId: filter.sellerId } : {}),
    },
    select: apiKeySelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

export async function findApiKey(id: string): Promise<ApiKeyRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return prisma.apiKey.findUnique({ where: { id }, select: apiKeySelect });
}

/**
 * Revokes a key (ownership already checked by the caller). Conditional on not being revoked yet,
 * so the first revocation's time stands and is audited once; repeating it is harmless.
 */
export async function revokeApiKey(caller: Caller, id: string, ip?: string): Promise<ApiKeyRow> {
  const { count } = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 1) await announceKeyChange();
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { id }, select: apiKeySelect });
  if (count === 1) {
    await audit({
      action: "api_key.revoked",
      caller,
      targetType: "api_key",
      targetId: id,
      ip,
      details: { prefix: row.prefix },
    });
  }
  return row;
}
