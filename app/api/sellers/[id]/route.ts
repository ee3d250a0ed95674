// GET /api/sellers/{id}: the seller's payout balance (the seller itself or an admin).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { getSellerAccount } from "@/lib/accounts";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req);
  return NextResponse.json(await getSellerAccount(caller, intParam((await params).id, "seller")));
});
