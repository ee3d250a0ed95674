// The client's address cannot be forged by the client.
import { describe, expect, it } from "vitest";
import { env } from "./env";
import { clientIp } from "./request-context";

describe("clientIp", () => {
  type Case = [name: string, trustProxy: string, peer: string | null, xff: string | null, expected: string];
  const cases: Case[] = [
    // No trusted proxy (the default): the socket's peer, whatever X-Forwarded-For claims.
    ["no proxy: the peer", "", "203.0.113.9", null, "203.0.113.9"],
    ["no proxy: a forged X-Forwarded-For is ignored", "", "203.0.113.9", "198.51.100.1", "203.0.113.9"],
    ["no proxy: a forged chain is ignored", "", "203.0.113.9", "1.1.1.1, 2.2.2.2", "203.0.113.9"],
    ["IPv4-mapped IPv6 peer", "", "::ffff:203.0.113.9", null, "203.0.113.9"],
    ["IPv6 peer", "", "2001:DB8::1", null, "2001:db8::1"],
    ["no peer header at all", "", null, "198.51.100.1", "unknown"],
    // A trusted proxy: walk from the right over trusted hops.
    ["trusted proxy: the address it appended", "10.0.0.5", "10.0.0.5", "198.51.100.7", "198.51.100.7"],
    [
      "trusted proxy: client-written entries on the left are ignored",
      "10.0.0.5",
      "10.0.0.5",
      "6.6.6.6, 198.51.100.7",
      "198.51.100.7",
    ],
    ["two trusted hops (CIDR)", "10.0.0.0/8", "10.0.0.5", "6.6.6.6, 198.51.100.7, 10.1.2.3", "198.51.100.7"],
    ["a peer outside TRUST_PROXY is the client", "10.0.0.0/8", "192.0.2.44", "198.51.100.7", "192.0.2.44"],
    ["loopback keyword", "loopback", "127.0.0.1", "198.51.100.7", "198.51.100.7"],
    ["IPv6 proxy range", "fd00::/8", "fd00::1", "2001:db8::9", "2001:db8::9"],
    ["entries with ports", "10.0.0.5", "10.0.0.5", "198.51.100.7:5123", "198.51.100.7"],
    ["bracketed IPv6 with port", "10.0.0.5", "10.0.0.5", "[2001:db8::9]:443", "2001:db8::9"],
    ["trusted proxy, no X-Forwarded-For: the proxy", "10.0.0.5", "10.0.0.5", null, "10.0.0.5"],
    ["garbage behind a trusted hop: stop at the hop", "10.0.0.5", "10.0.0.5", "not-an-ip", "10.0.0.5"],
    ["all hops trusted: the leftmost", "10.0.0.0/8", "10.0.0.5", "10.9.9.9", "10.9.9.9"],
  ];
  it.each(cases)("%s", (_name, trustProxy, peer, xff, expected) => {
    const saved = { TRUST_PROXY: env.TRUST_PROXY, TLG_SOCKET_PEER: env.TLG_SOCKET_PEER };
    Object.assign(env, { TRUST_PROXY: trustProxy, TLG_SOCKET_PEER: true });
    try {
      const headers = new Headers();
      if (peer !== null) headers.set("x-tlg-socket-peer", peer);
      if (xff !== null) headers.set("x-forwarded-for", xff);
      expect(clientIp({ headers })).toBe(expected);
    } finally {
      Object.assign(env, saved);
    }
  });

  it("without the socket-peer preload (next dev, tests) the rightmost X-Forwarded-For entry stands in for the peer", () => {
    expect(env.TLG_SOCKET_PEER).toBe(false);
    expect(clientIp({ headers: new Headers({ "x-forwarded-for": "1.1.1.1, 203.0.113.9" }) })).toBe("203.0.113.9");
    // The header is not trusted then: a client could have written it.
    expect(clientIp({ headers: new Headers({ "x-tlg-socket-peer": "203.0.113.1" }) })).toBe("unknown");
  });
});
