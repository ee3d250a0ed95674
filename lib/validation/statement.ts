// GET /api/statements query string: whose statement, and which period (a month or a date range).
import { z } from "zod";
import { formatField, isoDate, opt, queryId } from "./fields";

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Longest range one statement covers: a typo guard (a year and a day), not an accounting rule. */
export const MAX_STATEMENT_DAYS = 366;

export const StatementQuery = z
  .object({
    buyerId: queryId("buyer").optional().describe("A buyer's statement (buyers: only their own; default: their own)"),
    sellerId: queryId("seller")
      .optional()
      .describe("A seller's payout statement (sellers: only their own; default: their own)"),
    month: z
      .string()
      .trim()
      .regex(MONTH_RE, "must be a month as YYYY-MM, such as 2026-03")
      .optional()
      .describe("A calendar month (UTC), YYYY-MM; the default is the current month"),
    from: opt(isoDate("start", "Period start (ISO date or date-time, inclusive); with to, instead of month")),
    to: opt(isoDate("end", "Period end (ISO date or date-time, inclusive; a bare date includes the whole day)")),
    ...formatField,
  })
  .superRefine((q, ctx) => {
    if (q.buyerId !== undefined && q.sellerId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["sellerId"], message: "name either buyerId or sellerId, not both" });
    }
    if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [q.from !== undefined ? "from" : "to"],
        message: "use either month or from/to, not both",
      });
    }
    if ((q.from === undefined) !== (q.to === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [q.from === undefined ? "from" : "to"],
        message: "is required with the other end of the range",
      });
    }
    if (q.from && q.to) {
      if (q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      else if (q.to.getTime() - q.from.getTime() > MAX_STATEMENT_DAYS * 86_400_000) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `a statement covers at most ${MAX_STATEMENT_DAYS} days`,
        });
      }
    }
  })
  .describe("Whose statement and for which period");
export type StatementQuery = z.infer<typeof StatementQuery>;

/** The half-open period [from, to) a query names: its month, its range, or the current UTC month. */
export function statementPeriod(
  q: Pick<StatementQuery, "month" | "from" | "to">,
  now = new Date(),
): { from: Date; to: Date } {
  if (q.from && q.to) return { from: q.from, to: new Date(q.to.getTime() + 1) };
  const [y, m] = q.month ? q.month.split("-").map(Number) : [now.getUTCFullYear(), now.getUTCMonth() + 1];
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}
