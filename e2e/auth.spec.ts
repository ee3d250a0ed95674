// Sessions in a real browser against the production server: the login form, role landing pages,
// next-auth and the JSON login agreeing on one session, CSRF, logout, and throttling over HTTP.
import { expect, test } from "@playwright/test";
import { login } from "./helpers";

for (const [username, home] of [
  ["buyer1", "/buyer"],
  ["seller1", "/seller"],
  ["admin", "/admin"],
] as const) {
  test(`${username} signs in with the form and lands on ${home}`, async ({ page }) => {
    await login(page, username);
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    // The cookie the JSON login set is the one next-auth reads.
    const session = await page.request.get("/api/auth/session");
    expect((await session.json()).user).toMatchObject({ username, role: username.replace(/\d$/, "") });
    const me = await page.request.get("/api/auth/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).user.username).toBe(username);
  });
}

test("next-auth's own credentials sign-in gives a session the JSON API accepts", async ({ page }) => {
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, username: "seller2", password: "demo-password", json: "true" },
  });
  expect(res.status()).toBe(200);
  const me = await page.request.get("/api/auth/me");
  expect(me.status()).toBe(200);
  expect((await me.json()).user).toMatchObject({ username: "seller2", role: "seller" });
});

test("cookie-authenticated writes: allowed from our pages, refused with a foreign Origin; logout ends the session", async ({
  page,
}) => {
  await login(page, "buyer2");
  // From our own page, the browser sends our Origin.
  const created = await page.evaluate(async () => {
    const r = await fetch("/api/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "e2e" }),
    });
    return { status: r.status, body: await r.json() };
  });
  expect(created.status).toBe(201);
  expect(created.body.key).toMatch(/^tlg_/);

  const forged = await page.request.post("/api/api-keys", {
    headers: { origin: "https://evil.example" },
    data: { name: "csrf" },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("csrf_rejected");

  // The new key works without any cookie or Origin; revoking it stops it at once.
  const anon = await page.context().browser()!.newContext();
  const viaKey = await anon.request.get("/api/auth/me", { headers: { authorization: `Bearer ${created.body.key}` } });
  expect(viaKey.status()).toBe(200);
  const revoked = await page.evaluate(
    async (id) => (await fetch(`/api/api-keys/${id}`, { method: "DELETE" })).status,
    created.body.id,
  );
  expect(revoked).toBe(200);
  expect((await anon.request.get("/api/auth/me", { headers: { "x-api-key": created.body.key } })).status()).toBe(401);
  await anon.close();

  const out = await page.evaluate(async () => (await fetch("/api/auth/logout", { method: "POST" })).status);
  expect(out).toBe(200);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});

test("repeated failures for one username get 429 with Retry-After", async ({ request }) => {
  // A made-up username (the X-Forwarded-For is ignored: no TRUST_PROXY), so other specs' logins are unaffected.
  const headers = { "x-forwarded-for": "10.77.0.1" };
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await request.post("/api/auth/login", {
      headers,
      data: { username: "nobody-e2e", password: `guess-${i}` },
    });
    statuses.push(res.status());
    if (res.status() === 429) expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
});
