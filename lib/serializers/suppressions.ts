export function serializeSuppression(s: {
  id: number;
  kind: string;
  type: string;
  value: string;
  source: string | null;
  reason: string | null;
  createdAt: Date;
}) {
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
