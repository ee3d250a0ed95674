// The ownership and key-extraction rules every route relies on (pure parts of lib/auth.ts).
import { describe, expect, it } from "vitest";
import { ApiError } from "./api/errors";
import { env } from "./env";
import {
  assertOwns,
  assertSameOrigin,
  bodyToken,
  clientIp,
  scopeBuyerId,
  scopeOwner,
  scopeSellerId,
  withoutBodyToken,
  type Caller,
} from "./auth";

const caller = (role: Caller["role"], ids: { buyerId?: number; sellerId?: number } = {}): Caller => ({
  via: "session",
  userId: "00000000-0000-0000-0000-000000000001",
  username: role,
  role,
  buyerId: ids.buyerId ?? null,
  sellerId: ids.sellerId ?? null,
  apiKeyId: null,
});
const admin = caller("admin");
const buyer = caller("buyer", { buyerId: 5 });
const seller = caller("seller", { sellerId: 9 });

function failure(fn: () => unknown): { status: number; code: string; audited: boolean } | "ok" {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { status: e.status, code: e.code, audited: Boolean(e.auditEntry) };
  }
}

describe("scopeBuyerId / scopeSellerId", () => {
  it.each<[string, () => unknown, unknown]>([
    ["buyer, nothing named → own", () => scopeBuyerId(buyer), 5],
    ["buyer, own named (number)", () => scopeBuyerId(buyer, 5), 5],
    ["buyer, own named (query string)", () => scopeBuyerId(buyer, "5"), 5],
    ["admin names any", () => scopeBuyerId(admin, "77"), 77],
    ["admin names none → all", () => scopeBuyerId(admin), null],
    ["seller, own", () => scopeSellerId(seller, 9), 9],
    ["admin, seller named", () => scopeSellerId(admin, 3), 3],
    ["empty string is absent", () => scopeBuyerId(buyer, ""), 5],
  ])("%s", (_name, fn, expected) => {
    expect(fn()).toBe(expected);
  });

  it.each<[string, () => unknown, { status: number; code: string; audited: boolean }]>([
    [
      "buyer names another buyer → 403",
      () => scopeBuyerId(buyer, 6),
      { status: 403, code: "forbidden", audited: true },
    ],
    [
      "seller asks for a buyer scope → 403",
      () => scopeBuyerId(seller, 5),
      { status: 403, code: "forbidden", audited: true },
    ],
    [
      "buyer asks for a seller scope → 403",
      () => scopeSellerId(buyer),
      { status: 403, code: "forbidden", audited: true },
    ],
    [
      "seller names another seller → 403",
      () => scopeSellerId(seller, "10"),
      { status: 403, code: "forbidden", audited: true },
    ],
    [
      "admin must name one where required → 400",
      () => scopeBuyerId(admin, undefined, { required: true }),
      { status: 400, code: "validation_failed", audited: false },
    ],
    [
      "not a number → 400",
      () => scopeBuyerId(buyer, "5abc"),
      { status: 400, code: "validation_failed", audited: false },
    ],
    ["zero → 400", () => scopeBuyerId(admin, 0), { status: 400, code: "validation_failed", audited: false }],
    ["a float → 400", () => scopeSellerId(admin, 1.5), { status: 400, code: "validation_failed", audited: false }],
    [
      "a buyer user without an account → 403",
      () => scopeBuyerId(caller("buyer")),
      { status: 403, code: "forbidden", audited: true },
    ],
  ])("%s", (_name, fn, expected) => {
    expect(failure(fn)).toEqual(expected);
  });

  it("scopeOwner: own account for buyers and sellers, filters for admins, 403 across", () => {
    expect(scopeOwner(buyer, {})).toEqual({ buyerId: 5, sellerId: null });
    expect(scopeOwner(seller, { sellerId: "9" })).toEqual({ buyerId: null, sellerId: 9 });
    expect(scopeOwner(admin, { sellerId: "2" })).toEqual({ buyerId: null, sellerId: 2 });
    expect(scopeOwner(admin, {})).toEqual({ buyerId: null, sellerId: null });
    expect(failure(() => scopeOwner(buyer, { sellerId: 9 }))).toMatchObject({ status: 403 });
    expect(failure(() => scopeOwner(seller, { buyerId: 5 }))).toMatchObject({ status: 403 });
    expect(failure(() => scopeOwner(buyer, { buyerId: 4 }))).toMatchObject({ status: 403 });
  });
});

