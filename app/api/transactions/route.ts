// GET /api/transactions?buyerId=|sellerId=&type=&leadId=&from=&to=&limit=&cursor= → the documented array;
// with format=csv or Accept: text/csv, every matching row as a streamed CSV (lib/exports.ts).
// POST /api/transactions (admin) {buyerId|sellerId, amount, note} → 201 adjustment, audit-logged.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { wantsCsv } from "@/lib/csv";
import { exportTransactions } from "@/lib/exports";
import { parseBody, parseQuery } from "@/lib/api/request";
import { pageResponse } from "@/lib/api/paginate";
import { clientIp } from "@/lib/request-context";
import { requireCaller } from "@/lib/auth/caller";
import { postAdjustment } from "@/lib/accounts";
import { listTransactions } from "@/lib/queries/transactions";
import { AdjustmentBody, TransactionListQuery } from "@/lib/validation/transaction";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  const query = parseQuery(req, TransactionListQuery);
  if (wantsCsv(req, query.format)) return exportTransactions(caller, query);
  return pageResponse(req, await listTransactions(caller, query));
});

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const body = await parseBody(req, AdjustmentBody);
  return NextResponse.json(await postAdjustment(caller, body, { ip: clientIp(req) }), { status: 201 });
});
