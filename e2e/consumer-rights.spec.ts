// Consumer rights in Chromium against the production server: a consumer opts out on the public
// page; a new lead with that phone is rejected as suppressed; the buyer that bought the earlier lead
// receives the signed consent.revoked webhook at a local receiver and sees the mark in its inbox;
// a deletion import of hashed identifiers erases the consumer while balances still reconcile.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import https from "node:https";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { shot } from "./helpers";

const KEY = "be53740f04b40724b950c95d71e2528d";
const auth = { Authorization: `Bearer ${KEY}` };
const PORT = Number(process.env.E2E_RECEIVER_PORT ?? 3641);
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

type Received = { type: string; data: Record<string, unknown>; verified: boolean };
const received: Received[] = [];
const secrets: string[] = [];
let server: https.Server;

test.beforeAll(async () => {
  server = https.createServer(
    { cert: readFileSync(process.env.E2E_TLS_CERT!), key: readFileSync(process.env.E2E_TLS_KEY!) },
    (req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const verified = secrets.some((s) => {
          try {
            new Webhook(s).verify(body, req.headers as Record<string, string>);
            return true;
          } catch {
            return false;
          }
        });
        const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
        received.push({ type: parsed.type, data: parsed.data, verified });
        res.writeHead(verified ? 200 : 401, { "content-type": "application/json" }).end("{}");
      });
    },
  );
  await new Promise<void>((r) => server.listen(PORT, "127.0.0.1", r));
});
test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

async function apiLogin(request: APIRequestContext, username: string) {
  const r = await request.post("/api/auth/login", { data: { username, password: "demo-password" } });
  expect(r.status()).toBe(200);
}

