// CSRF: cookie-authenticated requests that change data must come from our own pages.
import { ApiError } from "../api/errors";
import { env } from "../env";
import type { Caller } from "./types";

/**
 * The origins (scheme, host and port) our pages are served from: APP_URL (`npm start` always sets
 * it, defaulting to http://localhost:PORT), NEXTAUTH_URL, and EXTRA_ORIGINS. Never the request's
 * own Host or X-Forwarded-Host: the client writes those. Only when nothing is configured (`next dev`,
 * tests calling handlers directly) is the request URL's origin used.
 */
export function allowedOrigins(req: Request): Set<string> {
  const origins = new Set<string>();
  for (const u of [env.APP_URL, env.NEXTAUTH_URL, ...env.EXTRA_ORIGINS.split(",")]) {
    const o = originOf(u?.trim());
    if (o) origins.add(o);
  }
  if (!origins.size) {
    const own = originOf(req.url);
    if (own) origins.add(own);
  }
  return origins;
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Origin (or, failing that, Referer) must name this site. Browsers send Origin on every
 * POST/PATCH/DELETE, so a missing header means a non-browser client: `requireHeader` refuses it
 * for cookie-authenticated writes (such clients should use an API key), while the login and
 * logout endpoints, which have no session to protect yet, let it through.
 */
export function assertSameOrigin(req: Request, opts: { requireHeader: boolean; caller?: Caller | null }): void {
  const origin = req.headers.get("origin");
  const referer = req.headers.get("referer");
  const site = req.headers.get("sec-fetch-site");
  let problem: string | null = null;
  if (site === "cross-site" || site === "same-site") problem = `Sec-Fetch-Site is ${site}`;
  else if (origin) {
    const o = origin === "null" ? null : originOf(origin);
    if (!o || !allowedOrigins(req).has(o)) problem = `Origin ${origin} is not this site`;
  } else if (referer) {
    const o = originOf(referer);
    if (!o || !allowedOrigins(req).has(o)) problem = "Referer is not this site";
  } else if (opts.requireHeader) {
    problem = "no Origin or Referer header";
  }
  if (!problem) return;
  const err = new ApiError(
    "csrf_rejected",
    "Cookie-authenticated requests that change data must come from this site (Origin header). API clients: send an API key instead of a cookie.",
    [{ field: "Origin", issue: problem }],
  );
  err.auditEntry = { action: "auth.csrf_rejected", caller: opts.caller ?? null, details: { origin, problem } };
  throw err;
}
