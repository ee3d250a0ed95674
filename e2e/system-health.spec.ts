// Observability in a real browser against the production server: a seller's ping shows up in the
// admin's /api/metrics scrape and on the system-health page; request ids come back.
import { expect, test } from "@playwright/test";
import { login, shot } from "./helpers";

const SELLER_KEY = "be53740f04b40724b950c95d71e2528d";
const ping = {
  vertical: "home_services",
  subVertical: "plumbing",
  consumerState: "CA",
  consumerZip: "90210",
  leadData: { homeowner: true, project_type: "repair" },
};

test("metrics scrape and the system-health page", async ({ page, request }) => {
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/leads/ping", {
      data: ping,
      headers: { authorization: `Bearer ${SELLER_KEY}`, "x-request-id": `e2e-ping-${i}` },
    });
    expect(res.status()).toBe(200);
    expect(res.headers()["x-request-id"]).toBe(`e2e-ping-${i}`);
  }
  // One full lead, so the outcome chart and titan_leads_total have something to show.
  const phone = `614${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`;
  const lead = await request.post("/api/leads/ingest", {
    headers: { authorization: `Bearer ${SELLER_KEY}`, "x-request-id": "e2e-ingest" },
    data: {
      ...ping,
      sourceType: "arb_purchase",
      consumerName: "Jamie Rivera",
      consumerEmail: `jamie.${Date.now()}@gmail.com`,
      consumerPhone: phone,
      consumerCity: "Beverly Hills",
      cost: "28.00",
      consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
    },
  });
  expect(lead.status()).toBe(200);
  expect(lead.headers()["x-request-id"]).toBe("e2e-ingest");
  expect((await request.get("/api/metrics")).status()).toBe(401);

  await login(page, "admin");
  const scrape = await page.request.get("/api/metrics");
  expect(scrape.status()).toBe(200);
  const text = await scrape.text();
  // (label order is prom-client's: instance_id may come first)
  expect(text).toMatch(
    /^http_request_duration_seconds_count\{(?=[^}]*instance_id="[^"]+")[^}]*route="\/api\/leads\/ping",method="POST",status="200"[^}]*\} ([5-9]|\d\d+)$/m,
  );
  expect(text).toMatch(/^titan_pings_total\{(?=[^}]*instance_id=)[^}]*result="priced"[^}]*\} ([5-9]|\d\d+)$/m);
  expect(text).toMatch(/^titan_leads_total\{(?=[^}]*instance_id=)[^}]*outcome="(sold|unsold|rejected)"[^}]*\} 1$/m);
  expect(text).toMatch(/^titan_delivery_queue_depth\{(?=[^}]*instance_id=)[^}]*status="pending"[^}]*\} \d+$/m);

  await page.goto("/admin/system");
  await expect(page.getByRole("heading", { name: "System health" })).toBeVisible();
  await expect(page.getByText("POST /api/leads/ping")).toBeVisible();
  await expect(page.getByRole("link", { name: "System health" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Open circuit breakers")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await shot(page, "admin-system-health");
});
