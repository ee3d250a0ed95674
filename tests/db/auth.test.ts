// Login, session and logout: documented shapes, generic failures, bad bodies, throttling
// (per username and per client address, also under parallel attempts), and next-auth agreement.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { seedDemo, DEMO_PASSWORD, SPEC_API_KEY } from "@/lib/seed";
import { env } from "@/lib/env";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as createKey } from "@/app/api/api-keys/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { PATCH as patchBuyer } from "@/app/api/admin/buyers/[id]/route";
import { authOptions } from "@/lib/auth/session";
import { decode } from "next-auth/jwt";
import { call, cookieFor, seedWorld, type World } from "./helpers/api";

const WINDOW = env.LOGIN_WINDOW_SECONDS;

function attempt(username: string, password: string, ip = "203.0.113.7", extra: Record<string, string> = {}) {
  return call(login, "POST", "/api/auth/login", {
    body: { username, password },
    headers: { "x-forwarded-for": ip, ...extra },
  });
}

function cookieFrom(res: { headers: Headers }): string {
  const set = res.headers.get("set-cookie") ?? "";
  return set.split(";")[0];
}

describe("POST /api/auth/login", () => {
  it.each([
    ["buyer1", { role: "buyer", fullName: "Bailey Buyer", email: "buyer1@summithomepros.example" }, "buyerId"],
    ["seller1", { role: "seller", fullName: "Sam Seller", email: "seller1@topoffunnel.example" }, "sellerId"],
    ["admin", { role: "admin", fullName: "Avery Admin", email: "admin@titanleads.example" }, null],
  ] as const)(
    "%s gets the documented body, its account id, and a working session cookie",
    async (username, expected, idField) => {
      await seedDemo(prisma, { history: false });
      const dbUser = await prisma.user.findUniqueOrThrow({ where: { username } });
      const res = await attempt(username, DEMO_PASSWORD);
      expect(res.status).toBe(200);
      const want: Record<string, unknown> = { id: dbUser.id, username, ...expected };
      if (idField) want[idField] = dbUser[idField];
      expect(res.body).toEqual({ user: want });

      const setCookie = res.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/^next-auth\.session-token=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=lax/i);
      expect(setCookie).toMatch(/Path=\//);

      const who = await call(me, "GET", "/api/auth/me", { cookie: cookieFrom(res) });
      expect(who.status).toBe(200);
      expect(who.body).toEqual({ user: want });
      expect(await prisma.auditLog.count({ where: { action: "login.success", actorUserId: dbUser.id } })).toBe(1);
    },
  );

  it("accepts the username in any letter case", async () => {
    await seedDemo(prisma, { history: false });
    expect((await attempt("  Buyer1 ", DEMO_PASSWORD)).status).toBe(200);
  });

  it("answers a wrong password and an unknown user identically, and audits without the password", async () => {
    await seedDemo(prisma, { history: false });
    const wrong = await attempt("buyer1", "not-the-password");
    const unknown = await attempt("nobody", "not-the-password");
    const expected = { error: { code: "unauthorized", message: "Invalid username or password" } };
    expect(wrong).toMatchObject({ status: 401, body: expected });
    expect(unknown).toMatchObject({ status: 401, body: expected });
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const rows = await prisma.auditLog.findMany({ where: { action: "login.failure" } });
    expect(rows.map((r) => (r.details as { username: string }).username).sort()).toEqual(["buyer1", "nobody"]);
    expect(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("not-the-password");
    expect(rows.every((r) => r.ip === "203.0.113.7")).toBe(true);
  });

  it("refuses a suspended user with the right password (403), and the old session stops working at once", async () => {
    const world = await seedWorld();
    await prisma.user.update({ where: { id: world.buyer1.userId }, data: { status: "suspended" } });
    expect(await attempt("buyer1", DEMO_PASSWORD)).toMatchObject({
      status: 403,
      body: { error: { code: "forbidden", message: "This account is suspended" } },
    });
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.buyer1.cookie })).status).toBe(401);
  });

  const missing = "is required";
  it.each<[string, number, unknown, { field: string; issue: string }[] | null, string]>([
    [
      "empty object",
      400,
      {},
      [
        { field: "username", issue: missing },
        { field: "password", issue: missing },
      ],
      "validation_failed",
    ],
    ["no password", 400, { username: "buyer1" }, [{ field: "password", issue: missing }], "validation_failed"],
    [
      "blank username",
      400,
      { username: "   ", password: "x" },
      [{ field: "username", issue: "username is required" }],
      "validation_failed",
    ],
    [
      "empty password",
      400,
      { username: "buyer1", password: "" },
      [{ field: "password", issue: "password is required" }],
      "validation_failed",
    ],
    [
      "number password",
      400,
      { username: "buyer1", password: 12345 },
      [{ field: "password", issue: "Invalid input: expected string, received number" }],
      "validation_failed",
    ],
    ["array body", 400, [1, 2], [{ field: "(body)", issue: "got array" }], "invalid_json"],
    ["broken JSON", 400, '{"username":', null, "invalid_json"],
    ["empty body", 400, "", null, "invalid_json"],
  ])("bad body: %s → %i naming the field", async (_name, status, body, details, code) => {
    const res = await call(login, "POST", "/api/auth/login", { body });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    if (details) expect(res.body.error.details).toEqual(details);
  });

  it("sends a foreign-origin login away (login CSRF) but lets header-less clients like curl in", async () => {
    await seedDemo(prisma, { history: false });
    const foreign = await call(login, "POST", "/api/auth/login", {
      body: { username: "buyer1", password: DEMO_PASSWORD },
      origin: "https://evil.example",
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("csrf_rejected");
    const curl = await call(login, "POST", "/api/auth/login", {
      body: { username: "buyer1", password: DEMO_PASSWORD },
      origin: null,
    });
    expect(curl.status).toBe(200);
  });
});

