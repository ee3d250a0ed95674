// POST /api/admin/intake-lists {sellerId, name, vertical, ...} → 201 the list.
// GET  /api/admin/intake-lists[?sellerId=&vertical=&status=&includeArchived=true] → lists. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { createIntakeList, listIntakeLists } from "@/lib/catalog";
import { serializeIntakeList } from "@/lib/serializers/catalog";
import { CreateIntakeListBody, IntakeListQuery } from "@/lib/validation/catalog";

export const POST = route(async (req) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const list = await createIntakeList(caller, parseObject(body, CreateIntakeListBody), clientIp(req));
  return NextResponse.json(serializeIntakeList(list), { status: 201 });
});

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json((await listIntakeLists(parseQuery(req, IntakeListQuery))).map(serializeIntakeList));
});
