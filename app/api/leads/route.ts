// GET /api/leads?buyerId=&sellerId=&status=&vertical=&from=&to=&limit=&cursor=|offset=
// Buyers: their purchases (the documented array). Sellers: their submissions, all statuses, with
// rejection reasons and cost. Admins: everything. Next page: X-Next-Cursor / Link headers.
// format=csv or Accept: text/csv: every matching row, with contact columns, as a streamed CSV.
//
// POST /api/leads — the compliance endpoint (the Top of Funnel / Juiced Media lead API). It answers
// in that API's documented shape, for errors too: { success:false, bid:0, error, details:{ failedSources, reasons, phoneNumber } }.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { wantsCsv } from "@/lib/csv";
import { exportLeads } from "@/lib/exports";
import { parseQuery, readJsonObject } from "@/lib/api/request";
import { pageResponse } from "@/lib/api/paginate";
import { ApiError } from "@/lib/api/errors";
import { idempotent, idempotencyScope } from "@/lib/api/idempotency";
import { assertSameOrigin } from "@/lib/auth/csrf";
import { getCaller, requireCaller } from "@/lib/auth/caller";
import { bodyToken } from "@/lib/auth/body-token";
import { listLeads } from "@/lib/queries/leads";
import { LeadListQuery } from "@/lib/validation/lead-query";
import { normalizePhone } from "@/lib/pipeline/normalize";
import { processLead } from "@/lib/pipeline";
import { complianceFailure, serializeCompliance } from "@/lib/serializers/lead-submission";
import { sellerRequest, withHeaders } from "@/lib/api/seller-limits";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  const query = parseQuery(req, LeadListQuery);
  if (wantsCsv(req, query.format)) return exportLeads(caller, query);
  return pageResponse(req, await listLeads(caller, query));
});

export const POST = route(async (req) => {
  let body: Record<string, unknown> = {};
  try {
    body = await readJsonObject(req);
    const caller = await getCaller(req, bodyToken(body));
    if (!caller) throw new ApiError("unauthorized", "Invalid or missing token");
    // Same rules as every other route: a buyer's valid credentials are the wrong role (403), and a
    // cookie-authenticated submission must come from our own pages (CSRF).
    if (caller.role !== "seller" && caller.role !== "admin") {
      throw new ApiError("forbidden", "Lead submission is for seller accounts");
    }
    if (caller.via === "session") assertSameOrigin(req, { requireHeader: true, caller });
    const limits = await sellerRequest(caller);
    const res = await idempotent(req, idempotencyScope("compliance", caller), body, async () => ({
      status: 200,
      body: serializeCompliance(await processLead(body, caller)),
    }));
    return withHeaders(res, limits);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const source = err.status === 401 ? "Authentication" : err.status === 429 ? "Rate Limit" : "Request";
    const reasons = [err.message, ...err.details.map((d) => `${d.field}: ${d.issue}`)];
    const phone = Object.entries(body).find(([k]) => /^(consumer_?)?phone(_?number)?$/i.test(k))?.[1];
    // err.headers carries Retry-After on a 409 idempotency_conflict.
    return NextResponse.json(complianceFailure([source], reasons, normalizePhone(phone) ?? null, [err.code]), {
      status: err.status,
      headers: err.headers,
    });
  }
});
