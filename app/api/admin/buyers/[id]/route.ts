// PATCH /api/admin/buyers/{id} {companyName?, email?, creditLimit?, status?} → the buyer account. Admin only.
// The balance is not editable here: money moves only through the ledger (adjustments).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam, parseObject } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCallerWithBody } from "@/lib/auth/caller";
import { updateBuyer } from "@/lib/admin-accounts";
import { serializeBuyer } from "@/lib/serializers/accounts";
import { UpdateBuyerBody } from "@/lib/validation/accounts";

export const PATCH = route<{ id: string }>(async (req, { params }) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const id = intParam((await params).id, "buyer");
  const buyer = await updateBuyer(caller, id, parseObject(body, UpdateBuyerBody), clientIp(req));
  return NextResponse.json(serializeBuyer(buyer));
});
