// GET /api/statements?buyerId=|sellerId=&month=YYYY-MM|from=&to= → a buyer's statement or a
// seller's payout statement: opening balance, the period's totals by category, closing balance.
// With format=csv or Accept: text/csv: every ledger line of the period with the running balance.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { wantsCsv } from "@/lib/csv";
import { accountStatement, serializeStatement, statementCsv } from "@/lib/statements";
import { StatementQuery } from "@/lib/validation/statement";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  const query = parseQuery(req, StatementQuery);
  if (wantsCsv(req, query.format)) return statementCsv(caller, query);
  return NextResponse.json(serializeStatement(await accountStatement(caller, query)));
});
