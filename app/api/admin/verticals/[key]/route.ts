// GET   /api/admin/verticals/{key} → the vertical.
// PATCH /api/admin/verticals/{key} {name?, subVerticals?, requiredFields?, archived?} → the vertical. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { getVertical, updateVertical } from "@/lib/catalog";
import { serializeVertical } from "@/lib/serializers/catalog";
import { UpdateVerticalBody } from "@/lib/validation/catalog";

export const GET = route<{ key: string }>(async (req, { params }) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json(serializeVertical(await getVertical((await params).key)));
});

export const PATCH = route<{ key: string }>(async (req, { params }) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const v = await updateVertical(caller, (await params).key, parseObject(body, UpdateVerticalBody), clientIp(req));
  return NextResponse.json(serializeVertical(v));
});
