// POST /api/api-keys {name, buyerId?|sellerId?} → 201 the key, with its secret `key` shown this once.
// GET  /api/api-keys[?buyerId=|?sellerId=] → the caller's keys (admins: all, or one account's).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { parseObject, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { assertSessionCaller, requireCallerWithBody, requireSessionCaller } from "@/lib/auth/caller";
import { scopeOwner } from "@/lib/auth/ownership";
import { createApiKey, listApiKeys, type Owner } from "@/lib/api-keys";
import { serializeApiKey } from "@/lib/serializers/api-keys";
import { CreateApiKeyBody, ListApiKeysQuery } from "@/lib/validation/api-keys";
import type { ApiKeyCreatedJson } from "@/lib/openapi/types";

export const POST = route(async (req) => {
  // A key in the body is recognised (so the answer is 403, not 401) and then refused.
  const { caller: who, body: raw } = await requireCallerWithBody(req, ["admin", "buyer", "seller"]);
  const caller = assertSessionCaller(who);
  const body = parseObject(raw, CreateApiKeyBody);
  const { buyerId, sellerId } = scopeOwner(caller, body);
  const owner: Owner | null = buyerId !== undefined ? { buyerId } : sellerId !== undefined ? { sellerId } : null;
  if (!owner) {
    throw new ApiError("validation_failed", "Name the account the key acts for", [
      { field: "buyerId", issue: "admins must send buyerId or sellerId" },
    ]);
  }
  const { row, key } = await createApiKey(caller, owner, body.name, clientIp(req));
  return NextResponse.json<ApiKeyCreatedJson>({ ...serializeApiKey(row), key }, { status: 201 });
});

export const GET = route(async (req) => {
  const caller = await requireSessionCaller(req, ["admin", "buyer", "seller"]);
  const query = parseQuery(req, ListApiKeysQuery);
  const keys = await listApiKeys(scopeOwner(caller, query));
  return NextResponse.json(keys.map(serializeApiKey));
});
