// GET/PATCH/DELETE /api/buyer-campaigns/{id}. PATCH edits any subset of fields, or pauses and
// resumes with {"status":"paused"|"active"}; DELETE archives (sold leads keep their campaign).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam, parseBody } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { archiveCampaign, getCampaign, updateCampaign } from "@/lib/campaigns";
import { CampaignUpdate } from "@/lib/validation/campaign";

type P = { id: string };

export const GET = route<P>(async (req, { params }) => {
  const caller = await requireCaller(req, ["buyer", "admin"]);
  return NextResponse.json(await getCampaign(caller, intParam((await params).id, "campaign")));
});

export const PATCH = route<P>(async (req, { params }) => {
  const caller = await requireCaller(req, ["buyer", "admin"]);
  const id = intParam((await params).id, "campaign");
  const body = await parseBody(req, CampaignUpdate);
  return NextResponse.json(await updateCampaign(caller, id, body));
});

export const DELETE = route<P>(async (req, { params }) => {
  const caller = await requireCaller(req, ["buyer", "admin"]);
  return NextResponse.json(await archiveCampaign(caller, intParam((await params).id, "campaign")));
});
