// DNC and blacklist entries (local suppression tables read by lib/pipeline/compliance.ts).
// Values are stored in the pipeline's canonical form so a lookup is one index probe.
import { prisma } from "./db";
import { ApiError } from "./api/errors";
import { audit } from "./audit";
import type { Caller } from "./auth/types";
import { parseCsv } from "./csv";
import { canonicalEmail, canonicalPhone } from "./consumer/identifiers";
import type { Prisma } from "./generated/prisma/client";
import { containsText } from "./search";
import type { SuppressionImportJson } from "./openapi/types";

export type SuppressionKind = "dnc" | "blacklist";
export type SuppressionType = "phone" | "email" | "ip";

const IP_RE = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+$/i;

/** The canonical value, or an error sentence. */
export function canonicalSuppression(type: SuppressionType, raw: string): { value: string } | { issue: string } {
  const v = raw.trim();
  if (type === "phone") {
    const p = canonicalPhone(v);
    return p ? { value: p } : { issue: "not a valid 10-digit US phone number" };
  }
  if (type === "email") {
    const e = canonicalEmail(v);
    return e ? { value: e } : { issue: "not a valid email address" };
  }
  return IP_RE.test(v) ? { value: v.toLowerCase() } : { issue: "not an IP address" };
}

const select = { id: true, kind: true, type: true, value: true, source: true, reason: true, createdAt: true } as const;

export async function listSuppressions(q: {
  kind?: SuppressionKind;
  type?: SuppressionType;
  q?: string;
  limit: number;
  cursor?: number;
}) {
  const where: Prisma.SuppressionWhereInput = {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.q ? { value: containsText(q.q.toLowerCase()) } : {}),
    ...(q.cursor ? { id: { lt: q.cursor } } : {}),
  };
  return prisma.suppression.findMany({ where, select, orderBy: { id: "desc" }, take: q.limit });
}

export async function addSuppression(
  input: { kind: SuppressionKind; type: SuppressionType; value: string; reason?: string; source?: string },
  caller: Caller,
) {
  const canon = canonicalSuppression(input.type, input.value);
  if ("issue" in canon)
    throw new ApiError("validation_failed", "Invalid suppression value", [{ field: "value", issue: canon.issue }]);
  // The unique key (kind, type, value) decides: a parallel add of the same entry gets a 409, not a second row.
  const created = await prisma.suppression.createManyAndReturn({
    data: [
      {
        kind: input.kind,
        type: input.type,
        value: canon.value,
        reason: input.reason ?? null,
        source: input.source ?? null,
        createdById: caller.userId,
      },
    ],
    skipDuplicates: true,
    select,
  });
  if (!created.length) throw new ApiError("conflict", `${canon.value} is already on the ${input.kind} list`);
  await audit({
    action: "suppression.add",
    caller,
    targetType: "suppression",
    targetId: created[0].id,
    details: { kind: input.kind, type: input.type },
  });
  return created[0];
}

export async function removeSuppression(id: number, caller: Caller) {
  const { count } = await prisma.suppression.deleteMany({ where: { id } });
  if (!count) throw new ApiError("not_found", `No suppression with id ${id}`);
  await audit({ action: "suppression.remove", caller, targetType: "suppression", targetId: id });
}

/** The import's result (the SuppressionImport response schema). */
export type ImportResult = SuppressionImportJson;

/**
 * CSV import (RFC 4180, quoted fields may hold commas): one entry per record, `value[,type][,kind][,reason]`; a header line naming
 * "value"/"phone"/"email" is skipped. Columns left empty take the query's defaults.
 */
export async function importSuppressions(
  csv: string,
  defaults: { kind: SuppressionKind; type: SuppressionType; source?: string },
  caller: Caller,
): Promise<ImportResult> {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(csv);
  } catch (e) {
    // An unterminated quote, say: name where it broke rather than importing half a file.
    throw new ApiError("validation_failed", "The CSV could not be parsed", [
      { field: "(body)", issue: e instanceof Error ? e.message : "parse error" },
    ]);
  }
  const rows: Prisma.SuppressionCreateManyInput[] = [];
  const invalid: ImportResult["invalid"] = [];
  const seen = new Set<string>();
  records.forEach(({ line, cells }, i) => {
    if (!cells[0]) return;
    if (i === 0 && /^(value|phone|email|ip|number|phone_?number)$/i.test(cells[0])) return;
    const type = (cells[1] || defaults.type) as SuppressionType;
    const kind = (cells[2] || defaults.kind) as SuppressionKind;
    if (!["phone", "email", "ip"].includes(type) || !["dnc", "blacklist"].includes(kind)) {
      invalid.push({ line, value: cells[0], issue: "type must be phone/email/ip and kind dnc/blacklist" });
      return;
    }
    const canon = canonicalSuppression(type, cells[0]);
    if ("issue" in canon) {
      invalid.push({ line, value: cells[0], issue: canon.issue });
      return;
    }
    const k = `${kind}:${type}:${canon.value}`;
    if (seen.has(k)) return;
    seen.add(k);
    rows.push({
      kind,
      type,
      value: canon.value,
      reason: cells[3] || null,
      source: defaults.source ?? "csv import",
      createdById: caller.userId,
    });
  });
  if (rows.length > 100_000) throw new ApiError("payload_too_large", "Import at most 100,000 entries per request");
  let imported = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    imported += (await prisma.suppression.createMany({ data: rows.slice(i, i + 5000), skipDuplicates: true })).count;
  }
  await audit({
    action: "suppression.import",
    caller,
    targetType: "suppression",
    details: { imported, invalid: invalid.length },
  });
  return { imported, duplicates: rows.length - imported, invalid };
}
