// Who may see and act on which account: the one place these rules live. Route handlers pass a
// Caller, dashboards (server components) pass their SessionUser; both are a Viewer.
//
//   - Admins may name any account, or none (all accounts).
//   - A buyer acts on its own buyerId only, a seller on its own sellerId only.
//   - Naming another account (a buyerId in a query or body) is 403 forbidden.
//   - Addressing another account's object by id (a lead, a campaign, an API key) is 404, worded
//     exactly like a missing one, so ids reveal nothing.
//
// Every such refusal carries an audit entry (`authz.denied`, with the actor and what was asked);
// route() in lib/api/handler.ts writes it with the method, path and status. A plain "no such
// object" 404 (notFound) is not a refusal and is not audited.
import { ApiError } from "../api/errors";
import type { AuditEntry } from "../audit";
import type { Caller } from "./types";

/** Whoever asks: a Caller (API routes) or a SessionUser (dashboards; its `id` is the user). */
export type Viewer = Pick<Caller, "role" | "buyerId" | "sellerId"> & {
  /** Caller: the signed-in user, null for an API key. */
  userId?: string | null;
  /** SessionUser: the signed-in user. */
  id?: string;
  apiKeyId?: string | null;
};

type Kind = "buyer" | "seller";
export type Owner = { buyerId?: number | null; sellerId?: number | null };

/** The audit log's actor for a viewer. */
export function actorOf(viewer: Viewer): NonNullable<AuditEntry["caller"]> {
  return { userId: viewer.userId ?? viewer.id ?? null, apiKeyId: viewer.apiKeyId ?? null, role: viewer.role };
}

/** A refusal that is audit-logged as `authz.denied` when the route answers it. */
export function denied(
  code: "forbidden" | "not_found",
  message: string,
  viewer: Viewer,
  audit: Record<string, unknown>,
  details?: { field: string; issue: string }[],
): ApiError {
  const err = new ApiError(code, message, details);
  err.auditEntry = { action: "authz.denied", caller: actorOf(viewer), details: audit };
  return err;
}

const noSuch = (what: string, id?: number | string) => `No ${what}${id !== undefined ? ` with id ${id}` : ""}`;

/** A missing object: 404, not audited. */
export function notFound(what: string, id?: number | string): ApiError {
  return new ApiError("not_found", noSuch(what, id));
}

/** Another account's object: answered exactly like a missing one, and audit-logged. */
export function notYours(viewer: Viewer, what: string, id?: number | string, owner: Owner = {}): ApiError {
  return denied("not_found", noSuch(what, id), viewer, {
    reason: "not_owner",
    what,
    id: id ?? null,
    ownerBuyerId: owner.buyerId ?? null,
    ownerSellerId: owner.sellerId ?? null,
  });
}

/** A query-string or body account id: a positive 32-bit integer; absent (undefined, null, "") is undefined. */
function parseAccountId(value: number | string | null | undefined, field: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) {
    throw new ApiError("validation_failed", `${field} must be a positive integer`, [
      { field, issue: "must be a positive integer" },
    ]);
  }
  return n;
}

export type ScopeOpts = {
  /** The account must be known: admins must name one (400), other roles must have one of this kind (403). */
  required?: boolean;
  /** The request field the id came from, for messages (default buyerId / sellerId). */
  field?: string;
};

function scopeAccount(
  kind: Kind,
  viewer: Viewer,
  raw: number | string | null | undefined,
  opts: ScopeOpts,
): number | undefined {
  const field = opts.field ?? `${kind}Id`;
  const requested = parseAccountId(raw, field);
  if (viewer.role === "admin") {
    if (requested === undefined && opts.required) {
      throw new ApiError("validation_failed", `Name the ${kind} account: admins must send ${field}`, [
        { field, issue: "is required for admin callers" },
      ]);
    }
    return requested;
  }
  const own = kind === "buyer" ? viewer.buyerId : viewer.sellerId;
  if (viewer.role === kind && own == null) {
    // A buyer/seller login without an account id is a data error: show nothing rather than everything.
    throw denied("forbidden", "Your login is not linked to a buyer or seller account", viewer, {
      reason: "unlinked",
      field,
      requested: requested ?? null,
    });
  }
  if (viewer.role !== kind) {
    if (requested === undefined && !opts.required) return undefined;
    throw denied(
      "forbidden",
      `Only ${kind} and admin accounts may name a ${kind}Id`,
      viewer,
      { reason: "role", field, requested: requested ?? null },
      [{ field, issue: "not allowed for your role" }],
    );
  }
  if (requested !== undefined && requested !== own) {
    throw denied(
      "forbidden",
      `You may only act on your own ${kind} account (${own})`,
      viewer,
      { reason: "other_account", field, requested },
      [{ field, issue: `${kind} ${requested} is not your account` }],
    );
  }
  return own ?? undefined;
}

