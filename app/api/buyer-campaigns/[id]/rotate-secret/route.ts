// POST /api/buyer-campaigns/{id}/rotate-secret: a new Standard Webhooks signing secret ("whsec_…"),
// returned once; the previous secret stops at once. Owner buyer or admin.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller } from "@/lib/auth/caller";
import { rotateCampaignSecret } from "@/lib/delivery/manage";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req, ["admin", "buyer"]);
  const id = intParam((await params).id, "campaign");
  const result = await rotateCampaignSecret(caller, id, clientIp(req));
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
});
