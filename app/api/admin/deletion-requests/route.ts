// GET /api/admin/deletion-requests — the reports of past deletion imports, newest first (evidence).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { requireCaller } from "@/lib/auth/caller";
import { listDeletionImports } from "@/lib/consumer/deletion-import";

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json(await listDeletionImports());
});
