import type { ApiKeyRow } from "../api-keys";

/** A key as its owner sees it: never the key itself (that is shown once, at creation) nor its hash. */
export function serializeApiKey(k: ApiKeyRow) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.buyerId != null ? ("buyer" as const) : ("seller" as const),
    buyerId: k.buyerId,
    sellerId: k.sellerId,
    status: k.revokedAt ? ("revoked" as const) : ("active" as const),
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