/**
 * The buyer account a request acts on. Buyers: their own (default), 403 for another id. Admins:
 * the named one, or undefined for all buyers (400 with `required`). Sellers: 403 when they name a
 * buyer (or with `required`), else undefined (no buyer scope).
 */
export function scopeBuyerId(
  viewer: Viewer,
  requested: number | string | null | undefined,
  opts: ScopeOpts & { required: true },
): number;
export function scopeBuyerId(viewer: Viewer, requested?: number | string | null, opts?: ScopeOpts): number | undefined;
export function scopeBuyerId(viewer: Viewer, requested?: number | string | null, opts: ScopeOpts = {}) {
  return scopeAccount("buyer", viewer, requested, opts);
}

/** As scopeBuyerId, for seller accounts. */
export function scopeSellerId(
  viewer: Viewer,
  requested: number | string | null | undefined,
  opts: ScopeOpts & { required: true },
): number;
export function scopeSellerId(viewer: Viewer, requested?: number | string | null, opts?: ScopeOpts): number | undefined;
export function scopeSellerId(viewer: Viewer, requested?: number | string | null, opts: ScopeOpts = {}) {
  return scopeAccount("seller", viewer, requested, opts);
}

/**
 * The account filter for things that belong to a buyer or a seller (API keys, transactions).
 * Buyers and sellers always get their own account (naming another, or one of the other kind,
 * → 403); admins get what they named (undefined = no filter).
 */
export function scopeOwner(
  viewer: Viewer,
  requested: { buyerId?: number | string | null; sellerId?: number | string | null },
): { buyerId?: number; sellerId?: number } {
  if (viewer.role === "admin") {
    return { buyerId: scopeBuyerId(viewer, requested.buyerId), sellerId: scopeSellerId(viewer, requested.sellerId) };
  }
  if (viewer.role === "buyer") {
    scopeSellerId(viewer, requested.sellerId);
    return { buyerId: scopeBuyerId(viewer, requested.buyerId, { required: true }) };
  }
  scopeBuyerId(viewer, requested.buyerId);
  return { sellerId: scopeSellerId(viewer, requested.sellerId, { required: true }) };
}

/**
 * What this viewer may see, as a filter on the owning accounts: {} for admins, else the viewer's
 * own buyerId or sellerId (403 for a login not linked to its account).
 */
export function visibleTo(viewer: Viewer): { buyerId?: number; sellerId?: number } {
  if (viewer.role === "admin") return {};
  if (viewer.role === "buyer") return { buyerId: scopeBuyerId(viewer, undefined, { required: true }) };
  return { sellerId: scopeSellerId(viewer, undefined, { required: true }) };
}

/** Whether the viewer may see an object owned by these accounts (admins: always). */
export function owns(viewer: Viewer, obj: Owner): boolean {
  if (viewer.role === "admin") return true;
  if (viewer.role === "buyer") return viewer.buyerId != null && obj.buyerId === viewer.buyerId;
  if (viewer.role === "seller") return viewer.sellerId != null && obj.sellerId === viewer.sellerId;
  return false;
}

/**
 * 404 unless the object exists and belongs to the viewer's account; another account's object is
 * audit-logged (notYours).
 *   const key = await findApiKey(id); assertOwns(caller, key, { what: "API key", id });
 */
export function assertOwns<T extends Owner>(
  viewer: Viewer,
  obj: T | null | undefined,
  opts: { what?: string; id?: string | number } = {},
): asserts obj is T {
  const what = opts.what ?? "resource";
  if (!obj) throw notFound(what, opts.id);
  if (!owns(viewer, obj)) throw notYours(viewer, what, opts.id, obj);
}
