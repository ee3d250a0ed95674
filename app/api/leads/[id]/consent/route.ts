// GET /api/leads/{id}/consent — the lead's consent evidence (text, timestamp, IP, TrustedForm
// certificate and claim result), for admins and the buyer who bought the lead; 404 for anyone else.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { getConsentEvidence } from "@/lib/consumer/evidence";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req);
  return NextResponse.json(await getConsentEvidence(caller, intParam((await params).id, "lead")));
});
