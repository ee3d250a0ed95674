// Admin account management: buyers, sellers, users; strict bodies (no mass assignment), conflicts,
// and suspension taking effect at once.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/password";
import { GET as listBuyers, POST as createBuyer } from "@/app/api/admin/buyers/route";
import { GET as listSellers, POST as createSeller } from "@/app/api/admin/sellers/route";
import { PATCH as patchBuyer } from "@/app/api/admin/buyers/[id]/route";
import { PATCH as patchSeller } from "@/app/api/admin/sellers/[id]/route";
import { GET as listUsers, POST as createUser } from "@/app/api/admin/users/route";
import { GET as getUser, PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { call, cookieFor, seedWorld } from "./helpers/api";

const unknown = (field: string) => ({ field, issue: "unknown field; it is not accepted here" });

describe("buyers and sellers", () => {
  it("admin creates a buyer: balance starts at 0.00, credit limit as sent; listed afterwards", async () => {
    const world = await seedWorld();
    const res = await call(createBuyer, "POST", "/api/admin/buyers", {
      cookie: world.admin.cookie,
      body: { companyName: " Acme Leads ", email: "AP@Acme.example", creditLimit: "250.50" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      companyName: "Acme Leads",
      email: "ap@acme.example",
      status: "active",
      balance: "0.00",
      creditLimit: "250.50",
      createdAt: expect.any(String),
    });
    const list = await call(listBuyers, "GET", "/api/admin/buyers", { cookie: world.admin.cookie });
    expect(list.body.map((b: { companyName: string }) => b.companyName)).toEqual([
      "Summit Home Pros",
      "Shield Insurance Partners",
      "Acme Leads",
    ]);
    const paged = await call(listBuyers, "GET", "/api/admin/buyers?limit=1&offset=2", { cookie: world.admin.cookie });
    expect(paged.body.map((b: { id: number }) => b.id)).toEqual([res.body.id]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "buyer.created" } });
    expect(audit).toMatchObject({ actorUserId: world.admin.userId, targetId: String(res.body.id) });
  });

  it("admin creates a seller", async () => {
    const world = await seedWorld();
    const res = await call(createSeller, "POST", "/api/admin/sellers", {
      cookie: world.admin.cookie,
      body: { companyName: "Acme Media", status: "suspended" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ companyName: "Acme Media", email: null, status: "suspended", balance: "0.00" });
    const list = await call(listSellers, "GET", "/api/admin/sellers?status=suspended", { cookie: world.admin.cookie });
    expect(list.body.map((s: { id: number }) => s.id)).toEqual([res.body.id]);
  });

  it.each<[string, number, string, unknown, { field: string; issue: string }[]]>([
    ["a balance (mass assignment)", 400, "buyers", { companyName: "A", balance: "1000000.00" }, [unknown("balance")]],
    ["an id", 400, "buyers", { companyName: "A", id: 77 }, [unknown("id")]],
    ["no company name", 400, "buyers", { email: "a@b.example" }, [{ field: "companyName", issue: "is required" }]],
    ["blank company name", 400, "sellers", { companyName: "  " }, [{ field: "companyName", issue: "is required" }]],
    [
      "a bad email",
      400,
      "sellers",
      { companyName: "A", email: "nope" },
      [{ field: "email", issue: "must be an email address" }],
    ],
    [
      "a negative credit limit",
      400,
      "buyers",
      { companyName: "A", creditLimit: "-5" },
      [{ field: "creditLimit", issue: "must be an amount between 0 and 1000000.00 with at most 2 decimals" }],
    ],
    [
      "three decimals",
      400,
      "buyers",
      { companyName: "A", creditLimit: "1.005" },
      [{ field: "creditLimit", issue: "must be an amount between 0 and 1000000.00 with at most 2 decimals" }],
    ],
    [
      "an unknown status",
      400,
      "sellers",
      { companyName: "A", status: "deleted" },
      [{ field: "status", issue: 'Invalid option: expected one of "active"|"suspended"' }],
    ],
  ])("refuses %s", async (_name, status, kind, body, details) => {
    const world = await seedWorld();
    const handler = kind === "buyers" ? createBuyer : createSeller;
    const res = await call(handler, "POST", `/api/admin/${kind}`, { cookie: world.admin.cookie, body });
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      error: { code: "validation_failed", message: "Request body failed validation", details },
    });
    expect(await prisma.buyer.count()).toBe(2);
    expect(await prisma.seller.count()).toBe(2);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=abc", "limit"],
    ["status=gone", "status"],
  ])("bad listing query %s → 400 naming %s", async (query, field) => {
    const world = await seedWorld();
    const res = await call(listBuyers, "GET", `/api/admin/buyers?${query}`, { cookie: world.admin.cookie });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });
});