describe("GET /api/auth/me and POST /api/auth/logout", () => {
  it("me: 401 without credentials, the key's account for an API key (the spec key included)", async () => {
    const world = await seedWorld();
    expect(await call(me, "GET", "/api/auth/me")).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized" } },
    });
    const viaKey = await call(me, "GET", "/api/auth/me", { key: SPEC_API_KEY });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body).toMatchObject({
      user: null,
      apiKey: { role: "seller", sellerId: world.seller1.sellerId, buyerId: null, status: "active" },
    });
    expect(JSON.stringify(viaKey.body)).not.toContain(SPEC_API_KEY);
  });

  it("me: a forged or foreign-secret cookie is 401", async () => {
    const world = await seedWorld();
    const [name, value] = world.buyer1.cookie.split("=");
    expect((await call(me, "GET", "/api/auth/me", { cookie: `${name}=${value.slice(0, -4)}AAAA` })).status).toBe(401);
    expect((await call(me, "GET", "/api/auth/me", { cookie: `${name}=garbage` })).status).toBe(401);
  });

  it("logout clears the cookie with the same attributes", async () => {
    const world = await seedWorld();
    const res = await call(logout, "POST", "/api/auth/logout", { cookie: world.buyer1.cookie });
    expect(res).toMatchObject({ status: 200, body: { message: "Logged out" } });
    const set = res.headers.get("set-cookie") ?? "";
    expect(set).toMatch(/^next-auth\.session-token=;/);
    expect(set).toMatch(/Max-Age=0/);
    expect(set).toMatch(/HttpOnly/i);
    expect((await call(logout, "POST", "/api/auth/logout", { origin: "https://evil.example" })).status).toBe(403);
  });

  it("the JSON login's cookie has next-auth's name and encoding (next-auth's own routes: e2e/auth.spec.ts)", async () => {
    const world = await seedWorld();
    const viaLogin = cookieFrom(await attempt("buyer1", DEMO_PASSWORD));
    expect(viaLogin.split("=")[0]).toBe(world.buyer1.cookie.split("=")[0]);
    const a = await call(me, "GET", "/api/auth/me", { cookie: viaLogin });
    const b = await call(me, "GET", "/api/auth/me", { cookie: await cookieFor(world.buyer1.user) });
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
  });
});

