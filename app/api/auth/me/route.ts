// GET /api/auth/me → {user:{id,username,role,fullName,email[,buyerId|sellerId]}} for a session,
// {user:null, apiKey:{...}} for an API key (integrators checking their key), else 401.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { requireCaller, serializeUser, sessionUserFromRequest } from "@/lib/auth";
import { describeApiKey } from "@/lib/api-keys";

export const GET = route(async (req) => {
  const caller = await requireCaller(req);
  if (caller.via === "api_key") {
    return NextResponse.json({ user: null, apiKey: await describeApiKey(caller.apiKeyId!) });
  }
  const user = await sessionUserFromRequest(req);
  if (!user) throw new ApiError("unauthorized", "Not signed in");
  return NextResponse.json({ user: serializeUser(user) });
});
