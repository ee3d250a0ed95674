// Who is calling: a dashboard session (next-auth JWT cookie) or an API key.
// Every route and page resolves a Caller here, then checks role and ownership with the
// helpers at the bottom (scopeBuyerId / scopeSellerId / assertOwns).
import "server-only";
import { hashApiKey, generateApiKey, API_KEY_PREFIX, cachedKey, cacheKey } from "./api-keys";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { decode, encode } from "next-auth/jwt";
import { getServerSession } from "next-auth";
import { prisma } from "./db";
import { env } from "./env";
import { ApiError } from "./api/errors";
import { clientIp, readJsonObject } from "./api/request";
import { audit, type AuditEntry } from "./audit";
import { dummyHash, verifyPassword } from "./password";
import { beginLoginAttempt, markLoginSucceeded } from "./login-throttle";
import { noteCaller } from "./request-context";

export { clientIp };

export type Role = "admin" | "buyer" | "seller";

export type Caller = {
  via: "session" | "api_key";
  userId: string | null;
  username: string | null;
  role: Role;
  buyerId: number | null;
  sellerId: number | null;
  apiKeyId: string | null;
};

export type PublicUser = { id: string; username: string; role: Role; fullName: string; email: string };
export type SessionUser = PublicUser & {
  buyerId: number | null;
  sellerId: number | null;
  /** User.sessionVersion when the session was issued (absent: 0, the column's default). */
  sessionVersion?: number;
};

const SESSION_MAX_AGE = 12 * 60 * 60;

export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  // `npm start` always provides one; this keeps `next dev` and tests usable.
  if (env.NODE_ENV !== "production") return "development-only-secret-change-me";
  throw new Error("AUTH_SECRET (or NEXTAUTH_SECRET) must be set in production");
}

