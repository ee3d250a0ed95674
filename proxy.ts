// Next's proxy (formerly middleware), for page routes only: a fresh CSP nonce per page request,
// and the requested path for the area layouts (lib/auth/pages.ts requireAreaUser). The matcher
// leaves out /api (the ping/ingest hot path must not pay for a proxy hop) and static assets;
// their headers come from next.config.mjs.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { HSTS, pageCsp } from "@/lib/security-headers";
import { PATH_HEADER } from "@/lib/queries/access-path";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const https = (env.APP_URL ?? "").startsWith("https://");
  const csp = pageCsp(nonce, { https, dev: env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|api$|_next/static|_next/image|favicon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
