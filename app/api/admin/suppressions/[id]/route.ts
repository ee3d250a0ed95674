// DELETE /api/admin/suppressions/{id}
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { removeSuppression } from "@/lib/suppressions";

export const DELETE = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req, ["admin"]);
  await removeSuppression(intParam((await params).id, "suppression"), caller);
  return new NextResponse(null, { status: 204 });
});
