// The ownership rules every route and dashboard relies on (lib/auth/ownership.ts).
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { assertOwns, scopeBuyerId, scopeOwner, scopeSellerId } from "./ownership";
import type { Caller } from "./types";

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
    ["admin names none → all", () => scopeBuyerId(admin), undefined],
    ["buyer, no seller scope asked → none", () => scopeSellerId(buyer), undefined],
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
    ["buyer names a seller → 403", () => scopeSellerId(buyer, 9), { status: 403, code: "forbidden", audited: true }],
    [
      "buyer must have a seller scope (required) → 403",
      () => scopeSellerId(buyer, undefined, { required: true }),
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
    expect(scopeOwner(buyer, {})).toEqual({ buyerId: 5 });
    expect(scopeOwner(seller, { sellerId: "9" })).toEqual({ sellerId: 9 });
    expect(scopeOwner(admin, { sellerId: "2" })).toEqual({ buyerId: undefined, sellerId: 2 });
    expect(scopeOwner(admin, {})).toEqual({ buyerId: undefined, sellerId: undefined });
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
