// Security against the production server in Chromium: security headers and a nonce CSP that
// Next's own scripts pass (no violation on any page), the area layouts' server-side role check,
// safe `next` redirects, sessions that end, and a client address that X-Forwarded-For cannot forge.
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { login, shot } from "./helpers";

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

/** Records CSP violations and script errors on a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text()))
      problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  return problems;
}

async function countViolations(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: number }).__cspViolations ?? 0);
}

test("pages carry a nonce CSP and the static headers; API answers the static headers without the page CSP", async ({
  request,
}) => {
  for (const path of ["/", "/login", "/docs"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const h = res.headers();
    expect(h, path).toMatchObject(STATIC_HEADERS);
    const csp = h["content-security-policy"];
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    // The nonce is fresh per request, and Next put it on its scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await res.text(), path).toContain(`nonce="${nonce}"`);
    const again = (await request.get(path)).headers()["content-security-policy"];
    expect(again).not.toBe(csp);
  }
  for (const path of ["/api/health", "/api/openapi.json", "/api/auth/me"]) {
    const h = (await request.get(path)).headers();
    expect(h, path).toMatchObject(STATIC_HEADERS);
    expect(h["content-security-policy"], path).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  }
});

test("no CSP violation on any page, signed out and signed in, and the pages still work", async ({ page }) => {
  test.setTimeout(150_000);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", () => {
      const w = window as unknown as { __cspViolations?: number };
      w.__cspViolations = (w.__cspViolations ?? 0) + 1;
    });
  });
  const problems = watch(page);
  for (const path of ["/", "/docs"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await countViolations(page), path).toBe(0);
  }
  await expect(page.getByRole("heading").first()).toBeVisible();
  await shot(page, "security-docs");
  // The login form is a client component: signing in through it proves Next's scripts ran.
  for (const [user, paths] of [
    ["buyer1", ["/buyer", "/buyer/campaigns", "/buyer/leads", "/buyer/transactions", "/buyer/api-keys"]],
    ["seller1", ["/seller", "/seller/submissions", "/seller/try", "/seller/api-keys"]],
    ["admin", ["/admin", "/admin/buyers", "/admin/users", "/admin/suppressions"]],
  ] as const) {
    await page.context().clearCookies();
    await login(page, user);
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await countViolations(page), path).toBe(0);
    }
    await shot(page, `security-${user}`);
  }
  expect(problems).toEqual([]);
});

test("a buyer opening /admin is redirected by the server before anything of the admin area renders", async ({
  page,
}) => {
  await login(page, "buyer1");
  for (const path of ["/admin", "/admin/users", "/seller/submissions"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location, path).toBe("/buyer");
    expect(await res.text(), path).not.toContain("Suppression");
  }
  await page.context().clearCookies();
  const anon = await page.request.get("/admin/users?status=active", { maxRedirects: 0 });
  expect(anon.status()).toBe(307);
  expect(anon.headers().location).toBe(`/login?next=${encodeURIComponent("/admin/users?status=active")}`);
});

test("login's next= never leaves the site (the reported bypasses)", async ({ page, baseURL }) => {
  for (const next of ["/%5Cevil.example/x", "/%09/evil.example/x", "//evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel("Username").fill("buyer1");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect(page.url(), next).toBe(`${baseURL}/buyer`);
    // Already signed in: the server's 307 stays on the site too.
    const res = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(307);
    expect(res.headers().location, next).toBe("/buyer");
  }
  const ok = await page.request.get(`/login?next=${encodeURIComponent("/buyer/leads?q=a")}`, { maxRedirects: 0 });
  expect(ok.headers().location).toBe("/buyer/leads?q=a");
});

test("after logout the old cookie is dead everywhere, and next-auth's session route renews nothing", async ({
  page,
  context,
}) => {
  await login(page, "seller2");
  const cookie = (await context.cookies()).find((c) => c.name.includes("session-token"))!;
  const header = { cookie: `${cookie.name}=${cookie.value}` };
  expect((await page.request.get("/api/auth/me")).status()).toBe(200);
  const out = await page.request.post("/api/auth/logout", { headers: { origin: new URL(page.url()).origin } });
  expect(out.status()).toBe(200);
  const fresh = await page.context().browser()!.newContext();
  try {
    expect((await fresh.request.get("/api/auth/me", { headers: header })).status()).toBe(401);
    const session = await fresh.request.get("/api/auth/session", { headers: header });
    expect(await session.json()).toEqual({});
    expect(session.headers()["set-cookie"] ?? "").not.toMatch(new RegExp(`${cookie.name}=[^;]{20,}`));
    expect(
      (
        await fresh.request.post("/api/api-keys", {
          headers: { ...header, origin: new URL(page.url()).origin },
          data: { name: "x" },
        })
      ).status(),
    ).toBe(401);
  } finally {
    await fresh.close();
  }
});

/** A login POST from a chosen loopback address (a distinct socket peer without any proxy). */
let attempts = 0;
function loginFrom(localAddress: string, baseURL: string, forwardedFor: string): Promise<number> {
  const url = new URL("/api/auth/login", baseURL);
  // A new username each time: only the per-address limit is in play.
  const body = JSON.stringify({ username: `nobody${++attempts}`, password: "wrong" });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress,
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": forwardedFor,
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("the per-address login limit counts the socket's peer: a forged X-Forwarded-For per request does not escape it", async ({
  baseURL,
}) => {
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) statuses.push(await loginFrom("127.0.0.77", baseURL!, `198.51.100.${i + 1}`));
  // 20 failures (LOGIN_IP_MAX_FAILURES), then 429 whatever address the client claims.
  expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
  expect(statuses[20]).toBe(429);
  expect(await loginFrom("127.0.0.77", baseURL!, "203.0.113.99")).toBe(429);
  // Another real address is unaffected.
  expect(await loginFrom("127.0.0.78", baseURL!, "198.51.100.1")).toBe(401);
});
