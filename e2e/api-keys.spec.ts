// API keys from the dashboard: create (the secret is shown once), revoke. Its own file so that it
// does not hold up the serial dashboard flows (it needs the login and API-key endpoints).
import { expect, test } from "@playwright/test";
import { login, shot as rawShot } from "./helpers";
import type { Page } from "@playwright/test";

async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await rawShot(page, name);
}

test("buyer creates and revokes an API key; the secret is shown once", async ({ page }) => {
  await login(page, "buyer1");
  await page.goto("/buyer/api-keys");
  const keyName = `CRM integration ${Date.now() % 100000}`;
  await page.getByLabel("Key name").fill(keyName);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveText(/\S{20,}/);
  await shot(page, "buyer-api-keys");
  const keyRow = page.getByRole("row").filter({ hasText: keyName });
  page.once("dialog", (d) => d.accept());
  const revoked = page.waitForResponse((r) => r.request().method() === "DELETE" && r.url().includes("/api/api-keys/"));
  await keyRow.getByRole("button", { name: "Revoke" }).click();
  await expect(keyRow.getByText("revoked")).toBeVisible();
  expect((await revoked).ok()).toBe(true);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: keyName }).getByText("revoked")).toBeVisible();
});

test("admin adds a buyer account and a user for it", async ({ page }) => {
  const company = `Acme Roofing ${Date.now() % 100000}`;
  await login(page, "admin");
  await page.goto("/admin/buyers");
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Billing email").fill("billing@acme-roofing.example");
  await page.getByLabel("Credit limit (USD)").fill("500.00");
  await page.getByRole("button", { name: "Add buyer" }).click();
  await expect(page.getByRole("status")).toContainText("Buyer added");
  await expect(page.getByRole("link", { name: company })).toBeVisible();
  await shot(page, "admin-buyers-added");

  await page.goto("/admin/users");
  const username = `acme${Date.now() % 100000}`;
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Full name").fill("Alex Acme");
  await page.getByLabel("Email").fill("alex@acme-roofing.example");
  await page.getByLabel("Initial password").fill("short");
  await page.getByLabel("Role").selectOption("buyer");
  await page.getByLabel("Buyer account").selectOption({ label: company });
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toContainText("User added");
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
});
