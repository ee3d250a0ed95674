// Issue 19 in a real browser against the production server: a seller's ping shows up in the
// admin's /api/metrics scrape and on the system-health page; request ids come back.
import { expect, test } from "@playwright/test";
import { login, shot } from "./helpers";

const SELLER_KEY = "be53740f04b40724b950c95d71e2528d";
const ping = { vertical: "home_services", subVertical: "plumbing", consumerState: "CA", consumerZip: "90210", leadData: { homeowner: true, project_type: "repair" } };

test("metrics scrape and the system-health page", async ({ page, request }) => {
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/leads/ping", { data: ping, headers: { authorization: `Bearer ${SELLER_KEY}`, "x-request-id": `e2e-ping-${i}` } });
    expect(res.status()).toBe(200);
    expect(res.headers()["x-request-id"]).toBe(`e2e-ping-${i}`);
  }
  expect((await request.get("/api/metrics")).status()).toBe(401);

  await login(page, "admin");
  const scrape = await page.request.get("/api/metrics");
  expect(scrape.status()).toBe(200);
  const text = await scrape.text();
  expect(text).toMatch(/^http_request_duration_seconds_count\{route="\/api\/leads\/ping",method="POST",status="200",instance_id="[^"]+"\} ([5-9]|\d\d+)$/m);
  expect(text).toMatch(/^titan_pings_total\{result="\w+",instance_id="[^"]+"\} \d+$/m);
  expect(text).toMatch(/^titan_delivery_queue_depth\{status="pending",instance_id="[^"]+"\} \d+$/m);

  await page.goto("/admin/system");
  await expect(page.getByRole("heading", { name: "System health" })).toBeVisible();
  await expect(page.getByText("POST /api/leads/ping")).toBeVisible();
  await expect(page.getByRole("link", { name: "System health" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Open circuit breakers")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await shot(page, "admin-system-health");
});
