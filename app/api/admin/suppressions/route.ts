// GET/POST /api/admin/suppressions — the local DNC and blacklist tables (admin only).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseBody, parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { createSuppressionBody, listSuppressionsQuery } from "@/lib/validation/suppressions";
import { addSuppression, listSuppressions } from "@/lib/suppressions";
import { serializeSuppression } from "@/lib/serializers/suppressions";

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  const rows = await listSuppressions(parseQuery(req, listSuppressionsQuery));
  return NextResponse.json(rows.map(serializeSuppression));
});

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const row = await addSuppression(await parseBody(req, createSuppressionBody), caller);
  return NextResponse.json(serializeSuppression(row), { status: 201 });
});