describe("editing and suspending accounts", () => {
  it("suspending a buyer account stops its users' sessions and its keys on the next request", async () => {
    const world = await seedWorld();
    const id = String(world.buyer1.buyerId);
    const patch = (body: unknown) =>
      call(patchBuyer, "PATCH", `/api/admin/buyers/${id}`, { cookie: world.admin.cookie, params: { id }, body });
    const res = await patch({ status: "suspended", creditLimit: "500.00", email: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: world.buyer1.buyerId,
      status: "suspended",
      creditLimit: "500.00",
      email: null,
      balance: "25000.00",
    });
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.buyer1.cookie })).status).toBe(401);
    expect((await call(me, "GET", "/api/auth/me", { key: world.buyer1.key })).status).toBe(401);
    expect(
      (await call(login, "POST", "/api/auth/login", { body: { username: "buyer1", password: "demo-password" } }))
        .status,
    ).toBe(403);
    // Other accounts are untouched.
    expect((await call(me, "GET", "/api/auth/me", { key: world.buyer2.key })).status).toBe(200);

    expect((await patch({ status: "active" })).status).toBe(200);
    expect((await call(me, "GET", "/api/auth/me", { key: world.buyer1.key })).status).toBe(200);
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { action: "buyer.updated" },
      orderBy: { id: "asc" },
    });
    expect(entry.details).toEqual({
      changed: ["email", "creditLimit", "status"],
      status: "suspended",
      email: null,
      creditLimitCents: 50000,
    });
  });

  it("suspending a seller account stops the spec key", async () => {
    const world = await seedWorld();
    const id = String(world.seller1.sellerId);
    const res = await call(patchSeller, "PATCH", `/api/admin/sellers/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body: { status: "suspended" },
    });
    expect(res.body).toMatchObject({ status: "suspended" });
    expect(
      (await call(me, "GET", "/api/auth/me", { headers: { token: "be53740f04b40724b950c95d71e2528d" } })).status,
    ).toBe(401);
  });

  it.each<[string, number, "buyers" | "sellers", string, unknown, string]>([
    [
      "a balance (money moves only through the ledger)",
      400,
      "buyers",
      "1",
      { balance: "99999.00" },
      "validation_failed",
    ],
    ["a credit limit on a seller", 400, "sellers", "1", { creditLimit: "5.00" }, "validation_failed"],
    ["an empty change", 400, "buyers", "1", {}, "validation_failed"],
    ["an unknown buyer", 404, "buyers", "999", { status: "active" }, "not_found"],
    ["a non-numeric id", 404, "sellers", "abc", { status: "active" }, "not_found"],
  ])("PATCH refuses %s", async (_name, status, kind, id, body, code) => {
    const world = await seedWorld();
    const handler = kind === "buyers" ? patchBuyer : patchSeller;
    const res = await call(handler, "PATCH", `/api/admin/${kind}/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body,
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect((await prisma.buyer.findUniqueOrThrow({ where: { id: world.buyer1.buyerId! } })).balance.toFixed(2)).toBe(
      "25000.00",
    );
  });
});

