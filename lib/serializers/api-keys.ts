import type { ApiKeyRow } from "../api-keys";
import type { ApiKeyJson } from "../openapi/types";

/** A key as its owner sees it: never the key itself (that is shown once, at creation) nor its hash. */
export function serializeApiKey(k: ApiKeyRow): ApiKeyJson {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.buyerId != null ? "buyer" : "seller",
    buyerId: k.buyerId,
    sellerId: k.sellerId,
    status: k.revokedAt ? "revoked" : "active",
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
