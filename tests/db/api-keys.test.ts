// API keys: creation (secret once, hash only), listing, revocation effective on the very next
// request, every accepted way of sending a key, and CSRF rules for cookie-authenticated writes.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashApiKey } from "@/lib/api-keys";
import { SPEC_API_KEY } from "@/lib/seed";
import { GET as listKeys, POST as createKey } from "@/app/api/api-keys/route";
import { DELETE as revokeKey, GET as getKey } from "@/app/api/api-keys/[id]/route";
import { GET as me } from "@/app/api/auth/me/route";
import { env } from "@/lib/env";
import { BASE, call, cookieFor, seedWorld } from "./helpers/api";

const bigintSafe = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x));

describe("POST /api/api-keys", () => {
  it("returns the secret once (>=128 random bits), stores only its hash, and the key works", async () => {
    const world = await seedWorld();
    const res = await call(createKey, "POST", "/api/api-keys", { cookie: world.buyer1.cookie, body: { name: "CRM" } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        "buyerId",
        "createdAt",
        "id",
        "key",
        "lastUsedAt",
        "name",
        "prefix",
        "revokedAt",
        "role",
        "sellerId",
        "status",
      ].sort(),
    );
    expect(res.body).toMatchObject({
      name: "CRM",
      role: "buyer",
      buyerId: world.buyer1.buyerId,
      sellerId: null,
      status: "active",
      revokedAt: null,
    });
    const key: string = res.body.key;
    // tlg_ + 32 base64url characters = 192 bits.
    expect(key).toMatch(/^tlg_[A-Za-z0-9_-]{32}$/);
    expect(key.startsWith(res.body.prefix)).toBe(true);

    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(row.createdById).toBe(world.buyer1.userId);
    expect(bigintSafe(await prisma.apiKey.findMany())).not.toContain(key);
    const audit = await prisma.auditLog.findMany({ where: { action: "api_key.created" } });
    expect(audit).toHaveLength(1);
    expect(bigintSafe(audit)).not.toContain(key);

    const listed = await call(listKeys, "GET", "/api/api-keys", { cookie: world.buyer1.cookie });
    expect((await call(me, "GET", "/api/auth/me", { key })).status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listed.body.map((k: { id: string }) => k.id).sort()).toEqual([res.body.id, world.buyer1.keyId].sort());
    expect(bigintSafe(listed.body)).not.toContain(key);
    expect(listed.body.every((k: object) => !("key" in k) && !("hash" in k))).toBe(true);
  });

  it("keys are unique across many creations", async () => {
    const world = await seedWorld();
    const keys = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(createKey, "POST", "/api/api-keys", { cookie: world.seller2.cookie, body: {} }),
      ),
    );
    expect(
      keys.every((r) => r.status === 201 && r.body.name === "API key" && r.body.sellerId === world.seller2.sellerId),
    ).toBe(true);
    expect(new Set(keys.map((r) => r.body.key)).size).toBe(10);
  });

  it("admin creates a key for a named account; the key acts as that account", async () => {
    const world = await seedWorld();
    const res = await call(createKey, "POST", "/api/api-keys", {
      cookie: world.admin.cookie,
      body: { name: "ops", sellerId: world.seller2.sellerId },
    });
    expect(res.status).toBe(201);
    const who = await call(me, "GET", "/api/auth/me", { key: res.body.key });
    expect(who.body.apiKey).toMatchObject({ role: "seller", sellerId: world.seller2.sellerId });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.createdById).toBe(world.admin.userId);
  });

  it.each<[string, number, "admin" | "buyer1" | "seller1", unknown, string, { field: string; issue: string }[] | null]>(
    [
      [
        "role is not a field",
        400,
        "buyer1",
        { name: "x", role: "admin" },
        "validation_failed",
        [{ field: "role", issue: "unknown field; it is not accepted here" }],
      ],
      [
        "hash/prefix are not fields",
        400,
        "buyer1",
        { hash: "abc", prefix: "tlg_x" },
        "validation_failed",
        [
          { field: "hash", issue: "unknown field; it is not accepted here" },
          { field: "prefix", issue: "unknown field; it is not accepted here" },
        ],
      ],
      [
        "name too long",
        400,
        "buyer1",
        { name: "x".repeat(101) },
        "validation_failed",
        [{ field: "name", issue: "Too big: expected string to have <=100 characters" }],
      ],
      [
        "blank name",
        400,
        "buyer1",
        { name: "  " },
        "validation_failed",
        [{ field: "name", issue: "Too small: expected string to have >=1 characters" }],
      ],
      [
        "buyerId not a number",
        400,
        "buyer1",
        { buyerId: "1" },
        "validation_failed",
        [{ field: "buyerId", issue: "Invalid input: expected number, received string" }],
      ],
      [
        "both accounts",
        400,
        "admin",
        { buyerId: 1, sellerId: 1 },
        "validation_failed",
        [{ field: "sellerId", issue: "a key belongs to one account: send buyerId or sellerId, not both" }],
      ],
      [
        "admin names no account",
        400,
        "admin",
        { name: "x" },
        "validation_failed",
        [{ field: "buyerId", issue: "admins must send buyerId or sellerId" }],
      ],
      [
        "admin names a missing account",
        400,
        "admin",
        { buyerId: 999 },
        "validation_failed",
        [{ field: "buyerId", issue: "no account with this id" }],
      ],
      ["buyer names a seller account", 403, "buyer1", { sellerId: 1 }, "forbidden", null],
      ["seller names a buyer account", 403, "seller1", { buyerId: 1 }, "forbidden", null],
      ["not JSON", 400, "buyer1", "name=x&", "invalid_json", null],
    ],
  )("bad body: %s → %i", async (_name, status, who, body, code, details) => {
    const world = await seedWorld();
    const res = await call(createKey, "POST", "/api/api-keys", { cookie: world[who].cookie, body });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    if (details) expect(res.body.error.details).toEqual(details);
    expect(await prisma.apiKey.count()).toBe(5); // the seed's key + one per buyer/seller; nothing new
  });

  it("an anonymous caller with a broken body learns only 401", async () => {
    await seedWorld();
    const res = await call(createKey, "POST", "/api/api-keys", { body: "{nope" });
    expect(res.status).toBe(401);
  });
});

