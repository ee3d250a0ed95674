// Substring search in PostgreSQL through Prisma's `contains` (LIKE / ILIKE '%' || $1 || '%'):
// Prisma passes % and _ through as wildcards, so `q=%` would match every row. They (and the
// escape character itself) are escaped here. Text PostgreSQL cannot hold (a NUL, an unpaired
// surrogate) matches no stored row: such a search finds nothing instead of failing as a 500.
import { unstorable } from "./api/request";

/** `%`, `_` and `\` taken literally in a LIKE pattern (PostgreSQL's default escape is `\`). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const NOTHING = { in: [] as string[] };

/** A Prisma string filter for "contains q", literal, optionally case-insensitive. */
export function containsText(q: string, opts: { insensitive?: boolean } = {}) {
  if (unstorable(q)) return NOTHING;
  return { contains: escapeLike(q), ...(opts.insensitive ? { mode: "insensitive" as const } : {}) };
}

/** A Prisma string filter for equality that cannot fail on unstorable input (dashboard query strings). */
export function equalsText(v: string) {
  return unstorable(v) ? NOTHING : { equals: v };
}
