// GET /api/buyers/{id}: balance, credit limit and available funds (the buyer itself or an admin).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { getBuyerAccount } from "@/lib/accounts";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req);
  return NextResponse.json(await getBuyerAccount(caller, intParam((await params).id, "buyer")));
});
