// GET /api/leads?buyerId=&sellerId=&status=&vertical=&from=&to=&limit=&cursor=|offset=
// Buyers: their purchases (the documented array). Sellers: their submissions, all statuses, with
// rejection reasons and cost. Admins: everything. Next page: X-Next-Cursor / Link headers.
import { route } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/request";
import { pageResponse } from "@/lib/api/paginate";
import { requireCaller } from "@/lib/auth";
import { listLeads } from "@/lib/queries/leads";
import { LeadListQuery } from "@/lib/validation/lead-query";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  const query = parseQuery(req, LeadListQuery);
  return pageResponse(req, await listLeads(caller, query));
});
