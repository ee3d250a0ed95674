// POST /api/consumer/opt-out — public (no login): a consumer revokes consent or asks for deletion.
// The answer never says whether we hold data about them; a per-address limit holds off abuse.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseBody } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { OptOutBody } from "@/lib/validation/consumer";
import { submitOptOut } from "@/lib/consumer/opt-out";
import type { OptOutReceiptJson } from "@/lib/openapi/types";

export const POST = route(async (req) => {
  const body = await parseBody(req, OptOutBody);
  const receipt = await submitOptOut(body, { ip: clientIp(req), channel: "web" });
  return NextResponse.json<OptOutReceiptJson>(
    {
      ...receipt,
      message:
        "Request received. If we hold data about you, it is honoured within 10 business days; no new lead with these details will be accepted.",
    },
    { status: 202 },
  );
});