describe("sending a key", () => {
  it.each([
    ["Authorization: Bearer", { headers: (k: string) => ({ authorization: `Bearer ${k}` }) }],
    ["x-api-key header", { headers: (k: string) => ({ "x-api-key": k }) }],
    ["token header (the compliance endpoint's wording)", { headers: (k: string) => ({ token: k }) }],
    ...["token", "Token", "TOKEN", "api_key", "apiKey", "API_KEY", "api-key"].map(
      (field) => [`body field ${field}`, { body: (k: string) => ({ [field]: k, name: "via body" }) }] as const,
    ),
  ] as const)("accepted as %s (recognised, and refused for key management: 403, not 401)", async (_name, how) => {
    const world = await seedWorld();
    const k = world.seller1.key!;
    const headers = "headers" in how ? how.headers(k) : {};
    const body = "body" in how ? how.body(k) : { name: "via header" };
    const res = await call(createKey, "POST", "/api/api-keys", { headers, body, origin: null });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/signed-in session/);
    if ("headers" in how) {
      const who = await call(me, "GET", "/api/auth/me", { headers });
      expect(who.body.apiKey).toMatchObject({ sellerId: world.seller1.sellerId });
    }
  });

  it("the spec's demo key for seller1 is an ordinary key", async () => {
    const world = await seedWorld();
    const res = await call(me, "GET", "/api/auth/me", { headers: { "x-api-key": SPEC_API_KEY } });
    expect(res.status).toBe(200);
    expect(res.body.apiKey).toMatchObject({ role: "seller", sellerId: world.seller1.sellerId });
  });

  it.each([
    ["an unknown key", "tlg_not-a-real-key-at-all-000000000"],
    ["an empty bearer", ""],
    ["a next-auth JWT as bearer", null],
  ])("401 for %s, even next to a valid session cookie", async (_name, bad) => {
    const world = await seedWorld();
    const token = bad ?? world.buyer1.cookie.split("=")[1];
    const res = await call(listKeys, "GET", "/api/api-keys", {
      cookie: world.buyer1.cookie,
      headers: { authorization: `Bearer ${token}` },
    });
    // An empty bearer carries no key: the cookie decides.
    expect(res.status).toBe(bad === "" ? 200 : 401);
  });

  it("a suspended account's keys stop working", async () => {
    const world = await seedWorld();
    await prisma.seller.update({ where: { id: world.seller1.sellerId! }, data: { status: "suspended" } });
    expect((await call(me, "GET", "/api/auth/me", { key: SPEC_API_KEY })).status).toBe(401);
    expect((await call(me, "GET", "/api/auth/me", { key: world.seller2.key })).status).toBe(200);
  });
});