describe("login throttling", () => {
  it(`per (username, address): the ${env.LOGIN_MAX_FAILURES + 1}th failure within the window is 429 with Retry-After, even with the right password`, async () => {
    await seedDemo(prisma, { history: false });
    for (let i = 0; i < env.LOGIN_MAX_FAILURES; i++) {
      expect((await attempt("buyer1", "wrong", "198.51.100.200")).status).toBe(401);
    }
    const locked = await attempt("buyer1", DEMO_PASSWORD, "198.51.100.200");
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("rate_limited");
    const retry = Number(locked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(WINDOW - 30);
    expect(retry).toBeLessThanOrEqual(WINDOW);
    // Another account from the same address is unaffected.
    expect((await attempt("buyer2", DEMO_PASSWORD, "198.51.100.200")).status).toBe(200);
    expect(await prisma.auditLog.count({ where: { action: "login.throttled" } })).toBe(1);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "login.throttled" } });
    expect(entry.details).toMatchObject({ username: "buyer1", limit: "username_ip" });

    // Once the oldest failure leaves the window, one more try is allowed.
    await prisma.$executeRaw`UPDATE "LoginAttempt" SET "createdAt" = "createdAt" - make_interval(secs => ${WINDOW})
                             WHERE username = 'buyer1' AND id = (SELECT min(id) FROM "LoginAttempt" WHERE username = 'buyer1')`;
    expect((await attempt("buyer1", DEMO_PASSWORD, "198.51.100.200")).status).toBe(200);
  });

  // Failures from other addresses do not lock the real user out of theirs.
  it.each<[string, number, number]>([
    ["5 addresses, 1 failure each (the reported lockout)", 5, 1],
    ["2 addresses, the pair limit each", 2, 5],
  ])("%s: the right password from a fresh address still works", async (_name, addresses, each) => {
    await seedDemo(prisma, { history: false });
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < each; i++) expect((await attempt("admin", "wrong", `198.51.100.${a + 1}`)).status).toBe(401);
    }
    expect((await attempt("admin", DEMO_PASSWORD, "203.0.113.200")).status).toBe(200);
    if (each >= env.LOGIN_MAX_FAILURES)
      expect((await attempt("admin", DEMO_PASSWORD, "198.51.100.1")).status).toBe(200); // a success restarts the pairs too
  });

  it("global per-username limit: a guess spread over many addresses stops at LOGIN_USERNAME_MAX_FAILURES, for every address", async () => {
    await seedDemo(prisma, { history: false });
    const saved = env.LOGIN_USERNAME_MAX_FAILURES;
    env.LOGIN_USERNAME_MAX_FAILURES = 8;
    try {
      for (let i = 0; i < 8; i++) expect((await attempt("buyer1", "wrong", `198.51.100.${i + 1}`)).status).toBe(401);
      const locked = await attempt("buyer1", DEMO_PASSWORD, "203.0.113.201");
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
      const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "login.throttled" } });
      expect(entry.details).toMatchObject({ limit: "username" });
      expect((await attempt("buyer2", DEMO_PASSWORD, "203.0.113.201")).status).toBe(200);
    } finally {
      env.LOGIN_USERNAME_MAX_FAILURES = saved;
    }
  });

  it("a successful login restarts the username's count", async () => {
    await seedDemo(prisma, { history: false });
    const fail = () => attempt("seller1", "wrong");
    for (let i = 0; i < env.LOGIN_MAX_FAILURES - 1; i++) expect((await fail()).status).toBe(401);
    expect((await attempt("seller1", DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < env.LOGIN_MAX_FAILURES - 1; i++) expect((await fail()).status).toBe(401);
  });

  it(`per client address: after ${env.LOGIN_IP_MAX_FAILURES} failures from one address (any usernames), it is 429 there and only there`, async () => {
    await seedDemo(prisma, { history: false });
    for (let i = 0; i < env.LOGIN_IP_MAX_FAILURES; i++) {
      expect((await attempt(`guess${i}`, "wrong", "192.0.2.50")).status).toBe(401);
    }
    const blocked = await attempt("buyer1", DEMO_PASSWORD, "192.0.2.50");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // A client cannot escape by prepending its own X-Forwarded-For entry: the proxy's entry counts.
    expect((await attempt("buyer1", DEMO_PASSWORD, "10.9.9.9, 192.0.2.50")).status).toBe(429);
    expect((await attempt("buyer1", DEMO_PASSWORD, "192.0.2.51")).status).toBe(200);
    // A success from the blocked address's neighbours does not reset the address's count.
    expect((await attempt("buyer2", DEMO_PASSWORD, "192.0.2.50")).status).toBe(429);
  });

  it("parallel guesses for one username from one address: exactly the pair allowance gets a password check, the rest 429", async () => {
    await seedDemo(prisma, { history: false });
    const n = env.LOGIN_MAX_FAILURES + 7;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => attempt("buyer2", `wrong-${i}`, "198.51.100.77")),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(env.LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(n - env.LOGIN_MAX_FAILURES);
    expect(await prisma.loginAttempt.count({ where: { username: "buyer2", success: false } })).toBe(
      env.LOGIN_MAX_FAILURES,
    );
  });

  it("parallel guesses for one username from many addresses: exactly the global allowance gets through", async () => {
    await seedDemo(prisma, { history: false });
    const saved = env.LOGIN_USERNAME_MAX_FAILURES;
    env.LOGIN_USERNAME_MAX_FAILURES = 6;
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => attempt("buyer2", `wrong-${i}`, `198.51.100.${i + 1}`)),
      );
      expect(results.filter((r) => r.status === 401)).toHaveLength(6);
      expect(results.filter((r) => r.status === 429)).toHaveLength(4);
    } finally {
      env.LOGIN_USERNAME_MAX_FAILURES = saved;
    }
  });

  it("parallel guesses from one address: exactly the per-address allowance gets through", async () => {
    await seedDemo(prisma, { history: false });
    const n = env.LOGIN_IP_MAX_FAILURES + 5;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => attempt(`user${i}`, "wrong", "192.0.2.99")));
    expect(results.filter((r) => r.status === 401)).toHaveLength(env.LOGIN_IP_MAX_FAILURES);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
  });
});

