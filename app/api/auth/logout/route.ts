// POST /api/auth/logout → {message}, the session cookie cleared, and every session of the user ended.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { assertSameOrigin } from "@/lib/auth/csrf";
import { endSessions, sessionCookieName, sessionCookieOptions, sessionUserFromRequest } from "@/lib/auth/session";
import type { MessageJson } from "@/lib/openapi/types";

export const POST = route(async (req) => {
  // A foreign page must not be able to sign people out either.
  assertSameOrigin(req, { requireHeader: false });
  // Clearing the cookie is not enough (a copied token would live on for 12 h): end the user's
  // sessions in the database, so every token issued so far is refused on every instance.
  const user = await sessionUserFromRequest(req);
  if (user) await endSessions(user.id);
  const res = NextResponse.json<MessageJson>({ message: "Logged out" });
  res.cookies.set(sessionCookieName(), "", { ...sessionCookieOptions(), maxAge: 0 });
  return res;
});
