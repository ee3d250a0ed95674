// Field schemas shared by the buyer/money resources: account ids in query strings, money,
// date ranges and pagination. Each carries .describe() so the OpenAPI document can be generated.
import { z } from "zod";
import { toCents } from "../money";

// zod 4 keeps a description on the schema it was set on: re-describe optional/default wrappers
// so every field of a request schema carries its text for the OpenAPI document.
export function opt<T extends z.ZodType>(s: T) {
  return s.optional().describe(s.description ?? "");
}

/** A positive integer id as it arrives in a query string ("5"). */
export const queryId = (what: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a positive integer ${what} id`)
    .transform(Number)
    .refine((n) => n >= 1, `must be a positive integer ${what} id`)
    .describe(`${what[0].toUpperCase()}${what.slice(1)} account id`);

/** A positive integer id in a JSON body (5 or "5"). */
export const bodyId = (what: string) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d{1,9}$/, `must be a positive integer ${what} id`)
        .transform(Number),
    ])
    .pipe(
      z
        .number()
        .int(`must be a positive integer ${what} id`)
        .min(1, `must be a positive integer ${what} id`)
        .max(999_999_999),
    )
    .describe(`${what[0].toUpperCase()}${what.slice(1)} account id`);

/** The admin forms' amounts (credit limits, payout rules) state their rule in one sentence. */
export const ACCOUNT_AMOUNT_MESSAGE = "must be an amount between 0 and 1000000.00 with at most 2 decimals";

/**
 * Money as the API documents it: a decimal string ("55.00"); a JSON number (55) is accepted too.
 * Parsed into integer cents once, here; never a float afterwards.
 */
export function money(opts: {
  min: number;
  max: number;
  allowZero?: boolean;
  description: string;
  /** One message for every failure (unparseable or out of range), where a form shows the rule in words. */
  message?: string;
}) {
  return z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const cents = toCents(v);
      if (cents === null) {
        ctx.addIssue({
          code: "custom",
          message: opts.message ?? 'must be a decimal amount with at most 2 decimals, e.g. "55.00"',
        });
        return z.NEVER;
      }
      if (cents < opts.min || cents > opts.max) {
        ctx.addIssue({
          code: "custom",
          message: opts.message ?? `must be between ${(opts.min / 100).toFixed(2)} and ${(opts.max / 100).toFixed(2)}`,
        });
        return z.NEVER;
      }
      if (cents === 0 && opts.allowZero === false) {
        ctx.addIssue({ code: "custom", message: "must not be zero" });
        return z.NEVER;
      }
      return cents;
    })
    .describe(opts.description);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** JavaScript rolls 2026-02-31 over to March 3rd; an API must refuse it instead. */
function realDay(ymd: string): boolean {
  const [y, m, d] = ymd.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * An ISO date ("2026-03-03", UTC day) or date-time ("2026-03-03T10:30:00Z"). `edge` decides what a bare
 * date means: the start of that day for `from`, the end of it for `to` (ranges are inclusive).
 */
export const isoDate = (edge: "start" | "end", description: string) =>
  z
    .string()
    .transform((v, ctx) => {
      const s = v.trim();
      const bare = DATE_RE.test(s);
      const d = new Date(bare ? `${s}T00:00:00.000Z` : s);
      if (Number.isNaN(d.getTime()) || (!bare && !/^\d{4}-\d{2}-\d{2}T/.test(s)) || !realDay(s.slice(0, 10))) {
        ctx.addIssue({
          code: "custom",
          message: "must be an ISO-8601 date (2026-03-03) or date-time (2026-03-03T10:30:00Z)",
        });
        return z.NEVER;
      }
      // "to=2026-03-03" includes the whole day: stop just before the next midnight.
      return bare && edge === "end" ? new Date(d.getTime() + 86_400_000 - 1) : d;
    })
    .describe(description);

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const paginationFields = {
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `must be an integer between 1 and ${MAX_LIMIT}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_LIMIT, `must be an integer between 1 and ${MAX_LIMIT}`)
    .optional()
    .describe(`Page size (default ${DEFAULT_LIMIT}, maximum ${MAX_LIMIT})`),
  cursor: z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const c = decodeCursor(v);
      if (!c) {
        ctx.addIssue({ code: "custom", message: "is not a cursor this API issued" });
        return z.NEVER;
      }
      return c;
    })
    .optional()
    .describe("Opaque cursor from the previous page's X-Next-Cursor header"),
  offset: z
    .string()
    .regex(/^\d{1,7}$/, "must be a non-negative integer")
    .transform(Number)
    .optional()
    .describe("Rows to skip (alternative to cursor)"),
};

/** `?format=csv` on a listing: the same rows as a streamed CSV download (or send Accept: text/csv). */
export const formatField = {
  format: z
    .enum(["json", "csv"], { error: 'must be "json" or "csv"' })
    .optional()
    .describe(
      "json (default) or csv: every matching row as a streamed text/csv download (limit, cursor and offset do not apply). Accept: text/csv does the same.",
    ),
};

/** Cross-field checks every listing shares: from ≤ to, and not both cursor and offset. */
export function checkRangeAndPaging(
  q: { from?: Date; to?: Date; cursor?: Cursor; offset?: number },
  ctx: z.RefinementCtx,
) {
  if (q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  if (q.cursor !== undefined && q.offset !== undefined) {
    ctx.addIssue({ code: "custom", path: ["offset"], message: "use either cursor or offset, not both" });
  }
}

// Keyset cursors over (createdAt DESC, id DESC): stable while new rows arrive, unlike offsets.
export type Cursor = { createdAt: Date; id: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeCursor(s: string): Cursor | null {
  const [iso, id] = Buffer.from(s, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!/^\d{1,12}$/.test(id ?? "") || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id: Number(id) };
}

export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;
