// GET /api/reports/unsold?from=&to= → the supply/demand gap report as rows of
// { vertical, state, reason, leads, revenueLeft }. Admin: every unsold lead; seller: its own
// leads; buyer: its own campaigns' passes. How rows are counted: lib/queries/unsold.ts.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth";
import { gapScope, serializeGapRow, unsoldByReason } from "@/lib/queries/unsold";
import { reportPeriod, UnsoldReportQuery } from "@/lib/validation/report";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  const query = parseQuery(req, UnsoldReportQuery);
  const rows = await unsoldByReason(gapScope(caller), reportPeriod(query));
  return NextResponse.json(rows.map(serializeGapRow));
});
