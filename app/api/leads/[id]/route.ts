// GET /api/leads/{id}: the full lead (contact data, leadData, consent, sale, return, deliveries)
// for the buyer who bought it, the seller who sent it, or an admin; 404 for anyone else.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { getLead } from "@/lib/queries/leads";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req);
  const id = intParam((await params).id, "lead");
  return NextResponse.json(await getLead(caller, id));
});