describe("assertOwns", () => {
  const lead = { buyerId: 5, sellerId: 9 };
  it.each<[string, Caller, object | null, number | "ok"]>([
    ["the buyer who bought it", buyer, lead, "ok"],
    ["the seller who sent it", seller, lead, "ok"],
    ["admin", admin, lead, "ok"],
    ["another buyer", caller("buyer", { buyerId: 6 }), lead, 404],
    ["another seller", caller("seller", { sellerId: 8 }), lead, 404],
    ["a buyer, on an unsold lead (no buyer)", buyer, { buyerId: null, sellerId: 9 }, 404],
    ["a buyer user with no account, on an unowned object", caller("buyer"), { buyerId: null }, 404],
    ["anyone, on nothing", admin, null, 404],
  ])("%s", (_name, who, obj, expected) => {
    const got = failure(() => assertOwns(who, obj as { buyerId?: number | null }, { what: "lead", id: 1 }));
    expect(got === "ok" ? "ok" : got.status).toBe(expected);
  });

  it("another account's object and a missing one read the same; only the former is audited", () => {
    const other = (() => {
      try {
        assertOwns(caller("buyer", { buyerId: 6 }), lead, { what: "lead", id: 3 });
      } catch (e) {
        return e as ApiError;
      }
    })()!;
    const missing = (() => {
      try {
        assertOwns(buyer, null, { what: "lead", id: 3 });
      } catch (e) {
        return e as ApiError;
      }
    })()!;
    expect([other.status, other.message]).toEqual([missing.status, missing.message]);
    expect(other.message).toBe("No lead with id 3");
    expect(other.auditEntry?.action).toBe("authz.denied");
    expect(missing.auditEntry).toBeUndefined();
  });
});

describe("bodyToken", () => {
  it.each([
    [{ token: "k1" }, "k1"],
    [{ Token: "k2" }, "k2"],
    [{ TOKEN: " k3 " }, "k3"],
    [{ api_key: "k4" }, "k4"],
    [{ apiKey: "k5" }, "k5"],
    [{ "API-KEY": "k6" }, "k6"],
    [{ token: "" }, null],
    [{ token: 123 }, null],
    [{ tokens: "x" }, null],
    [{ firstName: "John" }, null],
    [null, null],
    [["token"], null],
    ["token", null],
  ])("%j → %s", (body, expected) => {
    expect(bodyToken(body)).toBe(expected);
  });

  it("withoutBodyToken drops every spelling and keeps the rest", () => {
    expect(withoutBodyToken({ token: "a", Api_Key: "b", firstName: "John", tokenize: 1 })).toEqual({
      firstName: "John",
      tokenize: 1,
    });
  });
});

// Issue 16 row 2: the address cannot be forged by the client.
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

describe("assertSameOrigin", () => {
  const req = (h: Record<string, string>) => new Request("http://app.local:3000/api/x", { method: "POST", headers: h });
  it.each<[string, Record<string, string>, boolean, boolean]>([
    ["same origin", { origin: "http://app.local:3000" }, true, true],
    ["different port", { origin: "http://app.local:3001" }, true, false],
    ["different host", { origin: "https://evil.example" }, true, false],
    ["malformed origin", { origin: "::::" }, true, false],
    ["referer only, same", { referer: "http://app.local:3000/buyer" }, true, true],
    ["referer only, foreign", { referer: "http://evil.example/" }, true, false],
    ["nothing, header required", {}, true, false],
    ["nothing, header optional (login/logout)", {}, false, true],
    ["same-site fetch metadata", { origin: "http://app.local:3000", "sec-fetch-site": "same-site" }, true, false],
    ["same-origin fetch metadata", { origin: "http://app.local:3000", "sec-fetch-site": "same-origin" }, true, true],
  ])("%s", (_name, headers, requireHeader, allowed) => {
    const got = failure(() => assertSameOrigin(req(headers), { requireHeader }));
    expect(got === "ok").toBe(allowed);
    if (got !== "ok") expect(got).toEqual({ status: 403, code: "csrf_rejected", audited: true });
  });
});
