// PATCH /api/admin/sellers/{id} {companyName?, email?, status?} → the seller account. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam, parseObject } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCallerWithBody } from "@/lib/auth/caller";
import { updateSeller } from "@/lib/admin-accounts";
import { serializeSeller } from "@/lib/serializers/accounts";
import { UpdateSellerBody } from "@/lib/validation/accounts";

export const PATCH = route<{ id: string }>(async (req, { params }) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const id = intParam((await params).id, "seller");
  const seller = await updateSeller(caller, id, parseObject(body, UpdateSellerBody), clientIp(req));
  return NextResponse.json(serializeSeller(seller));
});
