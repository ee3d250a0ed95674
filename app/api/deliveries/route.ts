// GET /api/deliveries?buyerId=&status=&leadId=&limit=&cursor=: queued and past deliveries (buyer: own; admin: any).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { listDeliveries } from "@/lib/delivery/manage";
import { listDeliveriesQuery } from "@/lib/validation/delivery";
import { serializeDelivery } from "@/lib/serializers/delivery";
import type { DeliveryListJson } from "@/lib/openapi/types";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const caller = await requireCaller(req, ["admin", "buyer"]);
  const q = parseQuery(req, listDeliveriesQuery);
  const { deliveries, nextCursor } = await listDeliveries(caller, q);
  return NextResponse.json<DeliveryListJson>({ deliveries: deliveries.map((d) => serializeDelivery(d)), nextCursor });
});
