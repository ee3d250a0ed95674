// Thin route handlers: wrap each in `route()` so every thrown error maps to the contract.
import type { NextResponse } from "next/server";
import { ApiError, toErrorResponse } from "./errors";
import { clientIp } from "./request";
import { audit } from "../audit";
import { env } from "../env";
import { HSTS } from "../security-headers";

type Ctx<P> = { params: Promise<P> };

export function route<P = Record<string, string>>(
  fn: (req: Request, ctx: Ctx<P>) => Promise<Response | NextResponse>,
) {
  return async (req: Request, ctx: Ctx<P>) => {
    let res: Response;
    try {
      res = await fn(req, ctx);
    } catch (err) {
      if (err instanceof ApiError && err.auditEntry) await recordDenial(req, err);
      res = toErrorResponse(err);
    }
    return withHsts(res);
  };
}

/** HSTS on API answers when the app is served over https (runtime config, so not in next.config.mjs). */
function withHsts(res: Response): Response {
  if (!env.APP_URL?.startsWith("https://")) return res;
  try {
    res.headers.set("Strict-Transport-Security", HSTS);
  } catch {
    /* immutable headers (Response.redirect): leave them */
  }
  return res;
}

/** Authorization failures go to the audit log, with where they happened; never a reason to fail the answer. */
async function recordDenial(req: Request, err: ApiError): Promise<void> {
  const entry = err.auditEntry!;
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
    console.error("[audit] could not record an authorization failure", e);
  }
}
