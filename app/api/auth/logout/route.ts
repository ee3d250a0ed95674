// POST /api/auth/logout → {message} and the session cookie cleared.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { assertSameOrigin, sessionCookieName, sessionCookieOptions } from "@/lib/auth";

export const POST = route(async (req) => {
  // A foreign page must not be able to sign people out either.
  assertSameOrigin(req, { requireHeader: false });
  const res = NextResponse.json({ message: "Logged out" });
  res.cookies.set(sessionCookieName(), "", { ...sessionCookieOptions(), maxAge: 0 });
  return res;
});