function secureCookies(): boolean {
  return (env.APP_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The documented login/me body: `{id, username, role, fullName, email}` plus the account id it has. */
export function serializeUser(u: SessionUser) {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    fullName: u.fullName,
    email: u.email,
    ...(u.buyerId != null ? { buyerId: u.buyerId } : {}),
    ...(u.sellerId != null ? { sellerId: u.sellerId } : {}),
  };
}

// ---------- password login (shared by next-auth and POST /api/auth/login) ----------

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "suspended" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks a username/password, throttled per username and per client address in PostgreSQL
 * (see lib/login-throttle.ts), and writes the outcome to the audit log (never the password).
 */
export async function checkLogin(username: string, password: string, ip: string): Promise<LoginResult> {
  const uname = username.trim().toLowerCase();
  const ticket = await beginLoginAttempt(uname, ip);
  if (!ticket.ok) {
    await audit({ action: "login.throttled", ip, details: { username: uname, limit: ticket.scope } });
    return { ok: false, reason: "locked", retryAfterSeconds: ticket.retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({
    where: { username: uname },
    include: { buyer: { select: { status: true } }, seller: { select: { status: true } } },
  });
  // Verify against a real hash even for unknown usernames: a miss costs the same time as a wrong password.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !valid) {
    await audit({ action: "login.failure", ip, details: { username: uname } });
    return { ok: false, reason: "invalid" };
  }
  await markLoginSucceeded(ticket.attemptId);
  const caller = { userId: user.id, apiKeyId: null, role: user.role };
  if (user.status !== "active" || user.buyer?.status === "suspended" || user.seller?.status === "suspended") {
    await audit({ action: "login.suspended", caller, ip, details: { username: uname } });
    return { ok: false, reason: "suspended" };
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await audit({ action: "login.success", caller, targetType: "user", targetId: user.id, ip });
  return {
    ok: true,
    user: {
      id: user.id,
      username: user.username,
      role: user.role,
      fullName: user.fullName,
      email: user.email,
      buyerId: user.buyerId,
      sellerId: user.sellerId,
      sessionVersion: user.sessionVersion,
    },
  };
}

/** Issues the same JWT cookie next-auth issues, for the JSON login endpoint (and tests). */
export async function sessionCookie(user: SessionUser) {
  const token = await encode({
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE,
    token: {
      sub: user.id,
      name: user.fullName,
      email: user.email,
      username: user.username,
      role: user.role,
      buyerId: user.buyerId,
      sellerId: user.sellerId,
      sv: user.sessionVersion ?? 0,
    },
  });
  return { name: sessionCookieName(), value: token, options: sessionCookieOptions() };
}

export function sessionCookieOptions() {
  return {
    httpOnly: true,
    // Lax: the browser does not send the cookie on cross-site POST/PATCH/DELETE. The Origin
    // check in requireCaller is the second layer (older browsers, same-site subdomains).
    sameSite: "lax" as const,
    path: "/",
    secure: secureCookies(),
    maxAge: SESSION_MAX_AGE,
  };
}

export const authOptions: NextAuthOptions = {
  // A getter: the secret is read per request, never at build time.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Username and password",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.username || !credentials.password) return null;
        const headers = new Headers();
        for (const [k, v] of Object.entries(req?.headers ?? {})) if (typeof v === "string") headers.set(k, v);
        const result = await checkLogin(credentials.username, credentials.password, clientIp({ headers }));
        if (!result.ok) {
          throw new Error(
            result.reason === "locked" ? "locked" : result.reason === "suspended" ? "suspended" : "CredentialsSignin",
          );
        }
        const u = result.user;
        return {
          id: u.id,
          name: u.fullName,
          email: u.email,
          username: u.username,
          role: u.role,
          buyerId: u.buyerId,
          sellerId: u.sellerId,
          sv: u.sessionVersion ?? 0,
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as {
          username: string;
          role: Role;
          buyerId: number | null;
          sellerId: number | null;
          sv: number;
        };
        token.username = u.username;
        token.role = u.role;
        token.buyerId = u.buyerId;
        token.sellerId = u.sellerId;
        token.sv = u.sv;
        return token;
      }
      // Every renewal (GET /api/auth/session, getServerSession in pages) re-checks the user: a
      // throw here makes next-auth clear the cookie and answer an empty session, so nothing is
      // renewed for a suspended user or a session that was ended (logout, password change).
      if (!(await userFromClaims(token as TokenClaims))) throw new SessionEnded();
      return token;
    },
    async session({ session, token }) {
      (session as unknown as { user: Record<string, unknown> }).user = {
        id: token.sub,
        name: token.name,
        email: token.email,
        username: token.username,
        role: token.role,
        buyerId: token.buyerId ?? null,
        sellerId: token.sellerId ?? null,
        sv: token.sv ?? 0,
      };
      return session;
    },
  },
  events: {
    // next-auth's own sign-out ends the session everywhere, as POST /api/auth/logout does.
    async signOut({ token }) {
      if (typeof token?.sub === "string") await endSessions(token.sub).catch(() => {});
    },
  },
  logger: {
    error(code, metadata) {
      const err = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      if (code === "JWT_SESSION_ERROR" && err instanceof Error && err.name === "SessionEnded") return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};

class SessionEnded extends Error {
  override name = "SessionEnded";
  constructor() {
    super("the session was ended (logout, suspension, password change) or its user is not active");
  }
}

/**
 * Ends every session of a user at once, on every instance: tokens carry the version they were
 * issued under and are refused once it moved. Called on logout, suspension and password change.
 * `tx` lets callers bump in the same transaction as the change that requires it.
 */
export async function endSessions(userId: string, tx: Pick<typeof prisma, "user"> = prisma): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

// ---------- API keys ----------

// Re-exported: callers think of keys as part of authentication.
export { generateApiKey, API_KEY_PREFIX };

type KeyLookup = { caller: Caller } | { caller: null; reason: "unknown" | "revoked" | "suspended"; apiKeyId?: string };

/**
 * Resolves a key from the per-instance cache (lib/api-keys.ts: cleared on every instance by
 * revocation and suspension, bounded by API_KEY_CACHE_SECONDS), else from the database.
 */
async function lookupApiKey(key: string): Promise<KeyLookup> {
  if (!key || key.length > 200) return { caller: null, reason: "unknown" };
  const hash = hashApiKey(key);
  const hit = cachedKey<{ result: KeyLookup; lastUsedAt: number }>(hash);
  if (hit) {
    touchKey(hit.result, hit);
    return hit.result;
  }
  const row = await prisma.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      buyerId: true,
      sellerId: true,
      buyer: { select: { status: true } },
      seller: { select: { status: true } },
    },
  });
  // A key belongs to exactly one buyer or seller account; anything else is not a usable key.
  if (!row || (row.buyerId == null) === (row.sellerId == null)) return { caller: null, reason: "unknown" };
  const result: KeyLookup = row.revokedAt
    ? { caller: null, reason: "revoked", apiKeyId: row.id }
    : row.buyer?.status === "suspended" || row.seller?.status === "suspended"
      ? { caller: null, reason: "suspended", apiKeyId: row.id }
      : {
          caller: {
            via: "api_key",
            userId: null,
            username: null,
            role: row.buyerId != null ? "buyer" : "seller",
            buyerId: row.buyerId,
            sellerId: row.sellerId,
            apiKeyId: row.id,
          },
        };
  const entry = { result, lastUsedAt: row.lastUsedAt?.getTime() ?? 0 };
  cacheKey(hash, entry);
  touchKey(result, entry);
  return result;
}

