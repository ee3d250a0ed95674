// POST /api/auth/login {username, password} → {user:{id,username,role,fullName,email[,buyerId|sellerId]}}
// plus the session cookie (the same JWT cookie next-auth issues, so either login works everywhere).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseBody } from "@/lib/api/request";
import { ApiError } from "@/lib/api/errors";
import { assertSameOrigin } from "@/lib/auth/csrf";
import { checkLogin } from "@/lib/auth/login";
import { clientIp } from "@/lib/request-context";
import { serializeUser, sessionCookie } from "@/lib/auth/session";
import { LoginBody } from "@/lib/validation/auth";
import type { LoginResponseJson } from "@/lib/openapi/types";

export const POST = route(async (req) => {
  // Login CSRF (a foreign page signing the victim into the attacker's account): refuse foreign origins.
  assertSameOrigin(req, { requireHeader: false });
  const body = await parseBody(req, LoginBody);
  const result = await checkLogin(body.username, body.password, clientIp(req));
  if (!result.ok) {
    if (result.reason === "locked") {
      throw new ApiError(
        "rate_limited",
        `Too many failed logins for this account or from your network; try again in ${result.retryAfterSeconds} seconds`,
        [],
        { "Retry-After": String(result.retryAfterSeconds) },
      );
    }
    if (result.reason === "suspended") throw new ApiError("forbidden", "This account is suspended");
    // One message for a wrong username and a wrong password: no hint which it was.
    throw new ApiError("unauthorized", "Invalid username or password");
  }
  const res = NextResponse.json<LoginResponseJson>({ user: serializeUser(result.user) });
  const cookie = await sessionCookie(result.user);
  res.cookies.set(cookie.name, cookie.value, cookie.options);
  return res;
});
