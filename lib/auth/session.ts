// The dashboard session: next-auth's options (JWT cookie), the same cookie for the JSON login
// endpoint (POST /api/auth/login), reading it back on each request, and ending every session
// of a user at once. Password checks are lib/auth/login.ts.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "../db";
import { env } from "../env";
import { clientIp } from "../request-context";
import { checkLogin } from "./login";
import type { Role, SessionUser } from "./types";

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

/** For server components: the signed-in dashboard user (re-read from the database), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const claims = (session as unknown as { user?: { id?: unknown; sv?: unknown } } | null)?.user;
  return userFromClaims(typeof claims?.id === "string" ? { sub: claims.id, sv: claims.sv } : null);
}
