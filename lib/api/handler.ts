// Thin route handlers: wrap each in `route()` so every thrown error maps to the contract.
import type { NextResponse } from "next/server";
import { toErrorResponse } from "./errors";

type Ctx<P> = { params: Promise<P> };

export function route<P = Record<string, string>>(
  fn: (req: Request, ctx: Ctx<P>) => Promise<Response | NextResponse>,
) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      return await fn(req, ctx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
