// GET/PUT /api/admin/retention — the retention periods (admin setting over the env defaults).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseBody } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { audit } from "@/lib/audit";
import { RetentionSettings, getRetention, setRetention } from "@/lib/consumer/retention";

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  return NextResponse.json(await getRetention());
});

export const PUT = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const saved = await setRetention(await parseBody(req, RetentionSettings));
  await audit({ action: "retention.settings", caller, details: saved });
  return NextResponse.json(saved);
});
