// GET /api/deliveries/{id}: one delivery with every attempt (status, latency, trimmed response).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { getDelivery } from "@/lib/delivery/manage";
import { serializeDelivery } from "@/lib/serializers/delivery";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req, ["admin", "buyer"]);
  const id = intParam((await params).id, "delivery");
  return NextResponse.json(serializeDelivery(await getDelivery(caller, id)));
});
