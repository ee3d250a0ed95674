// Deletion-request files (California Delete Act / DROP, CCPA): one identifier a line, plain or
// SHA-256 hex of the normalised form (lib/consumer/identifiers.ts). Read as a stream, a batch of
// lines at a time, so a 100k-line file never sits in memory. Per batch: every identifier goes on the
// suppression list (one statement), the few that match stored leads are found with one indexed
// query, and each matched consumer is erased in its own transaction (lib/consumer/erase.ts).
// The report is a DeletionImport row: kept as evidence of what was received and done, and when.
import { prisma } from "../db";
import { audit } from "../audit";
import type { Caller } from "../auth/types";
import { notifyDeliveryWorkers } from "../delivery/outbox";
import { parseDeletionLine } from "./identifiers";
import { eraseConsumer } from "./erase";
import type { DeletionReportJson, DeletionReportListJson } from "../openapi/types";

export const MAX_LINE_CHARS = 512;
export const MAX_BAD_LINES_KEPT = 1000;
const BATCH = 1000;

/** The import report as the API answers it (the DeletionReport response schema). */
export type DeletionReport = DeletionReportJson;

/** Lines of a byte stream, numbered from 1; an over-long line is cut at MAX_LINE_CHARS and flagged. */
export async function* streamLines(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<{ no: number; text: string; tooLong: boolean }> {
  const decoder = new TextDecoder("utf-8");
  const reader = body.getReader();
  let buf = "";
  let no = 0;
  let overflow = false;
  for (;;) {
    const { done, value } = await reader.read();
    buf += done ? decoder.decode() : decoder.decode(value, { stream: true });
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      const text = buf.slice(0, nl).replace(/\r$/, "");
      buf = buf.slice(nl + 1);
      no++;
      yield { no, text: text.slice(0, MAX_LINE_CHARS), tooLong: overflow || text.length > MAX_LINE_CHARS };
      overflow = false;
    }
    // A line with no newline in sight: keep only what is needed to report it.
    if (buf.length > MAX_LINE_CHARS) {
      buf = buf.slice(0, MAX_LINE_CHARS);
      overflow = true;
    }
    if (done) break;
  }
  if (buf.length || overflow) yield { no: no + 1, text: buf, tooLong: overflow };
}

export async function importDeletionRequests(
  body: ReadableStream<Uint8Array>,
  caller: Caller,
): Promise<DeletionReport> {
  const report = await prisma.deletionImport.create({
    data: { createdById: caller.userId ?? null },
    select: { id: true },
  });
  const r = {
    received: 0,
    matched: 0,
    deleted: 0,
    notified: 0,
    suppressed: 0,
    badLineCount: 0,
    badLines: [] as { line: number; issue: string }[],
  };
  const bad = (line: number, issue: string) => {
    r.badLineCount++;
    if (r.badLines.length < MAX_BAD_LINES_KEPT) r.badLines.push({ line, issue });
  };
  let batch: string[] = [];
  const flush = async () => {
    const hashes = [...new Set(batch)];
    batch = [];
    if (!hashes.length) return;
    // Suppressed first: even a consumer we hold nothing about is never sold afterwards.
    r.suppressed += (
      await prisma.suppression.createMany({
        data: hashes.map((value) => ({
          kind: "consumer" as const,
          type: "sha256" as const,
          value,
          source: "deletion_import",
          reason: `deletion import ${report.id}`,
          createdById: caller.userId ?? null,
        })),
        skipDuplicates: true,
      })
    ).count;
    const hits = await prisma.$queryRaw<{ h: string }[]>`
      SELECT "phoneHash" AS h FROM "Lead" WHERE "phoneHash" = ANY(${hashes}::text[])
      UNION SELECT "emailHash" FROM "Lead" WHERE "emailHash" = ANY(${hashes}::text[])`;
    for (const { h } of hits) {
      const { leadIds, noticeIds } = await prisma.$transaction((tx) => eraseConsumer(tx, [h]));
      if (!leadIds.length) continue; // a parallel request erased them first
      r.matched++;
      r.deleted += leadIds.length;
      r.notified += noticeIds.length;
    }
  };
  try {
    for await (const { no, text, tooLong } of streamLines(body)) {
      if (!text.trim() && !tooLong) continue;
      r.received++;
      if (tooLong) {
        bad(no, `longer than ${MAX_LINE_CHARS} characters`);
        continue;
      }
      const parsed = parseDeletionLine(text);
      if ("issue" in parsed) bad(no, parsed.issue);
      else batch.push(parsed.hash);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } catch (e) {
    await prisma.deletionImport.update({
      where: { id: report.id },
      data: {
        ...r,
        status: "failed",
        error: String((e as Error)?.message ?? e).slice(0, 500),
        completedAt: new Date(),
      },
    });
    throw e;
  }
  if (r.notified) await notifyDeliveryWorkers(prisma);
  const done = await prisma.deletionImport.update({
    where: { id: report.id },
    data: { ...r, status: "completed", completedAt: new Date() },
  });
  await audit({
    action: "consumer.deletion_import",
    caller,
    targetType: "DeletionImport",
    targetId: report.id,
    details: { received: r.received, matched: r.matched, deleted: r.deleted },
  });
  return serializeDeletionImport(done);
}

export function serializeDeletionImport(d: {
  id: string;
  status: string;
  received: number;
  matched: number;
  deleted: number;
  notified: number;
  suppressed: number;
  badLineCount: number;
  badLines: unknown;
  createdAt: Date;
  completedAt: Date | null;
}): DeletionReport {
  return {
    id: d.id,
    status: d.status as DeletionReport["status"],
    received: d.received,
    matched: d.matched,
    deleted: d.deleted,
    notified: d.notified,
    suppressed: d.suppressed,
    badLineCount: d.badLineCount,
    badLines: (d.badLines ?? []) as DeletionReport["badLines"],
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
  };
}

export async function listDeletionImports(limit = 50): Promise<DeletionReportListJson> {
  const rows = await prisma.deletionImport.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  return rows.map(serializeDeletionImport);
}
