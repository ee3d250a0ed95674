// Calling route handlers in-process, as Next.js would: a NextRequest to the exported handler, with
// a real session cookie or a real API key. No server, no mocks: the handlers hit the test database.
// The one way db tests call the API; also the demo world (seedWorld) with each login's credentials.
import { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { seedDemo } from "@/lib/seed";
import { generateApiKey } from "@/lib/api-keys";
import { sessionCookie } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/types";

/** The origin requests are sent to (and, by default, the Origin header of writes). */
export const BASE = "http://localhost:3130";

// biome-ignore lint/suspicious/noExplicitAny: route handlers declare their own request and params types
type Handler = (req: any, ctx: { params: Promise<any> }) => Promise<Response>;

export type CallOpts = {
  /** Log in as this user: a real session cookie (sessionCookie), as the browser sends it. */
  as?: SessionUser | null;
  /** A Cookie header as given (cookieFor, or a hand-made or tampered one). */
  cookie?: string | null;
  /** An API key. */
  key?: string | null;
  /** How the key travels: Authorization: Bearer (default), x-api-key, or a body `token` field. */
  keyVia?: "bearer" | "x-api-key" | "body";
  /** A string is sent as it is (raw JSON, CSV, a broken body); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Appended to the path as a query string; undefined and null values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** The route's dynamic segments, e.g. { id: "7" } for app/api/leads/[id]. */
  params?: Record<string, string>;
  /** The Origin of writes (browsers send one; cookie writes without it are refused as CSRF). null: none. */
  origin?: string | null;
};

/**
 * The answer: status, headers, the body parsed as JSON (its text when it is not JSON; null when
 * empty), and the body's text as sent (CSV exports, exact bytes).
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds
export type Reply = { status: number; body: any; headers: Headers; text: string };

export async function call(handler: Handler, method: string, path: string, opts: CallOpts = {}): Promise<Reply> {
  const headers = new Headers(opts.headers ?? {});
  if (opts.as) headers.set("cookie", await cookieFor(opts.as));
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body = opts.body;
  if (opts.key) {
    if (opts.keyVia === "x-api-key") headers.set("x-api-key", opts.key);
    else if (opts.keyVia === "body") body = { ...((body as object) ?? {}), token: opts.key };
    else headers.set("authorization", `Bearer ${opts.key}`);
  }
  const origin = opts.origin === undefined ? BASE : opts.origin;
  if (origin && method !== "GET" && !headers.has("origin")) headers.set("origin", origin);
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const req = new NextRequest(BASE + path + queryString(opts.query), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

function queryString(query: CallOpts["query"]): string {
  if (!query) return "";
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function cookieFor(user: SessionUser): Promise<string> {
  const c = await sessionCookie(user);
  return `${c.name}=${c.value}`;
}

/** A real key for one account, created the way POST /api/api-keys creates it. */
export async function keyFor(owner: { buyerId?: number | null; sellerId?: number | null }, name = "test key") {
  const { key, prefix, hash } = generateApiKey();
  const row = await prisma.apiKey.create({
    data: { name, prefix, hash, buyerId: owner.buyerId ?? null, sellerId: owner.sellerId ?? null },
  });
  return { key, id: row.id };
}

export type Account = {
  user: SessionUser;
  userId: string;
  cookie: string;
  buyerId: number | null;
  sellerId: number | null;
  /** A key of this account (none for admin). */
  key: string | null;
  keyId: string | null;
};

export type World = Record<"admin" | "buyer1" | "buyer2" | "seller1" | "seller2", Account>;

/** The demo logins (seed without history), each with a session cookie and an API key of its own. */
export async function seedWorld(): Promise<World> {
  await seedDemo(prisma, { history: false });
  const users = await prisma.user.findMany();
  const world = {} as World;
  for (const u of users) {
    const user: SessionUser = {
      id: u.id,
      username: u.username,
      role: u.role,
      fullName: u.fullName,
      email: u.email,
      buyerId: u.buyerId,
      sellerId: u.sellerId,
    };
    const k = u.role === "admin" ? null : await keyFor(u, `${u.username} key`);
    world[u.username as keyof World] = {
      user,
      userId: u.id,
      cookie: await cookieFor(user),
      buyerId: u.buyerId,
      sellerId: u.sellerId,
      key: k?.key ?? null,
      keyId: k?.id ?? null,
    };
  }
  return world;
}
