// POST /api/auth/login {username, password} → {user:{id,username,role,fullName,email}} + session cookie.
import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { parseBody } from "@/lib/api/request";
import { ApiError } from "@/lib/api/errors";
import { checkLogin, clientIp, sessionCookie } from "@/lib/auth";

const LoginBody = z.object({
  username: z.string().trim().min(1, "username is required").max(100),
  password: z.string().min(1, "password is required").max(200),
});

export const POST = route(async (req) => {
  const body = await parseBody(req, LoginBody);
  const result = await checkLogin(body.username, body.password, clientIp(req));
  if (!result.ok) {
    if (result.reason === "locked") {
      throw new ApiError("rate_limited", "Too many failed logins for this account; try again later", [], {
        "Retry-After": "900",
      });
    }
    if (result.reason === "suspended") throw new ApiError("forbidden", "This account is suspended");
    throw new ApiError("unauthorized", "Invalid username or password");
  }
  const { buyerId: _b, sellerId: _s, ...user } = result.user;
  const res = NextResponse.json({ user });
  const cookie = await sessionCookie(result.user);
  res.cookies.set(cookie.name, cookie.value, cookie.options);
  return res;
});