describe("DELETE /api/api-keys/{id}", () => {
  it("revokes: the very next request with the key is 401, and the key shows as revoked", async () => {
    const world = await seedWorld();
    const key = world.buyer2.key!;
    expect((await call(me, "GET", "/api/auth/me", { key })).status).toBe(200);
    const res = await call(revokeKey, "DELETE", `/api/api-keys/${world.buyer2.keyId}`, {
      cookie: world.buyer2.cookie,
      params: { id: world.buyer2.keyId! },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: world.buyer2.keyId, status: "revoked" });
    expect(Date.parse(res.body.revokedAt)).not.toBeNaN();

    const after = await call(me, "GET", "/api/auth/me", { key });
    expect(after).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    const rejected = await prisma.auditLog.findFirstOrThrow({ where: { action: "auth.api_key_rejected" } });
    expect(rejected.targetId).toBe(world.buyer2.keyId);
    expect(rejected.details).toMatchObject({ reason: "revoked", path: "/api/auth/me", status: 401 });

    const shown = await call(getKey, "GET", `/api/api-keys/${world.buyer2.keyId}`, {
      cookie: world.buyer2.cookie,
      params: { id: world.buyer2.keyId! },
    });
    expect(shown.body.status).toBe("revoked");
  });

  it("a key can revoke itself; parallel revocations all answer 200 and are audited once", async () => {
    const world = await seedWorld();
    const id = world.seller2.keyId!;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(revokeKey, "DELETE", `/api/api-keys/${id}`, { cookie: world.seller2.cookie, params: { id } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.revokedAt)).size).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "api_key.revoked", targetId: id } })).toBe(1);

    const self = world.seller1.keyId!;
    const res = await call(revokeKey, "DELETE", `/api/api-keys/${self}`, {
      cookie: world.seller1.cookie,
      params: { id: self },
    });
    expect(res.status).toBe(200);
    expect((await call(me, "GET", "/api/auth/me", { key: world.seller1.key })).status).toBe(401);
  });

  it.each(["not-a-uuid", "00000000-0000-0000-0000-000000000000", "1"])("unknown id %s → 404", async (id) => {
    const world = await seedWorld();
    const res = await call(revokeKey, "DELETE", `/api/api-keys/${id}`, { cookie: world.buyer1.cookie, params: { id } });
    expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("another account's key is 404, untouched, and the attempt is audited", async () => {
    const world = await seedWorld();
    const id = world.buyer1.keyId!;
    const res = await call(revokeKey, "DELETE", `/api/api-keys/${id}`, { cookie: world.buyer2.cookie, params: { id } });
    expect(res).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: `No API key with id ${id}` } },
    });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "authz.denied" } });
    expect(entry).toMatchObject({ actorUserId: world.buyer2.userId, actorRole: "buyer" });
    expect(entry.details).toMatchObject({ reason: "not_owner", method: "DELETE", status: 404 });
  });
});

