// API keys for integrators: created for one buyer or seller account, shown once, stored as a hash.
// (Kept free of next-auth/server-only imports: the seed script uses hashApiKey.)
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "./db";
import { audit } from "./audit";
import { ApiError } from "./api/errors";
import type { Caller } from "./auth";
import { serializeApiKey } from "./serializers/api-keys";

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
  const exists = owner.buyerId != null
    ? await prisma.buyer.count({ where: { id: owner.buyerId } })
    : await prisma.seller.count({ where: { id: owner.sellerId! } });
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

export async function listApiKeys(filter: { buyerId: number | null; sellerId: number | null }): Promise<ApiKeyRow[]> {
  return prisma.apiKey.findMany({
    where: {
      ...(filter.buyerId !== null ? { buyerId: filter.buyerId } : {}),
      ...(filter.sellerId !== null ? { sellerId: filter.sellerId } : {}),
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
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { id }, select: apiKeySelect });
  if (count === 1) {
    await audit({ action: "api_key.revoked", caller, targetType: "api_key", targetId: id, ip, details: { prefix: row.prefix } });
  }
  return row;
}

/** What GET /api/auth/me shows an API-key caller. */
export async function describeApiKey(id: string) {
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { id }, select: apiKeySelect });
  return serializeApiKey(row);
}
