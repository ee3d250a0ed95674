// Resolving the caller of an API request (session cookie or API key) and checking its role:
// every route starts with requireCaller / requireCallerWithBody. Ownership is lib/auth/ownership.ts.
import "server-only";
import { ApiError } from "../api/errors";
import { readJsonObject } from "../api/request";

import { noteCaller } from "../request-context";
import { apiKeyFromHeaders, lookupApiKey } from "./api-key";
import { bodyToken, withoutBodyToken } from "./body-token";
import { assertSameOrigin } from "./csrf";
import { denied } from "./ownership";
import { sessionUserFromRequest } from "./session";
import type { Caller, Role } from "./types";

async function callerFromSession(req: Request): Promise<Caller | null> {
  const user = await sessionUserFromRequest(req);
  if (!user) return null;
  return {
    via: "session",
    userId: user.id,
    username: user.username,
    role: user.role,
    buyerId: user.buyerId,
    sellerId: user.sellerId,
    apiKeyId: null,
  };
}

type Resolution = { caller: Caller | null; keyRejected?: { reason: string; apiKeyId?: string } };

/** A presented key always decides (a bad key is 401 even next to a valid cookie). */
async function resolveCaller(req: Request, bodyTok?: string | null): Promise<Resolution> {
  const key = apiKeyFromHeaders(req.headers) ?? bodyTok ?? null;
  if (key) {
    const found = await lookupApiKey(key);
    if (found.caller) return { caller: noted(found.caller) };
    return { caller: null, keyRejected: { reason: found.reason, apiKeyId: found.apiKeyId } };
  }
  const caller = await callerFromSession(req);
  return { caller: caller && noted(caller) };
}

/** The request's log line names its caller (lib/request-context.ts). */
function noted(caller: Caller): Caller {
  noteCaller(caller);
  return caller;
}

/** The caller of an API request, or null. `bodyTok` is a key found in the body (lib/auth/body-token.ts). */
export async function getCaller(req: Request, bodyTok?: string | null): Promise<Caller | null> {
  return (await resolveCaller(req, bodyTok)).caller;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Authenticates, checks the role, and for cookie-authenticated state-changing requests checks
 * that the request comes from our own pages (CSRF). API-key requests carry no ambient
 * credential, so they need no such check.
 */
export async function requireCaller(req: Request, roles?: Role[], bodyTok?: string | null): Promise<Caller> {
  const { caller, keyRejected } = await resolveCaller(req, bodyTok);
  if (!caller) {
    if (keyRejected) {
      const err = new ApiError(
        "unauthorized",
        "The API key is not valid (unknown, revoked, or its account is suspended)",
      );
      err.auditEntry = {
        action: "auth.api_key_rejected",
        targetType: keyRejected.apiKeyId ? "api_key" : undefined,
        targetId: keyRejected.apiKeyId,
        details: { reason: keyRejected.reason },
      };
      throw err;
    }
    throw new ApiError(
      "unauthorized",
      "Log in (POST /api/auth/login) or send an API key (Authorization: Bearer <key>)",
    );
  }
  if (caller.via === "session" && !SAFE_METHODS.has(req.method.toUpperCase())) {
    assertSameOrigin(req, { requireHeader: true, caller });
  }
  if (roles && !roles.includes(caller.role)) {
    throw denied(
      "forbidden",
      `This endpoint is for ${roles.join(" or ")} accounts; you are signed in as ${caller.role}`,
      caller,
      { reason: "role", allowed: roles },
    );
  }
  return caller;
}

/**
 * As requireCaller, for routes that manage credentials (API keys): only a signed-in dashboard
 * session may use them. An API key that could mint more keys would outlive its own revocation.
 */
export async function requireSessionCaller(req: Request, roles?: Role[]): Promise<Caller> {
  return assertSessionCaller(await requireCaller(req, roles));
}

export function assertSessionCaller(caller: Caller): Caller {
  if (caller.via !== "session") {
    throw denied(
      "forbidden",
      "API keys are managed from a signed-in session (dashboard or POST /api/auth/login), not with an API key",
      caller,
      {
        reason: "session_required",
      },
    );
  }
  return caller;
}

/**
 * For write routes that accept the key in the body (a `token` field): reads the body, authenticates
 * with any key found in it, and returns the body without its key fields. A malformed body is
 * reported only after authentication, so anonymous callers learn nothing but 401.
 */
export async function requireCallerWithBody(
  req: Request,
  roles?: Role[],
): Promise<{ caller: Caller; body: Record<string, unknown> }> {
  let body: Record<string, unknown> | null = null;
  let bodyError: unknown = null;
  try {
    body = await readJsonObject(req);
  } catch (e) {
    bodyError = e;
  }
  const caller = await requireCaller(req, roles, body ? bodyToken(body) : null);
  if (!body) throw bodyError;
  return { caller, body: withoutBodyToken(body) };
}
