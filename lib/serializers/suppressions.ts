// Suppression row → the admin API's suppression entry (lib/openapi/responses.ts).
import type { SuppressionKind, SuppressionType } from "../generated/prisma/client";
import type { SuppressionJson } from "../openapi/types";

export function serializeSuppression(s: {
  id: number;
  kind: SuppressionKind;
  type: SuppressionType;
  value: string;
  source: string | null;
  reason: string | null;
  createdAt: Date;
}): SuppressionJson {
  return {
    id: s.id,
    kind: s.kind,
    type: s.type,
    value: s.value,
    source: s.source,
    reason: s.reason,
    createdAt: s.createdAt.toISOString(),
  };
}
