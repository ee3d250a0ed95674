// GET /api/reports/unsold?from=&to= → the supply/demand gap report as rows of
// { vertical, state, reason, leads, revenueLeft }. Admin: every unsold lead; seller: its own
// leads; buyer: its own campaigns' passes. How rows are counted: lib/queries/unsold.ts.
// format=csv or Accept: text/csv: the same rows as CSV (one aggregate, at most a few thousand rows).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { gapScope, serializeGapRow, unsoldByReason } from "@/lib/queries/unsold";
import { reportPeriod, UnsoldReportQuery } from "@/lib/validation/report";
import { csvResponse, oneBatch, wantsCsv, type CsvColumn } from "@/lib/csv";

type Row = ReturnType<typeof serializeGapRow>;
const GAP_COLUMNS: CsvColumn<Row>[] = (["vertical", "state", "reason", "leads", "revenueLeft"] as const).map((k) => ({
  header: k,
  value: (r: Row) => r[k],
}));

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  const query = parseQuery(req, UnsoldReportQuery);
  const rows = (await unsoldByReason(gapScope(caller), reportPeriod(query))).map(serializeGapRow);
  if (wantsCsv(req, query.format))
    return csvResponse(`unsold-${new Date().toISOString().slice(0, 10)}.csv`, GAP_COLUMNS, oneBatch(rows));
  return NextResponse.json(rows);
});
