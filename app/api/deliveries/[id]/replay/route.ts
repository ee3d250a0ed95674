// POST /api/deliveries/{id}/replay: a dead or failed delivery goes back in the queue (owner buyer or admin).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { intParam } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller } from "@/lib/auth/caller";
import { replayDelivery } from "@/lib/delivery/manage";
import { serializeDelivery } from "@/lib/serializers/delivery";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req, ["admin", "buyer"]);
  const id = intParam((await params).id, "delivery");
  return NextResponse.json(serializeDelivery(await replayDelivery(caller, id, clientIp(req))));
});
