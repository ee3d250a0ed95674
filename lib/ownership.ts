// Ownership rules shared by the buyer/seller API (COMMON rules): admins may name any account;
// a buyer only its own buyerId, a seller only its own sellerId. Naming someone else's account
// in a query or body is 403; addressing someone else's object by id is 404 (the caller must not
// learn that it exists). Issue #3 adds equivalent helpers to lib/auth.ts; these keep the same
// behaviour and can be swapped for them with an import change.
import type { Caller } from "./auth";
import { ApiError } from "./api/errors";

/** What the domain functions need to know about the caller (a Caller or a dashboard session user). */
export type Viewer = Pick<Caller, "role" | "buyerId" | "sellerId"> & { userId?: string | null };

/**
 * The buyer account a request acts on. Buyers: their own (default) or 403 for another id.
 * Admins: the named one, or undefined (all buyers). Sellers: 403 when they name a buyer.
 */
export function scopeBuyerId(viewer: Viewer, requested: number | undefined, field = "buyerId"): number | undefined {
  if (viewer.role === "admin") return requested;
  if (viewer.role === "buyer" && viewer.buyerId != null) {
    if (requested !== undefined && requested !== viewer.buyerId) {
      throw new ApiError("forbidden", `You may only act on your own buyer account (${viewer.buyerId})`, [
        { field, issue: `buyer ${requested} is not your account` },
      ]);
    }
    return viewer.buyerId;
  }
  if (requested !== undefined) {
    throw new ApiError("forbidden", "Only buyer and admin accounts may name a buyerId", [
      { field, issue: "not allowed for your role" },
    ]);
  }
  return undefined;
}

/** The seller account a request acts on; same rules as scopeBuyerId. */
export function scopeSellerId(viewer: Viewer, requested: number | undefined, field = "sellerId"): number | undefined {
  if (viewer.role === "admin") return requested;
  if (viewer.role === "seller" && viewer.sellerId != null) {
    if (requested !== undefined && requested !== viewer.sellerId) {
      throw new ApiError("forbidden", `You may only act on your own seller account (${viewer.sellerId})`, [
        { field, issue: `seller ${requested} is not your account` },
      ]);
    }
    return viewer.sellerId;
  }
  if (requested !== undefined) {
    throw new ApiError("forbidden", "Only seller and admin accounts may name a sellerId", [
      { field, issue: "not allowed for your role" },
    ]);
  }
  return undefined;
}

/** Whether the viewer may see an object owned by these accounts (use to answer 404 otherwise). */
export function owns(viewer: Viewer, owner: { buyerId?: number | null; sellerId?: number | null }): boolean {
  if (viewer.role === "admin") return true;
  if (viewer.role === "buyer") return viewer.buyerId != null && owner.buyerId === viewer.buyerId;
  if (viewer.role === "seller") return viewer.sellerId != null && owner.sellerId === viewer.sellerId;
  return false;
}

export function notFound(what: string, id: number | string): ApiError {
  return new ApiError("not_found", `No ${what} with id ${id}`);
}
