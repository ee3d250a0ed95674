// next-auth's own routes (the credentials sign-in flow, session, CSRF token, sign-out).
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/session";
import { route } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/request";
import { ApiError } from "@/lib/api/errors";

const handler = NextAuth(authOptions);
export { handler as GET };

// next-auth reads POST bodies itself: with no size limit, and with an unhandled throw (a 500) on
// a body sent as JSON that is not JSON. So the body is read here first, under MAX_BODY_BYTES, and
// next-auth gets an identical request built from it.
export const POST = route<{ nextauth: string[] }>(async (req, ctx) => {
  const text = await readBodyText(req);
  if ((req.headers.get("content-type") ?? "").toLowerCase().includes("application/json")) {
    try {
      JSON.parse(text);
    } catch (e) {
      throw new ApiError("invalid_json", "Request body is not valid JSON", [
        { field: "(body)", issue: e instanceof Error ? e.message : "parse error" },
      ]);
    }
  }
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  return handler(new NextRequest(req.url, { method: "POST", headers, body: text }), ctx);
});
