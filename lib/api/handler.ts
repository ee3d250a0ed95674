// Thin route handlers: wrap each in `route()` so every thrown error maps to the contract.
import type { NextResponse } from "next/server";
import { ApiError, toErrorResponse } from "./errors";
import { clientIp } from "./request";
import { audit } from "../audit";

type Ctx<P> = { params: Promise<P> };

export function route<P = Record<string, string>>(
  fn: (req: Request, ctx: Ctx<P>) => Promise<Response | NextResponse>,
) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      return await fn(req, ctx);
    } catch (err) {
      if (err instanceof ApiError && err.auditEntry) await recordDenial(req, err);
      return toErrorResponse(err);
    }
  };
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
