// POST /api/admin/sellers {companyName, email?, status?} → 201 the seller account.
// GET  /api/admin/sellers[?status=&limit=&offset=] → seller accounts. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { createSeller, listSellers } from "@/lib/admin-accounts";
import { serializeSeller } from "@/lib/serializers/accounts";
import { AccountListQuery, CreateSellerBody } from "@/lib/validation/accounts";

export const POST = route(async (req) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const seller = await createSeller(caller, parseObject(body, CreateSellerBody), clientIp(req));
  return NextResponse.json(serializeSeller(seller), { status: 201 });
});

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  const sellers = await listSellers(parseQuery(req, AccountListQuery));
  return NextResponse.json(sellers.map(serializeSeller));
});