/** Touch lastUsedAt at most once a minute: a write per request would dominate the hot path. */
function touchKey(result: KeyLookup, entry: { lastUsedAt: number }) {
  if (!result.caller?.apiKeyId || Date.now() - entry.lastUsedAt <= 60_000) return;
  entry.lastUsedAt = Date.now();
  void prisma.apiKey
    .update({ where: { id: result.caller.apiKeyId }, data: { lastUsedAt: new Date() } })
    .catch(() => {});
}

export async function callerFromApiKey(key: string): Promise<Caller | null> {
  return (await lookupApiKey(key)).caller;
}

/** `Authorization: Bearer <key>`, `x-api-key: <key>`, or a `token: <key>` header (seed 001's wording). */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim() || null;
  return headers.get("x-api-key")?.trim() || headers.get("token")?.trim() || null;
}

/** Body field names that carry a key: token, Token, TOKEN, api_key, apiKey, API-KEY, … */
function isTokenField(name: string): boolean {
  const n = name.toLowerCase().replace(/[_-]/g, "");
  return n === "token" || n === "apikey";
}

/**
 * The seed-001 style key in a JSON/form body, in any of its spellings. Routes that accept it read
 * the body first and pass this to requireCaller: `requireCaller(req, ["seller"], bodyToken(body))`.
 */
export function bodyToken(body: unknown): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (isTokenField(k) && typeof v === "string" && v.trim()) return v.trim();
  }
  return null;
}

/** The body without its key fields, for strict schemas that must not see (or store) the key. */
export function withoutBodyToken<T extends Record<string, unknown>>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !isTokenField(k))) as T;
}

type TokenClaims = { sub?: string; role?: Role; sv?: unknown };

function userFromClaims(token: TokenClaims | null): Promise<SessionUser | null> | null {
  if (!token?.sub || !/^[0-9a-f-]{36}$/i.test(token.sub)) return null;
  return loadActiveUser(token.sub, typeof token.sv === "number" ? token.sv : 0);
}

/**
 * The session's user, re-read from the database on each request: a suspended user or account,
 * or a changed role/account link, takes effect at once rather than when the 12-hour JWT expires.
 */
export async function sessionUserFromRequest(req: Request): Promise<SessionUser | null> {
  return userFromClaims((await readSessionToken(req)) as TokenClaims | null);
}

/**
 * The next-auth JWT from the Cookie header (next-auth splits big ones into name.0, name.1, ...).
 * Read here rather than with next-auth's getToken: that one needs NextRequest.cookies and would
 * also take a JWT from `Authorization: Bearer`, which in this API always means an API key.
 */
async function readSessionToken(req: Request): Promise<Record<string, unknown> | null> {
  const name = sessionCookieName();
  const parts: [number, string][] = [];
  for (const pair of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (key === name) parts.push([0, value]);
    else if (key.startsWith(`${name}.`) && /^\d+$/.test(key.slice(name.length + 1)))
      parts.push([Number(key.slice(name.length + 1)), value]);
  }
  const raw = parts
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v)
    .join("");
  if (!raw || raw.length > 16_384) return null;
  try {
    // Verifies and decrypts (A256GCM); an expired, forged or foreign-secret token decodes to an error.
    return (await decode({ token: raw, secret: authSecret() })) as Record<string, unknown> | null;
  } catch {
    return null;
  }
}

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

/** The user, when active, its account not suspended, and (given a token's version) that version current. */
async function loadActiveUser(id: string, version?: number): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      username: true,
      role: true,
      fullName: true,
      email: true,
      status: true,
      buyerId: true,
      sellerId: true,
      sessionVersion: true,
      buyer: { select: { status: true } },
      seller: { select: { status: true } },
    },
  });
  if (version !== undefined && user && user.sessionVersion !== version) return null;
  if (user?.status !== "active" || user.buyer?.status === "suspended" || user.seller?.status === "suspended") {
    return null;
  }
  const { status: _s, buyer: _b, seller: _sl, ...rest } = user;
  return rest;
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

/** The caller of an API request, or null. `bodyToken` is the seed-001 `token` body field. */
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
 * For write routes that accept the key in the body (seed-001 style): reads the body, authenticates
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

// ---------- CSRF ----------

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

// ---------- ownership ----------

function denied(code: "forbidden" | "not_found", message: string, caller: Caller, details: Record<string, unknown>) {
  const err = new ApiError(code, message);
  const entry: AuditEntry = { action: "authz.denied", caller, details };
  err.auditEntry = entry;
  return err;
}

function parseAccountId(value: number | string | null | undefined, field: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  const n = typeof value === "number" ? value : /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) {
    throw new ApiError("validation_failed", `${field} must be a positive integer`, [
      { field, issue: "must be a positive integer" },
    ]);
  }
  return n;
}

type ScopeOpts = { required?: boolean };

