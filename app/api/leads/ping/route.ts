// POST /api/leads/ping — a price for a lead before the seller commits it (the platform API's ping).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { readJsonObject } from "@/lib/api/request";
import { validationError } from "@/lib/api/errors";
import { requireCaller } from "@/lib/auth/caller";
import { bodyToken } from "@/lib/auth/body-token";
import { pingBody } from "@/lib/validation/lead-submission";
import { pingLead } from "@/lib/pipeline";
import { serializePing } from "@/lib/serializers/lead-submission";
import { sellerRequest } from "@/lib/api/seller-limits";

export const POST = route(async (req) => {
  const body = await readJsonObject(req);
  const caller = await requireCaller(req, ["seller", "admin"], bodyToken(body));
  const limits = await sellerRequest(caller);
  const parsed = pingBody.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return NextResponse.json(serializePing(await pingLead(body, caller)), { headers: limits });
});