describe("users", () => {
  const base = {
    username: "Jo.Buyer",
    password: "correct-horse-battery",
    role: "buyer",
    fullName: "Jo Buyer",
    email: "jo@summit.example",
  };

  it("admin creates a buyer user who can log in and lands on the buyer's account", async () => {
    const world = await seedWorld();
    const res = await call(createUser, "POST", "/api/admin/users", {
      cookie: world.admin.cookie,
      body: { ...base, buyerId: world.buyer1.buyerId },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      username: "jo.buyer",
      role: "buyer",
      fullName: "Jo Buyer",
      email: "jo@summit.example",
      status: "active",
      buyerId: world.buyer1.buyerId,
      sellerId: null,
      lastLoginAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain("correct-horse");
    const row = await prisma.user.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "correct-horse-battery")).toBe(true);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.created" } });
    expect(JSON.stringify(audit.details)).not.toContain("correct-horse");

    const signedIn = await call(login, "POST", "/api/auth/login", {
      body: { username: "jo.buyer", password: "correct-horse-battery" },
    });
    expect(signedIn.body.user).toMatchObject({ role: "buyer", buyerId: world.buyer1.buyerId });

    const listed = await call(listUsers, "GET", `/api/admin/users?buyerId=${world.buyer1.buyerId}`, {
      cookie: world.admin.cookie,
    });
    expect(listed.body.map((u: { username: string }) => u.username).sort()).toEqual(["buyer1", "jo.buyer"]);
    const sellers = await call(listUsers, "GET", "/api/admin/users?role=seller", { cookie: world.admin.cookie });
    expect(sellers.body.map((u: { username: string }) => u.username).sort()).toEqual(["seller1", "seller2"]);
  });

  it.each([
    ["buyerId", "0", "buyer"],
    ["sellerId", "0", "seller"],
    ["buyerId", "9999999999", "buyer"],
    ["sellerId", "1e3", "seller"],
  ])("GET /api/admin/users refuses %s=%s with a 400 naming the field", async (field, value, kind) => {
    const world = await seedWorld();
    const r = await call(listUsers, "GET", `/api/admin/users?${field}=${value}`, { cookie: world.admin.cookie });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ field, issue: `must be a positive integer ${kind} id` }]);
  });

  it("the same username twice, even at once, creates one user; the other gets 409", async () => {
    const world = await seedWorld();
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        call(createUser, "POST", "/api/admin/users", {
          cookie: world.admin.cookie,
          body: { ...base, buyerId: world.buyer1.buyerId },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body).toEqual({
      error: {
        code: "conflict",
        message: "The username jo.buyer is taken",
        details: [{ field: "username", issue: "already in use" }],
      },
    });
    expect(await prisma.user.count({ where: { username: "jo.buyer" } })).toBe(1);
  });

  it.each<[string, Record<string, unknown>, { field: string; issue: string }[]]>([
    ["a buyer without buyerId", { role: "buyer" }, [{ field: "buyerId", issue: "is required for role buyer" }]],
    [
      "a seller with a buyerId",
      { role: "seller", buyerId: 1, sellerId: 1 },
      [{ field: "buyerId", issue: "not allowed for role seller" }],
    ],
    [
      "an admin with an account",
      { role: "admin", sellerId: 1 },
      [{ field: "sellerId", issue: "not allowed for role admin" }],
    ],
    [
      "an unknown role",
      { role: "owner", buyerId: 1 },
      [{ field: "role", issue: 'Invalid option: expected one of "admin"|"buyer"|"seller"' }],
    ],
    [
      "a short password",
      { password: "short", buyerId: 1 },
      [{ field: "password", issue: "must be at least 10 characters" }],
    ],
    [
      "a bad username",
      { username: "a b", buyerId: 1 },
      [{ field: "username", issue: "3-50 characters: letters, digits, . _ -" }],
    ],
    ["a password hash (mass assignment)", { buyerId: 1, passwordHash: "$argon2id$x" }, [unknown("passwordHash")]],
    ["lastLoginAt", { buyerId: 1, lastLoginAt: "2026-01-01T00:00:00Z" }, [unknown("lastLoginAt")]],
    ["a missing buyer account", { buyerId: 999 }, [{ field: "buyerId", issue: "no account with this id" }]],
  ])("refuses %s", async (_name, change, details) => {
    const world = await seedWorld();
    const res = await call(createUser, "POST", "/api/admin/users", {
      cookie: world.admin.cookie,
      body: { ...base, ...change },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details).toEqual(details);
    expect(await prisma.user.count()).toBe(5);
  });

  it("suspending a user ends its open session on the next request; reactivating does not revive it", async () => {
    const world = await seedWorld();
    const id = world.seller2.userId;
    const patch = (body: unknown) =>
      call(patchUser, "PATCH", `/api/admin/users/${id}`, { cookie: world.admin.cookie, params: { id }, body });
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.seller2.cookie })).status).toBe(200);
    const res = await patch({ status: "suspended" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: "suspended", username: "seller2" });
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.seller2.cookie })).status).toBe(401);
    // The account's API keys belong to the account, not the user: they keep working.
    expect((await call(me, "GET", "/api/auth/me", { key: world.seller2.key })).status).toBe(200);
    expect((await patch({ status: "active" })).status).toBe(200);
    // The old token stays dead (its session version moved); the user signs in again.
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.seller2.cookie })).status).toBe(401);
    const fresh = await cookieFor({
      ...world.seller2.user,
      sessionVersion: (await prisma.user.findUniqueOrThrow({ where: { id } })).sessionVersion,
    });
    expect((await call(me, "GET", "/api/auth/me", { cookie: fresh })).status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "user.updated", targetId: id } })).toBe(2);
  });

  it("a password reset replaces the hash and is audited without the password", async () => {
    const world = await seedWorld();
    const id = world.buyer2.userId;
    const res = await call(patchUser, "PATCH", `/api/admin/users/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body: { password: "a-brand-new-password" },
    });
    expect(res.status).toBe(200);
    const ok = await call(login, "POST", "/api/auth/login", {
      body: { username: "buyer2", password: "a-brand-new-password" },
    });
    expect(ok.status).toBe(200);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "user.updated" } });
    expect(entry.details).toEqual({ changed: ["password"], status: null });
  });

  it.each<[string, number, unknown, string]>([
    ["role (no escalation by PATCH)", 400, { role: "admin" }, "validation_failed"],
    ["buyerId (no moving users between accounts)", 400, { buyerId: 2 }, "validation_failed"],
    ["an empty change", 400, {}, "validation_failed"],
    ["suspending oneself", 422, "self", "unprocessable"],
  ])("PATCH refuses %s", async (_name, status, body, code) => {
    const world = await seedWorld();
    const id = body === "self" ? world.admin.userId : world.buyer1.userId;
    const res = await call(patchUser, "PATCH", `/api/admin/users/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body: body === "self" ? { status: "suspended" } : body,
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    const u = await prisma.user.findUniqueOrThrow({ where: { id } });
    expect(u.status).toBe("active");
    expect(u.role).toBe(body === "self" ? "admin" : "buyer");
  });

  it.each(["not-a-uuid", "00000000-0000-0000-0000-000000000000"])("unknown user %s → 404", async (id) => {
    const world = await seedWorld();
    expect(
      (await call(getUser, "GET", `/api/admin/users/${id}`, { cookie: world.admin.cookie, params: { id } })).status,
    ).toBe(404);
    const patched = await call(patchUser, "PATCH", `/api/admin/users/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body: { fullName: "X" },
    });
    expect(patched.status).toBe(404);
  });
});
