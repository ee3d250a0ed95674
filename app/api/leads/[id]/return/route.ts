// POST /api/leads/{id}/return {"reason":"disconnected_phone"} → {"message":"Lead returned successfully"}
// 404 not your lead · 409 already_returned · 422 return_window_expired / return_limit_reached.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam, parseBody } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller } from "@/lib/auth/caller";
import { returnLead } from "@/lib/returns";
import { ReturnBody } from "@/lib/validation/lead-query";

export const POST = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req, ["buyer", "admin"]);
  const id = intParam((await params).id, "lead");
  const body = await parseBody(req, ReturnBody);
  return NextResponse.json(await returnLead(caller, id, body, { ip: clientIp(req) }));
});