function scopeAccount(
  kind: "buyer" | "seller",
  caller: Caller,
  requestedRaw: number | string | null | undefined,
  opts: ScopeOpts,
): number | null {
  const field = kind === "buyer" ? "buyerId" : "sellerId";
  const requested = parseAccountId(requestedRaw, field);
  if (caller.role === "admin") {
    if (requested === null && opts.required) {
      throw new ApiError("validation_failed", `Name the ${kind} account: admins must send ${field}`, [
        { field, issue: "is required for admin callers" },
      ]);
    }
    return requested;
  }
  const own = kind === "buyer" ? caller.buyerId : caller.sellerId;
  if (caller.role !== kind || own === null) {
    throw denied("forbidden", `Only ${kind} accounts (or admins) may use ${field}`, caller, {
      reason: "role",
      field,
      requested,
    });
  }
  if (requested !== null && requested !== own) {
    throw denied(
      "forbidden",
      `${field} ${requested} is not your account; you may only use your own ${field} (${own})`,
      caller,
      {
        reason: "other_account",
        field,
        requested,
      },
    );
  }
  return own;
}

/**
 * The buyer account a request acts on. A buyer gets its own id (naming another → 403 forbidden);
 * an admin gets the id it named, or null for "all buyers" (or a 400 with `{ required: true }`);
 * a seller gets 403.
 */
export function scopeBuyerId(
  caller: Caller,
  requested: number | string | null | undefined,
  opts: { required: true },
): number;
export function scopeBuyerId(caller: Caller, requested?: number | string | null, opts?: ScopeOpts): number | null;
export function scopeBuyerId(caller: Caller, requested?: number | string | null, opts: ScopeOpts = {}): number | null {
  return scopeAccount("buyer", caller, requested, opts);
}

/** As scopeBuyerId, for seller accounts. */
export function scopeSellerId(
  caller: Caller,
  requested: number | string | null | undefined,
  opts: { required: true },
): number;
export function scopeSellerId(caller: Caller, requested?: number | string | null, opts?: ScopeOpts): number | null;
export function scopeSellerId(caller: Caller, requested?: number | string | null, opts: ScopeOpts = {}): number | null {
  return scopeAccount("seller", caller, requested, opts);
}

/**
 * For listings that belong to a buyer or a seller (keys, transactions): the account filter to
 * apply. Buyers and sellers always get their own account (naming another, or an account of the
 * other kind, → 403); admins get what they named (null = no filter).
 */
export function scopeOwner(
  caller: Caller,
  requested: { buyerId?: number | string | null; sellerId?: number | string | null },
): { buyerId: number | null; sellerId: number | null } {
  if (caller.role === "admin") {
    return {
      buyerId: parseAccountId(requested.buyerId, "buyerId"),
      sellerId: parseAccountId(requested.sellerId, "sellerId"),
    };
  }
  if (caller.role === "buyer") {
    if (parseAccountId(requested.sellerId, "sellerId") !== null) scopeSellerId(caller, requested.sellerId);
    return { buyerId: scopeBuyerId(caller, requested.buyerId, { required: true }), sellerId: null };
  }
  if (parseAccountId(requested.buyerId, "buyerId") !== null) scopeBuyerId(caller, requested.buyerId);
  return { buyerId: null, sellerId: scopeSellerId(caller, requested.sellerId, { required: true }) };
}

/** Whether the caller may see an object owned by these accounts (admins: always). */
export function owns(caller: Caller, obj: { buyerId?: number | null; sellerId?: number | null }): boolean {
  if (caller.role === "admin") return true;
  if (caller.role === "buyer") return caller.buyerId != null && obj.buyerId === caller.buyerId;
  return caller.sellerId != null && obj.sellerId === caller.sellerId;
}

/**
 * 404 unless the object exists and belongs to the caller's account. Another account's object
 * answers exactly like a missing one, so ids reveal nothing; the attempt is audit-logged.
 *   const lead = await prisma.lead.findUnique(...); assertOwns(caller, lead, { what: "lead", id });
 */
export function assertOwns<T extends { buyerId?: number | null; sellerId?: number | null }>(
  caller: Caller,
  obj: T | null | undefined,
  opts: { what?: string; id?: string | number } = {},
): asserts obj is T {
  const message = `No ${opts.what ?? "resource"}${opts.id !== undefined ? ` with id ${opts.id}` : ""}`;
  if (!obj) throw new ApiError("not_found", message);
  if (!owns(caller, obj)) {
    throw denied("not_found", message, caller, {
      reason: "not_owner",
      what: opts.what ?? null,
      id: opts.id ?? null,
      ownerBuyerId: obj.buyerId ?? null,
      ownerSellerId: obj.sellerId ?? null,
    });
  }
}

// ---------- pages ----------

/** For server components: the signed-in dashboard user (re-read from the database), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const claims = (session as unknown as { user?: { id?: unknown; sv?: unknown } } | null)?.user;
  return userFromClaims(typeof claims?.id === "string" ? { sub: claims.id, sv: claims.sv } : null);
}