test("opt-out reaches the buyer, suppresses new leads; a hashed deletion import erases the consumer", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = { origin: baseURL! };
  // buyer1's campaigns deliver by signed webhook to the local receiver.
  const buyerCtx = await browser.newContext({ baseURL });
  await apiLogin(buyerCtx.request, "buyer1");
  const campaigns = (await (await buyerCtx.request.get("/api/buyer-campaigns")).json()) as { id: number }[];
  for (const c of campaigns) {
    const patched = await buyerCtx.request.patch(`/api/buyer-campaigns/${c.id}`, {
      headers: origin,
      data: { deliveryMethod: "webhook", deliveryConfig: { url: `https://127.0.0.1:${PORT}/hook` } },
    });
    expect(patched.status(), await patched.text()).toBe(200);
    const rotated = await buyerCtx.request.post(`/api/buyer-campaigns/${c.id}/rotate-secret`, { headers: origin });
    secrets.push((await rotated.json()).webhookSecret);
  }

  const phone = "6148201937";
  const lead = {
    vertical: "home_services",
    subVertical: "plumbing",
    sourceType: "arb_purchase",
    consumerName: "Rita Revoke",
    consumerEmail: "rita.revoke@gmail.com",
    consumerPhone: phone,
    consumerState: "CA",
    consumerZip: "90210",
    // seller1's payout rule pays the cost it states (at most 50.00): the post must state one.
    cost: "28.00",
    leadData: { project_type: "repair", homeowner: true },
    consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
  };
  const sold = await (await page.request.post("/api/leads/ingest", { headers: auth, data: lead })).json();
  expect(sold).toMatchObject({ success: true, status: "sold", buyerId: 1 });
  await expect
    .poll(() => received.filter((r) => r.type === "lead.sold" && r.data.leadId === sold.leadId).length)
    .toBeGreaterThan(0);

  // The consumer, on the public page: no login.
  await page.goto("/opt-out");
  await shot(page, "consumer-opt-out-form");
  await page.getByLabel("Phone number").fill("(614) 820-1937");
  await page.getByLabel("Stop contacting me").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("opt-out-confirm")).toContainText("(614) 820-1937");
  await shot(page, "consumer-opt-out-confirm");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("opt-out-done")).toContainText("Request received");
  await shot(page, "consumer-opt-out-done");

  // A new lead with that phone is refused as suppressed.
  const again = await (
    await page.request.post("/api/leads/ingest", {
      headers: auth,
      data: { ...lead, consumerEmail: "rita.other@gmail.com" },
    })
  ).json();
  expect(again.status).toBe("rejected");
  expect(again.rejectionReasons).toContain("suppressed_consumer");

  // The buyer's receiver got the signed notice.
  await expect
    .poll(
      () => received.find((r) => r.type === "consent.revoked" && r.data.leadId === sold.leadId)?.verified ?? false,
      { timeout: 20_000 },
    )
    .toBe(true);
  const notice = received.find((r) => r.type === "consent.revoked")!;
  expect(Object.keys(notice.data).sort()).toEqual(["leadId", "revokedAt"]);

  // ... and sees the mark in its inbox and on the lead.
  const buyerPage = await buyerCtx.newPage();
  await buyerPage.goto("/buyer/leads");
  const row = buyerPage.locator(`tr[data-lead-id="${sold.leadId}"]`);
  await expect(row.getByTestId("consent-revoked")).toContainText("Consent revoked on");
  await shot(buyerPage, "consumer-buyer-inbox-revoked");
  await buyerPage.goto(`/buyer/leads/${sold.leadId}`);
  await expect(buyerPage.getByTestId("consent-revoked")).toBeVisible();
  await shot(buyerPage, "consumer-buyer-lead-revoked");

  // A deletion file of hashed identifiers (DROP style) erases the consumer; money is untouched.
  const adminCtx = await browser.newContext({ baseURL });
  await apiLogin(adminCtx.request, "admin");
  const balanceBefore = (await (await buyerCtx.request.get("/api/buyers/1")).json()).balance;
  const file = [sha("rita.revoke@gmail.com"), sha(phone), "not-an-identifier"].join("\n");
  const imported = await adminCtx.request.post("/api/admin/deletion-requests/import", {
    headers: { ...origin, "content-type": "text/plain" },
    data: file,
  });
  const report = await imported.json();
  expect(report).toMatchObject({ status: "completed", received: 3, badLineCount: 1, badLines: [{ line: 3 }] });
  expect(report.deleted).toBeGreaterThanOrEqual(1);
  const detail = await (await buyerCtx.request.get(`/api/leads/${sold.leadId}`)).json();
  expect(detail).toMatchObject({
    consumerName: null,
    consumerPhone: null,
    consumerEmail: null,
    revenue: sold.revenue.toFixed(2),
  });
  expect(detail.erasedAt).not.toBeNull();
  expect((await (await buyerCtx.request.get("/api/buyers/1")).json()).balance).toBe(balanceBefore);
  await expect
    .poll(() => received.some((r) => r.type === "consumer.deleted" && r.data.leadId === sold.leadId && r.verified), {
      timeout: 20_000,
    })
    .toBe(true);

  await buyerPage.goto("/buyer/leads");
  await expect(buyerPage.locator(`tr[data-lead-id="${sold.leadId}"]`)).toContainText("Personal data erased");
  await shot(buyerPage, "consumer-buyer-inbox-erased");

  const adminPage = await adminCtx.newPage();
  await adminPage.goto("/admin/consumer-rights");
  await expect(adminPage.getByTestId("opt-out-queue")).toContainText("•••-1937");
  await expect(adminPage.getByTestId("deletion-imports")).toBeVisible();
  await shot(adminPage, "consumer-admin-queue");
  // The seller sees which of its leads were revoked.
  const sellerCtx = await browser.newContext({ baseURL });
  await apiLogin(sellerCtx.request, "seller1");
  const sellerPage = await sellerCtx.newPage();
  await sellerPage.goto("/seller/submissions");
  await expect(sellerPage.getByRole("columnheader", { name: /Consent revoked/ })).toBeVisible();
  const sellerList = await (await sellerCtx.request.get("/api/leads?consentRevoked=true")).json();
  expect(sellerList.map((l: { id: number }) => l.id)).toContain(sold.leadId);
  await shot(sellerPage, "consumer-seller-submissions");
  await sellerCtx.close();
  await buyerCtx.close();
  await adminCtx.close();
});
