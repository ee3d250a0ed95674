// POST /api/admin/retention/run — runs the retention job now (it also runs on a schedule in the
// delivery worker): what it erased, in how many batches, how long it took.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { requireCaller } from "@/lib/auth/caller";
import { audit } from "@/lib/audit";
import { runRetention } from "@/lib/consumer/retention";

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const run = await runRetention();
  await audit({ action: "retention.run", caller, details: run });
  return NextResponse.json(run);
});
