// GET /api/reports/unsold query string: the period of the supply/demand gap report.
import { z } from "zod";
import { formatField, isoDate, opt } from "./fields";

export const MAX_REPORT_DAYS = 366;
export const DEFAULT_REPORT_DAYS = 30;

export const UnsoldReportQuery = z
  .object({
    from: opt(
      isoDate(
        "start",
        `Leads created at or after (ISO date or date-time, inclusive; default ${DEFAULT_REPORT_DAYS} days before to)`,
      ),
    ),
    to: opt(
      isoDate(
        "end",
        "Leads created at or before (ISO date or date-time, inclusive; a bare date includes the whole day; default now)",
      ),
    ),
    ...formatField,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    else if (q.from && q.to && q.to.getTime() - q.from.getTime() > MAX_REPORT_DAYS * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `the report covers at most ${MAX_REPORT_DAYS} days` });
    }
  })
  .describe("The period of the gap report");
export type UnsoldReportQuery = z.infer<typeof UnsoldReportQuery>;

/** [from, to) from the query: to defaults to now, from to DEFAULT_REPORT_DAYS before it. */
export function reportPeriod(q: UnsoldReportQuery, now = new Date()): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to.getTime() + 1) : now;
  const from = q.from ?? new Date(to.getTime() - DEFAULT_REPORT_DAYS * 86_400_000);
  return { from, to };
}