// Ending a session ends it everywhere, at once, also for next-auth's renewal.
describe("sessions that end", () => {
  const patch = (
    world: World,
    handler: typeof patchUser | typeof patchBuyer,
    path: string,
    id: string,
    body: unknown,
  ) => call(handler, "PATCH", path, { cookie: world.admin.cookie, params: { id }, body });
  const events: [string, (w: World) => Promise<unknown>][] = [
    ["logout", (w) => call(logout, "POST", "/api/auth/logout", { cookie: w.buyer1.cookie })],
    [
      "user suspended",
      (w) => patch(w, patchUser, `/api/admin/users/${w.buyer1.userId}`, w.buyer1.userId, { status: "suspended" }),
    ],
    [
      "user suspended, then reactivated",
      async (w) => {
        await patch(w, patchUser, `/api/admin/users/${w.buyer1.userId}`, w.buyer1.userId, { status: "suspended" });
        await patch(w, patchUser, `/api/admin/users/${w.buyer1.userId}`, w.buyer1.userId, { status: "active" });
      },
    ],
    [
      "password reset",
      (w) =>
        patch(w, patchUser, `/api/admin/users/${w.buyer1.userId}`, w.buyer1.userId, {
          password: "a-brand-new-password",
        }),
    ],
    [
      "buyer account suspended, then reactivated",
      async (w) => {
        await patch(w, patchBuyer, `/api/admin/buyers/${w.buyer1.buyerId}`, String(w.buyer1.buyerId), {
          status: "suspended",
        });
        await patch(w, patchBuyer, `/api/admin/buyers/${w.buyer1.buyerId}`, String(w.buyer1.buyerId), {
          status: "active",
        });
      },
    ],
  ];

  it.each(events)("after %s the old cookie is refused everywhere and next-auth renews nothing", async (_name, end) => {
    const world = await seedWorld();
    const old = world.buyer1.cookie;
    expect((await call(me, "GET", "/api/auth/me", { cookie: old })).status).toBe(200);
    await end(world);
    expect((await call(me, "GET", "/api/auth/me", { cookie: old })).status).toBe(401);
    expect((await call(createKey, "POST", "/api/api-keys", { cookie: old, body: { name: "after" } })).status).toBe(401);
    // next-auth's session route and getServerSession run the jwt callback on each renewal; it refuses.
    const token = await decode({ token: old.split("=")[1], secret: process.env.AUTH_SECRET! });
    await expect(
      authOptions.callbacks!.jwt!({ token: token!, user: undefined as never, account: null }),
    ).rejects.toThrow(/session was ended/);
    // Other users' sessions are untouched.
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.buyer2.cookie })).status).toBe(200);
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.admin.cookie })).status).toBe(200);
  });

  it("a fresh login after logout works, and its token renews", async () => {
    const world = await seedWorld();
    await call(logout, "POST", "/api/auth/logout", { cookie: world.seller1.cookie });
    const fresh = cookieFrom(await attempt("seller1", DEMO_PASSWORD));
    expect((await call(me, "GET", "/api/auth/me", { cookie: fresh })).status).toBe(200);
    const token = await decode({ token: fresh.split("=")[1], secret: process.env.AUTH_SECRET! });
    await expect(
      authOptions.callbacks!.jwt!({ token: token!, user: undefined as never, account: null }),
    ).resolves.toMatchObject({ sub: world.seller1.userId });
    expect((await call(me, "GET", "/api/auth/me", { cookie: world.seller1.cookie })).status).toBe(401);
  });
});
