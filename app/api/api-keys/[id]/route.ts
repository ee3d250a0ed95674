// GET    /api/api-keys/{id} → one key (never its secret).
// DELETE /api/api-keys/{id} → the key, revoked; it fails from the very next request on.
// Another account's key answers 404, exactly like a missing one.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { clientIp } from "@/lib/request-context";
import { assertOwns } from "@/lib/auth/ownership";
import { requireSessionCaller } from "@/lib/auth/caller";
import { findApiKey, revokeApiKey } from "@/lib/api-keys";
import { serializeApiKey } from "@/lib/serializers/api-keys";

type Params = { id: string };

export const GET = route<Params>(async (req, { params }) => {
  const caller = await requireSessionCaller(req, ["admin", "buyer", "seller"]);
  const { id } = await params;
  const key = await findApiKey(id);
  assertOwns(caller, key, { what: "API key", id });
  return NextResponse.json(serializeApiKey(key));
});

export const DELETE = route<Params>(async (req, { params }) => {
  const caller = await requireSessionCaller(req, ["admin", "buyer", "seller"]);
  const { id } = await params;
  assertOwns(caller, await findApiKey(id), { what: "API key", id });
  return NextResponse.json(serializeApiKey(await revokeApiKey(caller, id, clientIp(req))));
});
