// POST /api/admin/buyers {companyName, email?, creditLimit?, status?} → 201 the buyer account.
// GET  /api/admin/buyers[?status=&limit=&offset=] → buyer accounts. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { createBuyer, listBuyers } from "@/lib/admin-accounts";
import { serializeBuyer } from "@/lib/serializers/accounts";
import { AccountListQuery, CreateBuyerBody } from "@/lib/validation/accounts";

export const POST = route(async (req) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const buyer = await createBuyer(caller, parseObject(body, CreateBuyerBody), clientIp(req));
  return NextResponse.json(serializeBuyer(buyer), { status: 201 });
});

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  const buyers = await listBuyers(parseQuery(req, AccountListQuery));
  return NextResponse.json(buyers.map(serializeBuyer));
});
