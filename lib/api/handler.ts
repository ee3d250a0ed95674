// Thin route handlers: wrap each in `route()` so every thrown error maps to the contract, and every
// request gets an id (X-Request-Id in and out), one JSON log line and its Prometheus observation.
import type { NextResponse } from "next/server";
import { ApiError, toErrorResponse } from "./errors";
import { clientIp } from "../request-context";
import { audit } from "../audit";
import { logger } from "../log";
import { observeRequest } from "../metrics";
import { requestIdFrom, requestStore, type RequestContext } from "../request-context";
import { env } from "../env";
import { HSTS } from "../security-headers";

type Ctx<P> = { params: Promise<P> };

export function route<P = Record<string, string>>(fn: (req: Request, ctx: Ctx<P>) => Promise<Response | NextResponse>) {
  return async (req: Request, ctx: Ctx<P>) => {
    const t0 = performance.now();
    const store: RequestContext = { id: requestIdFrom(req.headers) };
    let res = await requestStore.run(store, async () => {
      try {
        return await fn(req, ctx);
      } catch (err) {
        if (err instanceof ApiError && err.auditEntry) await recordDenial(req, err);
        return toErrorResponse(err);
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    res = withHsts(withRequestId(res, store.id));
    const template = await routeTemplate(req, ctx);
    observeRequest(template, req.method, res.status, seconds);
    const c = store.caller;
    // One line per request: who (kind, role, account), never credentials or consumer data.
    logger[res.status >= 500 ? "error" : "info"](
      {
        reqId: store.id,
        method: req.method,
        route: template,
        status: res.status,
        ms: Math.round(seconds * 10_000) / 10,
        caller: c?.kind ?? "anonymous",
        ...(c ? { role: c.role, accountId: c.accountId, keyId: c.keyId } : {}),
      },
      "request",
    );
    return res;
  };
}

/** HSTS on API answers when the app is served over https (runtime config, so not in next.config.mjs). */
function withHsts<R extends Response>(res: R): R {
  if (!env.APP_URL?.startsWith("https://")) return res;
  try {
    res.headers.set("Strict-Transport-Security", HSTS);
  } catch {
    /* immutable headers (Response.redirect): leave them */
  }
  return res;
}

function withRequestId<R extends Response>(res: R, id: string): R {
  try {
    res.headers.set("x-request-id", id);
    return res;
  } catch {
    // Response.redirect() and fetched responses have immutable headers: copy them.
    const copy = new Response(res.body, res);
    copy.headers.set("x-request-id", id);
    return copy as R;
  }
}

// Route templates as metric labels: app/api/leads/[id]/route.ts → "/api/leads/[id]". A route
// handler does not know its file, so the template is rebuilt from the path and the params Next.js
// matched (dynamic segments follow the static ones in every route here, so search from the end).
// Past MAX_TEMPLATES distinct values (odd encodings of a path), the label is "other": bounded.
const MAX_TEMPLATES = 200;
const templates = new Set<string>();

export async function routeTemplate(req: Request, ctx: { params?: Promise<unknown> } | undefined): Promise<string> {
  let pathname: string;
  try {
    pathname = new URL(req.url).pathname;
  } catch {
    return "other";
  }
  const params = ((ctx?.params ? await ctx.params.catch(() => null) : null) ?? {}) as Record<
    string,
    string | string[] | undefined
  >;
  const segs = pathname.split("/").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      if (value.length && value.length < segs.length)
        segs.splice(segs.length - value.length, value.length, `[...${name}]`);
      continue;
    }
    if (typeof value !== "string") continue;
    const at = segs.lastIndexOf(value);
    if (at > 0) segs[at] = `[${name}]`;
  }
  const t = segs.join("/");
  if (templates.has(t)) return t;
  if (templates.size >= MAX_TEMPLATES) return "other";
  templates.add(t);
  return t;
}

/** Authorization failures go to the audit log, with where they happened; never a reason to fail the answer. */
async function recordDenial(req: Request, err: ApiError): Promise<void> {
  const entry = err.auditEntry;
  if (!entry) return;
  let path = req.url;
  try {
    path = new URL(req.url).pathname;
  } catch {
    /* keep the raw url */
  }
  try {
    await audit({
      ...entry,
      ip: entry.ip ?? clientIp(req),
      details: { ...entry.details, method: req.method, path, status: err.status },
    });
  } catch (e) {
    logger.error({ err: e }, "audit: could not record an authorization failure");
  }
}
