// GET /api/buyer-campaigns?buyerId=&status=&vertical= → the documented campaign array.
// POST /api/buyer-campaigns → 201 with the campaign; a webhook campaign's signing secret
// (webhookSecret) is in this response only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseBody, parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { createCampaign, listCampaigns } from "@/lib/campaigns";
import { CampaignCreate, CampaignListQuery } from "@/lib/validation/campaign";

export const GET = route(async (req) => {
  const caller = await requireCaller(req, ["buyer", "admin"]);
  const query = parseQuery(req, CampaignListQuery);
  return NextResponse.json(await listCampaigns(caller, query));
});

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["buyer", "admin"]);
  const body = await parseBody(req, CampaignCreate);
  return NextResponse.json(await createCampaign(caller, body), { status: 201 });
});