describe("CSRF: cookie-authenticated writes must come from this site", () => {
  const post = (opts: Parameters<typeof call>[3]) =>
    call(createKey, "POST", "/api/api-keys", { body: { name: "csrf" }, ...opts });

  it.each<[string, number, Record<string, string>, string | null]>([
    ["same Origin", 201, {}, BASE],
    ["same Referer, no Origin", 201, { referer: `${BASE}/buyer/keys` }, null],
    // The client writes Host and X-Forwarded-Host, so they prove nothing.
    ["Origin matching a forged Host header", 403, { host: "leads.example.com" }, "https://leads.example.com"],
    [
      "Origin matching a forged X-Forwarded-Host",
      403,
      { "x-forwarded-host": "leads.example.com" },
      "https://leads.example.com",
    ],
    ["same host, other scheme", 403, {}, BASE.replace("http:", "https:")],
    ["same host, other port", 403, {}, BASE.replace(/:\d+$/, ":3131")],
    ["Referer on another scheme", 403, { referer: `${BASE.replace("http:", "https:")}/buyer/keys` }, null],
    ["foreign Origin", 403, {}, "https://evil.example"],
    ["foreign Origin on a sibling port", 403, {}, "http://localhost:9999"],
    ["opaque Origin (null)", 403, {}, "null"],
    ["foreign Referer, no Origin", 403, { referer: "https://evil.example/page" }, null],
    ["no Origin and no Referer", 403, {}, null],
    ["Sec-Fetch-Site: cross-site", 403, { "sec-fetch-site": "cross-site" }, BASE],
  ])("%s → %i", async (_name, status, headers, origin) => {
    const world = await seedWorld();
    const res = await post({ cookie: world.buyer1.cookie, headers, origin });
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(res.body.error.code).toBe("csrf_rejected");
      expect(await prisma.apiKey.count({ where: { name: "csrf" } })).toBe(0);
      const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "auth.csrf_rejected" } });
      expect(entry.actorUserId).toBe(world.buyer1.userId);
    }
  });

  it("key-authenticated requests skip the Origin check (and key management then refuses the key itself)", async () => {
    const world = await seedWorld();
    for (const origin of ["https://evil.example", null]) {
      const res = await post({ key: world.buyer1.key, origin });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it.each<[string, Partial<{ APP_URL: string; NEXTAUTH_URL: string; EXTRA_ORIGINS: string }>, string, number]>([
    ["APP_URL's exact origin", { APP_URL: "https://leads.example.com" }, "https://leads.example.com", 201],
    [
      "APP_URL with a path: its origin",
      { APP_URL: "https://leads.example.com/app/" },
      "https://leads.example.com",
      201,
    ],
    ["http when APP_URL is https", { APP_URL: "https://leads.example.com" }, "http://leads.example.com", 403],
    ["another port than APP_URL's", { APP_URL: "https://leads.example.com" }, "https://leads.example.com:8443", 403],
    ["the request's own origin once APP_URL is set", { APP_URL: "https://leads.example.com" }, BASE, 403],
    ["NEXTAUTH_URL", { NEXTAUTH_URL: "http://localhost:4000" }, "http://localhost:4000", 201],
    [
      "a configured extra origin",
      { APP_URL: "https://leads.example.com", EXTRA_ORIGINS: "https://admin.example.com, http://localhost:5000" },
      "http://localhost:5000",
      201,
    ],
    ["a subdomain of APP_URL", { APP_URL: "https://leads.example.com" }, "https://evil.leads.example.com", 403],
  ])("configured origins: %s → %i", async (_name, config, origin, status) => {
    const saved = { APP_URL: env.APP_URL, NEXTAUTH_URL: env.NEXTAUTH_URL, EXTRA_ORIGINS: env.EXTRA_ORIGINS };
    Object.assign(env, { APP_URL: undefined, NEXTAUTH_URL: undefined, EXTRA_ORIGINS: "" }, config);
    try {
      const world = await seedWorld();
      // The session cookie's name follows APP_URL's scheme; build it under the same config.
      const cookie = await cookieFor(world.buyer1.user);
      const res = await post({ cookie, origin });
      expect(res.status).toBe(status);
    } finally {
      Object.assign(env, saved);
    }
  });

  it("reads (GET) with a cookie need no Origin", async () => {
    const world = await seedWorld();
    expect((await call(listKeys, "GET", "/api/api-keys", { cookie: world.buyer1.cookie, origin: null })).status).toBe(
      200,
    );
  });
});

describe("key management needs a signed-in session", () => {
  it.each<[string, "GET" | "POST" | "DELETE", "list" | "create" | "get" | "revoke"]>([
    ["list", "GET", "list"],
    ["create", "POST", "create"],
    ["show", "GET", "get"],
    ["revoke", "DELETE", "revoke"],
  ])("an API key cannot %s keys → 403 naming the session requirement", async (_what, method, which) => {
    const world = await seedWorld();
    const id = world.buyer1.keyId!;
    const handler = { list: listKeys, create: createKey, get: getKey, revoke: revokeKey }[which];
    const path = which === "list" || which === "create" ? "/api/api-keys" : `/api/api-keys/${id}`;
    const before = await prisma.apiKey.count({ where: { revokedAt: null } });
    const res = await call(handler, method, path, {
      key: world.buyer1.key,
      params: { id },
      body: method === "POST" ? { name: "minted" } : undefined,
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/signed-in session/) });
    expect(await prisma.apiKey.count({ where: { revokedAt: null } })).toBe(before);
    const withCookie = await call(handler, method, path, {
      cookie: world.buyer1.cookie,
      params: { id },
      body: method === "POST" ? { name: "ok" } : undefined,
    });
    expect(withCookie.status).toBeLessThan(300);
  });
});
