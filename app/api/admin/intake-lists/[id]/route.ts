// GET   /api/admin/intake-lists/{id} → the list.
// PATCH /api/admin/intake-lists/{id} {name?, states, fields, checks, payoutRule?, status?, archived?} → the list. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { getIntakeList, updateIntakeList } from "@/lib/catalog";
import { serializeIntakeList } from "@/lib/serializers/catalog";
import { UpdateIntakeListBody } from "@/lib/validation/catalog";

export const GET = route<{ id: string }>(async (req, { params }) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json(serializeIntakeList(await getIntakeList((await params).id)));
});

export const PATCH = route<{ id: string }>(async (req, { params }) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const list = await updateIntakeList(
    caller,
    (await params).id,
    parseObject(body, UpdateIntakeListBody),
    clientIp(req),
  );
  return NextResponse.json(serializeIntakeList(list));
});
