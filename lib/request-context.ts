// The request being served, carried through every await by AsyncLocalStorage: its id (from a
// valid X-Request-Id or generated), and who is calling once requireCaller knows. route()
// (lib/api/handler.ts) opens it; the logger stamps each line with the id, and settle (the tlg_settle
// SQL function) stores it on the delivery jobs the request causes, so a lead is traceable end to end.
// Also where the request comes from: clientIp, for throttling and the audit log.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { env } from "./env";

export type RequestContext = {
  id: string;
  /** Set by requireCaller (lib/auth/caller.ts) once the caller is resolved: logged, never a secret. */
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

// ---------- the client's address ----------

/** Written by scripts/socket-peer.cjs on every request: the socket's peer, replacing any client copy. */
export const SOCKET_PEER_HEADER = "x-tlg-socket-peer";

let trusted: { list: BlockList; source: string } | null = null;

function trustedProxies(): BlockList {
  if (trusted?.source === env.TRUST_PROXY) return trusted.list;
  const list = new BlockList();
  for (const token of env.TRUST_PROXY.split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (token === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [addr, bits] = token.split("/");
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (!isIP(addr)) throw new Error(`TRUST_PROXY: ${token} is not an IP address or CIDR range`);
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  trusted = { list, source: env.TRUST_PROXY };
  return list;
}

/** An address as written in a header or by the socket, normalised; null when it is not one. */
function normaliseIp(raw: string | null | undefined): string | null {
  let s = (raw ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(s);
  if (mapped) s = mapped[1];
  return isIP(s) ? s.toLowerCase() : null;
}

function isTrustedProxy(ip: string): boolean {
  return trustedProxies().check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address, for throttling and the audit log: the socket's peer, unless that peer is
 * a trusted proxy (TRUST_PROXY); then X-Forwarded-For is walked from the right over trusted hops
 * and the first untrusted address is the client. Entries left of it were written by the client
 * and are ignored.
 *
 * The peer comes from the x-tlg-socket-peer header that scripts/socket-peer.cjs (preloaded by
 * `npm start`) writes from the socket. Without that preload (`next dev`, handlers called in tests)
 * the rightmost X-Forwarded-For entry stands in for the peer: Next fills it from the socket only
 * when the client sent none, so there it can be forged; production runs through `npm start`.
 */
export function clientIp(req: { headers: Pick<Headers, "get"> }): string {
  const chain = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let ip = normaliseIp(env.TLG_SOCKET_PEER ? req.headers.get(SOCKET_PEER_HEADER) : chain.pop());
  while (ip && isTrustedProxy(ip) && chain.length) {
    const next = normaliseIp(chain.pop());
    if (!next) break; // garbage behind a trusted hop: the hop itself is the best we know
    ip = next;
  }
  return ip ?? "unknown";
}
