import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { SCREENSHOTS } from "./helpers";

// Viewport shots, not helpers.shot(): the full reference page is ~85,000 px tall.
async function viewShot(page: import("@playwright/test").Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

test("API docs are public and cover auth, rejection codes, the compliance endpoint and every operation", async ({
  page,
}) => {
  await page.goto("/docs");
  await expect(page).toHaveURL(/\/docs$/); // no redirect to /login
  await expect(page.getByRole("heading", { level: 1, name: "API Documentation" })).toBeVisible();
  await expect(
    page.locator("#authentication").getByRole("heading", { name: "Authentication", exact: true }),
  ).toBeVisible();
  await expect(page.locator("#authentication")).toContainText("x-api-key");
  await expect(page.locator("#rejection-codes").getByRole("heading", { name: "Rejection reason codes" })).toBeVisible();
  await expect(page.locator("#rejection-codes").getByRole("cell", { name: "disposable_email" })).toBeVisible();
  await expect(
    page.locator("#compliance-endpoint").getByRole("heading", { name: "Field-name flexibility" }),
  ).toBeVisible();
  await expect(page.locator("#quickstart")).toContainText("/api/buyer-campaigns");
  for (const s of ["AL", "AR", "AZ", "IN", "KS", "LA", "MO", "MS", "OH", "SC", "TN", "TX"]) {
    await expect(page.locator("#compliance-endpoint").getByText(s, { exact: true }).first()).toBeVisible();
  }
  const sidebar = page.getByRole("complementary", { name: "Operations" });
  await expect(sidebar.getByRole("link", { name: /Ping: get a price/ })).toBeVisible();
  await viewShot(page, "docs");
  await page.goto("/docs#compliance-endpoint");
  await viewShot(page, "docs-compliance");
  await page.goto("/docs");
  await sidebar.getByRole("link", { name: /Return a purchased lead/ }).click();
  await expect(page).toHaveURL(/#op-returnlead$/);
  await expect(page.locator("#op-returnlead")).toContainText("/api/leads/{id}/return");
});

test("the OpenAPI document is served and lists every documented path", async ({ request }) => {
  const res = await request.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  for (const p of [
    "/api/leads/ping",
    "/api/leads/ingest",
    "/api/leads",
    "/api/leads/{id}/return",
    "/api/buyer-campaigns",
    "/api/transactions",
  ]) {
    expect(Object.keys(doc.paths)).toContain(p);
  }
});
