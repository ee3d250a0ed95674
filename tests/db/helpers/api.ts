// Calls route handlers in-process with a real session cookie (or API key), as Next would.
import { NextRequest } from "next/server";
import { sessionCookie } from "@/lib/auth/session";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type User = {
  id: string;
  username: string;
  role: "admin" | "buyer" | "seller";
  fullName: string;
  email: string;
  buyerId: number | null;
  sellerId: number | null;
};

export type CallOptions = {
  as?: User | null;
  apiKey?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
};

export async function call(handler: unknown, method: string, path: string, opts: CallOptions = {}) {
  const headers = new Headers();
  if (opts.as) {
    const c = await sessionCookie(opts.as);
    headers.set("cookie", `${c.name}=${c.value}`);
    // Browsers send their Origin with every write; cookie-authenticated writes without one are refused (CSRF).
    headers.set("origin", "http://localhost");
  }
  if (opts.apiKey) headers.set("authorization", `Bearer ${opts.apiKey}`);
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  const req = new NextRequest(`http://localhost${path}`, { method, headers, body });
  const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
