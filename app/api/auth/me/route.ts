// GET /api/auth/me → {user:{id,username,role,fullName,email[,buyerId|sellerId]}} for a session,
// {user:null, apiKey:{...}} for an API key (integrators checking their key), else 401.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { requireCaller } from "@/lib/auth/caller";
import { serializeUser, sessionUserFromRequest } from "@/lib/auth/session";
import { findApiKey } from "@/lib/api-keys";
import { serializeApiKey } from "@/lib/serializers/api-keys";
import type { MeResponseJson } from "@/lib/openapi/types";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  if (caller.via === "api_key") {
    const key = caller.apiKeyId ? await findApiKey(caller.apiKeyId) : null;
    if (!key)
      throw new ApiError("unauthorized", "The API key is not valid (unknown, revoked, or its account is suspended)");
    return NextResponse.json<MeResponseJson>({ user: null, apiKey: serializeApiKey(key) });
  }
  const user = await sessionUserFromRequest(req);
  if (!user) throw new ApiError("unauthorized", "Not signed in");
  return NextResponse.json<MeResponseJson>({ user: serializeUser(user) });
});
