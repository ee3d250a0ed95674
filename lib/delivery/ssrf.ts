// Outbound calls to buyer-supplied URLs. Buyers choose these URLs, so they must never reach our own
// network: loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, ULA, multicast.
// The check runs on the address the socket actually connects to (a `lookup` hook), not on a
// separate earlier resolution, so DNS rebinding between check and connect cannot slip through.
// Redirects are never followed: a 3xx is an answer, recorded as a failed attempt.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { env } from "../env";

const blocked = new net.BlockList();
for (const [a, p] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(a, p, "ipv4");
for (const [a, p] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["100::", 64],
] as const)
  blocked.addSubnet(a, p, "ipv6");

const BLOCKED_NAMES = new Set(["localhost", "metadata.google.internal", "metadata", "instance-data"]);

export class SsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SsrfError";
  }
}

/** The IPv4 address embedded in IPv4-mapped/compatible or NAT64 IPv6, which must be judged as IPv4. */
function embeddedV4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const m = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (m) return m[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** True for addresses a buyer URL may never reach. */
export function isBlockedAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family === 6) {
    const v4 = embeddedV4(ip);
    if (v4) return blocked.check(v4, "ipv4");
    return blocked.check(ip, "ipv6");
  }
  return true; // not an IP at all: refuse rather than guess
}

export function allowHosts(list = env.DELIVERY_ALLOW_HOSTS): Set<string> {
  return new Set(
    list
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
}

function hostOf(url: URL): string {
  // "localhost." is localhost: strip the root-label dot before comparing names.
  return url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "")
    .toLowerCase();
}

/** Static checks on a URL (scheme, credentials, literal addresses, known names). Throws SsrfError. */
export function checkUrl(raw: string, allow: Set<string> = allowHosts()): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfError("not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SsrfError(`scheme ${url.protocol} is not allowed; use http or https`);
  if (url.username || url.password) throw new SsrfError("credentials in the URL are not allowed");
  const host = hostOf(url);
  if (allow.has(host)) return url;
  if (BLOCKED_NAMES.has(host) || host.endsWith(".localhost") || host.endsWith(".internal")) {
    throw new SsrfError(`host ${host} is not allowed`);
  }
  if (net.isIP(host) && isBlockedAddress(host))
    throw new SsrfError(`address ${host} is private, loopback or link-local`);
  // Decimal/hex/octal IPv4 spellings ("2130706433", "0x7f.1") are normalised by URL(); anything numeric left is odd.
  if (/^[0-9.]+$/.test(host) && !net.isIP(host)) throw new SsrfError(`host ${host} is not allowed`);
  return url;
}

/** A dns.lookup that refuses blocked addresses: used as the socket's resolver. */
export function guardedLookup(allowed: boolean): net.LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = addresses as dns.LookupAddress[];
      const bad = allowed ? undefined : list.find((a) => isBlockedAddress(a.address));
      if (bad)
        return callback(
          new SsrfError(`host ${hostname} resolves to ${bad.address}, a private, loopback or link-local address`),
        );
      if (!list.length) return callback(new Error(`no address for ${hostname}`));
      if (options.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  }) as net.LookupFunction;
}

/** Resolves a host and checks every address (used by tests and by config validation). */
export async function assertPublicHost(raw: string, allow: Set<string> = allowHosts()): Promise<void> {
  const url = checkUrl(raw, allow);
  const host = hostOf(url);
  if (allow.has(host) || net.isIP(host)) return;
  const list = await dns.promises.lookup(host, { all: true });
  const bad = list.find((a) => isBlockedAddress(a.address));
  if (bad) throw new SsrfError(`host ${host} resolves to ${bad.address}, a private, loopback or link-local address`);
}

export type OutboundRequest = {
  url: string;
  method?: "POST" | "GET" | "HEAD";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  allow?: Set<string>;
  /** Bytes of the response body kept (the rest is read and dropped). */
  maxBodyBytes?: number;
};

export type OutboundResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  durationMs: number;
};

export class OutboundError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "network" | "ssrf",
    readonly durationMs: number,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

/** One HTTP request to a buyer, with an overall deadline, the SSRF guard and no redirects. */
export function safeRequest(req: OutboundRequest): Promise<OutboundResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const allow = req.allow ?? allowHosts();
  let url: URL;
  try {
    url = checkUrl(req.url, allow);
  } catch (e) {
    return Promise.reject(new OutboundError((e as Error).message, "ssrf", 0));
  }
  const allowed = allow.has(hostOf(url));
  const lib = url.protocol === "https:" ? https : http;
  const maxBody = req.maxBodyBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: OutboundError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.destroy();
      reject(err);
    };
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = lib.request(
      url,
      {
        method: req.method ?? "POST",
        headers: {
          "user-agent": "TitanLeadGroup-Delivery/1",
          ...req.headers,
          ...(body ? { "content-length": String(body.length) } : {}),
        },
        lookup: guardedLookup(allowed),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < maxBody) chunks.push(c.subarray(0, maxBody - size));
          size += c.length;
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            durationMs: elapsed(),
          });
        });
        res.on("error", (e) => fail(new OutboundError(e.message, "network", elapsed())));
      },
    );
    const timer = setTimeout(
      () => fail(new OutboundError(`no answer within ${req.timeoutMs} ms`, "timeout", elapsed())),
      req.timeoutMs,
    );
    r.on("error", (e) => fail(new OutboundError(e.message, e instanceof SsrfError ? "ssrf" : "network", elapsed())));
    if (body) r.write(body);
    r.end();
  });
}
