// The seller API's per-seller rate limit, as the routes apply it (lib/rate-limit.ts counts).
import type { Caller } from "../auth/types";
import { takeSellerRequest, type RateHeaders } from "../rate-limit";

/** Counts a seller's request (429 rate_limited when over its limit); admins posting for a seller are not limited. */
export async function sellerRequest(caller: Caller): Promise<RateHeaders> {
  if (caller.role !== "seller" || caller.sellerId === null) return {};
  return takeSellerRequest(caller.sellerId);
}

export function withHeaders<R extends Response>(res: R, headers: RateHeaders): R {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}
