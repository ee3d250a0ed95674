// GET/POST /api/admin/opt-outs — the opt-out queue (how each request was honoured, each notice's
// delivery status) and an opt-out entered for a consumer who called or wrote.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseBody, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller } from "@/lib/auth/caller";
import { AdminOptOutBody, OptOutListQuery } from "@/lib/validation/consumer";
import { listOptOuts, submitOptOut } from "@/lib/consumer/opt-out";

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json(await listOptOuts(parseQuery(req, OptOutListQuery)));
});

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const body = await parseBody(req, AdminOptOutBody);
  return NextResponse.json(await submitOptOut(body, { ip: clientIp(req), channel: "admin", caller }), { status: 202 });
});
