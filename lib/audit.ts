// Security-relevant and money-moving actions. Never pass secrets (passwords, keys) in details.
import type { Db, Tx } from "./db";
import { prisma } from "./db";
import type { Caller } from "./auth/types";

export type AuditEntry = {
  action: string;
  caller?: Pick<Caller, "userId" | "apiKeyId" | "role"> | null;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  details?: Record<string, unknown>;
};

export async function audit(entry: AuditEntry, db: Db | Tx = prisma): Promise<void> {
  await db.auditLog.create({
    data: {
      action: entry.action,
      actorUserId: entry.caller?.userId ?? null,
      actorApiKeyId: entry.caller?.apiKeyId ?? null,
      actorRole: entry.caller?.role ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.ip ?? null,
      details: (entry.details ?? {}) as object,
    },
  });
}
