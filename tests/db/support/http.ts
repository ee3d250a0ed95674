// Calling route handlers directly, as Next.js would: `new Request(...)`, a session cookie from
// sessionCookie(), or a real API key. No server, no mocks: the handlers hit the test database.
import { prisma } from "@/lib/db";
import { seedDemo } from "@/lib/seed";
import { generateApiKey } from "@/lib/api-keys";
import { sessionCookie } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/types";

export const BASE = "http://localhost:3130";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers declare their own params shape
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

export type CallOpts = {
  cookie?: string | null;
  key?: string | null;
  /** How the key travels: Authorization: Bearer (default), x-api-key, or a body `token` field. */
  keyVia?: "bearer" | "x-api-key" | "body";
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** Cookie-authenticated writes need a same-site Origin; tests of CSRF turn it off. */
  origin?: string | null;
};

export type Reply = { status: number; body: any; headers: Headers };

export async function call(handler: Handler, method: string, path: string, opts: CallOpts = {}): Promise<Reply> {
  const headers = new Headers(opts.headers ?? {});
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body = opts.body;
  if (opts.key) {
    if (opts.keyVia === "x-api-key") headers.set("x-api-key", opts.key);
    else if (opts.keyVia === "body") body = { ...((body as object) ?? {}), token: opts.key };
    else headers.set("authorization", `Bearer ${opts.key}`);
  }
  const origin = opts.origin === undefined ? BASE : opts.origin;
  if (origin && method !== "GET") headers.set("origin", origin);
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const req = new Request(BASE + path, {
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
  return { status: res.status, body: parsed, headers: res.headers };
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
