// Who is calling: a dashboard session (next-auth JWT cookie) or an API key.
// Every route and page resolves a Caller here, then checks role and ownership.
import "server-only";
import { randomBytes } from "node:crypto";
import { hashApiKey } from "./api-keys";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getToken, encode } from "next-auth/jwt";
import { getServerSession } from "next-auth";
import { prisma } from "./db";
import { env } from "./env";
import { ApiError } from "./api/errors";
import { dummyHash, verifyPassword } from "./password";

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

// ---------- password login (shared by next-auth and POST /api/auth/login) ----------

export type LoginResult =
  | { ok: true; user: PublicUser & { buyerId: number | null; sellerId: number | null } }
  | { ok: false; reason: "invalid" | "locked" | "suspended" };

/**
 * Checks a username/password. Failed attempts are counted in PostgreSQL (not in memory),
 * so the lockout holds across app instances.
 */
export async function checkLogin(username: string, password: string, ip: string): Promise<LoginResult> {
  const since = new Date(Date.now() - env.LOGIN_WINDOW_SECONDS * 1000);
  const uname = username.trim().toLowerCase();
  const failures = await prisma.loginAttempt.count({
    where: { username: uname, success: false, createdAt: { gte: since } },
  });
  if (failures >= env.LOGIN_MAX_FAILURES) return { ok: false, reason: "locked" };

  const user = await prisma.user.findUnique({ where: { username: uname } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  await prisma.loginAttempt.create({ data: { username: uname, ip, success: Boolean(user && valid) } });
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.status !== "active") return { ok: false, reason: "suspended" };
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
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
    },
  };
}

export function clientIp(req: Request | { headers: Headers | Record<string, unknown> }): string {
  const h = req.headers as Headers;
  const get = (k: string) => (typeof h.get === "function" ? h.get(k) : (h as unknown as Record<string, string>)[k]);
  return (get("x-forwarded-for") ?? "").split(",")[0].trim() || get("x-real-ip") || "unknown";
}

/** Issues the same JWT cookie next-auth issues, for the JSON login endpoint. */
export async function sessionCookie(user: PublicUser & { buyerId: number | null; sellerId: number | null }) {
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
    },
  });
  return {
    name: sessionCookieName(),
    value: token,
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      path: "/",
      secure: secureCookies(),
      maxAge: SESSION_MAX_AGE,
    },
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
        const result = await checkLogin(credentials.username, credentials.password, clientIp({ headers: new Headers((req?.headers ?? {}) as Record<string, string>) }));
        if (!result.ok) {
          throw new Error(result.reason === "locked" ? "locked" : result.reason === "suspended" ? "suspended" : "CredentialsSignin");
        }
        const u = result.user;
        return { id: u.id, name: u.fullName, email: u.email, username: u.username, role: u.role, buyerId: u.buyerId, sellerId: u.sellerId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { username: string; role: Role; buyerId: number | null; sellerId: number | null };
        token.username = u.username;
        token.role = u.role;
        token.buyerId = u.buyerId;
        token.sellerId = u.sellerId;
      }
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
      };
      return session;
    },
  },
};

// ---------- API keys ----------

export const API_KEY_PREFIX = "tlg_";


/** A new key: shown once, only its hash and a short prefix are stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(24).toString("base64url");
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

export async function callerFromApiKey(key: string): Promise<Caller | null> {
  if (!key || key.length > 200) return null;
  const row = await prisma.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
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
  if (!row || row.revokedAt) return null;
  if (row.buyer?.status === "suspended" || row.seller?.status === "suspended") return null;
  // Touch lastUsedAt at most once a minute: a write per request would dominate the hot path.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    void prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return {
    via: "api_key",
    userId: null,
    username: null,
    role: row.buyerId ? "buyer" : "seller",
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    apiKeyId: row.id,
  };
}

export function apiKeyFromHeaders(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  return headers.get("x-api-key")?.trim() || null;
}

type TokenClaims = { sub?: string; username?: string; role?: Role; buyerId?: number | null; sellerId?: number | null };

/** The caller of an API request, or null. `bodyToken` is the seed-001 `token` body field. */
export async function getCaller(req: Request, bodyToken?: string | null): Promise<Caller | null> {
  const key = apiKeyFromHeaders(req.headers) ?? bodyToken ?? null;
  if (key) return callerFromApiKey(key);
  const token = (await getToken({
    req: req as never,
    secret: authSecret(),
    cookieName: sessionCookieName(),
    secureCookie: secureCookies(),
  })) as TokenClaims | null;
  if (!token?.sub || !token.role) return null;
  return {
    via: "session",
    userId: token.sub,
    username: token.username ?? null,
    role: token.role,
    buyerId: token.buyerId ?? null,
    sellerId: token.sellerId ?? null,
    apiKeyId: null,
  };
}

export async function requireCaller(req: Request, roles?: Role[], bodyToken?: string | null): Promise<Caller> {
  const caller = await getCaller(req, bodyToken);
  if (!caller) throw new ApiError("unauthorized", "Log in (POST /api/auth/login) or send an API key (Authorization: Bearer <key>)");
  if (roles && !roles.includes(caller.role)) {
    throw new ApiError("forbidden", `This endpoint is for ${roles.join(" or ")} accounts; you are signed in as ${caller.role}`);
  }
  return caller;
}

/** For server components: the signed-in dashboard user, or null. */
export async function getSessionUser(): Promise<(PublicUser & { buyerId: number | null; sellerId: number | null }) | null> {
  const session = await getServerSession(authOptions);
  const u = (session as unknown as { user?: Record<string, unknown> } | null)?.user;
  if (!u?.id) return null;
  return {
    id: String(u.id),
    username: String(u.username ?? ""),
    role: u.role as Role,
    fullName: String(u.name ?? ""),
    email: String(u.email ?? ""),
    buyerId: (u.buyerId as number | null) ?? null,
    sellerId: (u.sellerId as number | null) ?? null,
  };
}
