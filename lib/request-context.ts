// The request being served, carried through every await by AsyncLocalStorage: its id (from a
// valid X-Request-Id or generated), and who is calling once requireCaller knows. route()
// (lib/api/handler.ts) opens it; the logger stamps each line with the id, and settle (the tlg_settle
// SQL function) stores it on the delivery jobs the request causes, so a lead is traceable end to end.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type RequestContext = {
  id: string;
  /** Set by lib/auth.ts once the caller is resolved: logged, never a secret. */
  caller?: { kind: "session" | "api_key"; role: string; accountId: number | null; keyId: string | null };
};

// One store per process, even when Next.js bundles this module into several chunks.
const g = globalThis as unknown as { __tlgRequestStore?: AsyncLocalStorage<RequestContext> };
g.__tlgRequestStore ??= new AsyncLocalStorage<RequestContext>();
export const requestStore: AsyncLocalStorage<RequestContext> = g.__tlgRequestStore;

/** What we accept from a client: short, and nothing a log line or an HTTP header could be hurt by. */
const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && SAFE_ID.test(given) ? given : randomUUID();
}

export function isSafeRequestId(value: string): boolean {
  return SAFE_ID.test(value);
}

export function currentRequest(): RequestContext | undefined {
  return requestStore.getStore();
}

export function currentRequestId(): string | null {
  return requestStore.getStore()?.id ?? null;
}

export function noteCaller(c: {
  via: "session" | "api_key";
  role: string;
  buyerId: number | null;
  sellerId: number | null;
  apiKeyId: string | null;
}): void {
  const store = requestStore.getStore();
  if (store) store.caller = { kind: c.via, role: c.role, accountId: c.buyerId ?? c.sellerId, keyId: c.apiKeyId };
}
