// Retention: personal fields of old leads are erased (default: 3 years after a sale, 90 days for
// rejected and unsold leads); consent evidence (consent text and timestamp, IP, TrustedForm
// certificate) is kept longer (default 5 years, the TCPA limitation period) and then erased too.
// Runs in the delivery worker process on any instance (lib/delivery/worker.ts), and on demand
// (POST /api/admin/retention/run, `npm run worker -- --retention`). Each batch is one short
// transaction that claims its leads FOR UPDATE SKIP LOCKED: instances never fight over rows, and a
// lead a live request is working on is skipped and taken next time.
import { z } from "zod";
import { prisma, type Db } from "../db";
import { env } from "../env";
import { eraseLeadRows } from "./erase";
import type { RetentionRunJson, RetentionSettingsJson } from "../openapi/types";

const SETTING_KEY = "retention";

export const RetentionSettings = z
  .strictObject({
    soldDays: z
      .number()
      .int()
      .min(0)
      .max(36500)
      .describe("Erase personal fields of sold and returned leads this many days after creation (0: keep)"),
    unsoldDays: z.number().int().min(0).max(36500).describe("… of rejected and unsold leads (0: keep)"),
    consentDays: z
      .number()
      .int()
      .min(0)
      .max(36500)
      .describe("Erase consent evidence this many days after creation (0: keep); at least soldDays and unsoldDays"),
  })
  .superRefine((s, ctx) => {
    if (
      s.consentDays &&
      ((s.soldDays && s.consentDays < s.soldDays) ||
        (s.unsoldDays && s.consentDays < s.unsoldDays) ||
        !s.soldDays ||
        !s.unsoldDays)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["consentDays"],
        message: "must be 0 (keep) or at least soldDays and unsoldDays (which must then be set)",
      });
    }
  })
  .describe("Retention periods");
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export function defaultRetention(): RetentionSettings {
  return {
    soldDays: env.RETENTION_SOLD_DAYS,
    unsoldDays: env.RETENTION_UNSOLD_DAYS,
    consentDays: env.CONSENT_EVIDENCE_DAYS,
  };
}

/** The admin setting (Setting "retention") over the env defaults. */
export async function getRetention(db: Db = prisma): Promise<RetentionSettingsJson> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEY } });
  if (row) {
    const parsed = RetentionSettings.safeParse(JSON.parse(row.value));
    if (parsed.success) return { ...parsed.data, source: "setting" };
  }
  return { ...defaultRetention(), source: "env" };
}

export async function setRetention(
  s: RetentionSettings,
  db: Db = prisma,
): Promise<RetentionSettingsJson & { source: "setting" }> {
  const value = JSON.stringify(s);
  await db.setting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value }, update: { value } });
  return { ...s, source: "setting" };
}

/** What a run erased (the RetentionRun response schema). */
export type RetentionRun = RetentionRunJson;

const DAY = 86_400_000;

/**
 * Runs the job until nothing is due or maxBatches ran. `pauseMs` between batches leaves the
 * connection pool and CPU to the hot paths.
 */
export async function runRetention(
  opts: { db?: Db; batchSize?: number; maxBatches?: number; pauseMs?: number; now?: Date } = {},
): Promise<RetentionRun> {
  const db = opts.db ?? prisma;
  const batchSize = opts.batchSize ?? env.RETENTION_BATCH_SIZE;
  const maxBatches = opts.maxBatches ?? 1000;
  const now = opts.now ?? new Date();
  const started = Date.now();
  const s = await getRetention(db);
  // 0 = keep: a cutoff before any lead.
  // Timestamps are UTC wall time in "timestamp without time zone" columns, as Prisma stores them.
  const cutoff = (days: number) => (days ? new Date(now.getTime() - days * DAY) : new Date(0)).toISOString();
  const sold = cutoff(s.soldDays);
  const unsold = cutoff(s.unsoldDays);
  const consent = cutoff(s.consentDays);
  const out: RetentionRun = { leadsErased: 0, consentErased: 0, idempotencyPruned: 0, batches: 0, durationMs: 0 };
  const pause = () => (opts.pauseMs ? new Promise((r) => setTimeout(r, opts.pauseMs)) : Promise.resolve());

  // Stage 1: personal fields (consent evidence kept).
  while (out.batches < maxBatches) {
    const n = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM "Lead"
         WHERE "erasedAt" IS NULL AND "createdAt" < greatest(${sold}::timestamptz AT TIME ZONE 'UTC', ${unsold}::timestamptz AT TIME ZONE 'UTC')
           AND ((status IN ('sold', 'returned') AND "createdAt" < ${sold}::timestamptz AT TIME ZONE 'UTC')
             OR (status IN ('rejected', 'unsold') AND "createdAt" < ${unsold}::timestamptz AT TIME ZONE 'UTC'))
         ORDER BY "erasedAt", "createdAt" LIMIT ${batchSize}
         FOR UPDATE SKIP LOCKED`;
      await eraseLeadRows(
        tx,
        rows.map((r) => r.id),
        { consent: false, reason: "retention" },
      );
      return rows.length;
    });
    out.batches++;
    out.leadsErased += n;
    if (n < batchSize) break;
    await pause();
  }
  // Stage 2: consent evidence past its own period (no deletion request needed).
  while (s.consentDays && out.batches < maxBatches) {
    const n = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM "Lead" WHERE "createdAt" < ${consent}::timestamptz AT TIME ZONE 'UTC' AND "consentErasedAt" IS NULL AND status <> 'pending'
         ORDER BY "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      await eraseLeadRows(
        tx,
        rows.map((r) => r.id),
        { consent: true, reason: "consent_retention" },
      );
      return rows.length;
    });
    out.batches++;
    out.consentErased += n;
    if (n < batchSize) break;
    await pause();
  }
  // Stored idempotent replies outlive any sane retry by far after the shortest period: drop them.
  const shortest = Math.min(...[s.soldDays, s.unsoldDays].filter((d) => d > 0));
  if (Number.isFinite(shortest)) {
    out.idempotencyPruned = await db.$executeRaw`
      DELETE FROM "IdempotencyRecord" WHERE "completedAt" IS NOT NULL AND "createdAt" < ${cutoff(shortest)}::timestamptz AT TIME ZONE 'UTC'`;
  }
  out.durationMs = Date.now() - started;
  return out;
}
