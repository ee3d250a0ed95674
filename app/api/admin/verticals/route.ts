// POST /api/admin/verticals {key, name, subVerticals?, requiredFields?} → 201 the vertical.
// GET  /api/admin/verticals[?includeArchived=true] → verticals. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { createVertical, listVerticals } from "@/lib/catalog";
import { serializeVertical } from "@/lib/serializers/catalog";
import { CreateVerticalBody, VerticalListQuery } from "@/lib/validation/catalog";

export const POST = route(async (req) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const v = await createVertical(caller, parseObject(body, CreateVerticalBody), clientIp(req));
  return NextResponse.json(serializeVertical(v), { status: 201 });
});

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json((await listVerticals(parseQuery(req, VerticalListQuery))).map(serializeVertical));
});
