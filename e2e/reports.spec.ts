// Statements, CSV exports and the supply/demand gap report in a real browser: every download is
// read back and parsed as CSV; each page touched is screenshotted (e2e/screenshots/).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { login, shot as rawShot } from "./helpers";

async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await rawShot(page, name);
}

test.describe.configure({ mode: "serial" });

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

const SELLER_KEY = "be53740f04b40724b950c95d71e2528d";

/** Clicks a download link and parses what the browser saved. */
async function download(page: Page, link: ReturnType<Page["getByRole"]>) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(await file.failure()).toBeNull();
  const text = readFileSync((await file.path())!, "utf8");
  return { name: file.suggestedFilename(), text, rows: parse(text, { columns: true }) as Record<string, string>[] };
}

test("a seller's lead nobody buys goes unsold: the seller sees why, with a hostile name kept inert", async ({
  page,
  request,
}) => {
  // Wyoming: no demo campaign buys home services there, so every campaign of the vertical passes.
  const res = await request.post("/api/leads/ingest", {
    headers: { authorization: `Bearer ${SELLER_KEY}` },
    data: {
      vertical: "home_services",
      subVertical: "plumbing",
      sourceType: "arb_purchase",
      consumerName: '=HYPERLINK("http://evil.example","Click, me")',
      consumerEmail: `wy.${Date.now()}@gmail.com`,
      consumerPhone: `307${String(2000000 + Math.floor(Math.random() * 7_000_000))}`,
      consumerState: "WY",
      consumerZip: "82001",
      cost: "28.00", // seller1 is paid the cost it states (its payout rule)
      leadData: { project_type: "repair", homeowner: true },
      consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
    },
  });
  const body = await res.json();
  expect(body.status, JSON.stringify(body)).toBe("unsold");

  await login(page, "seller1");
  const unsold = page.getByTestId("unsold-breakdown");
  await expect(unsold.getByText("Why accepted leads went unsold")).toBeVisible();
  await expect(unsold.getByText("WY").first()).toBeVisible();
  await shot(page, "seller-stats-unsold");

  await page.getByRole("link", { name: "Submissions", exact: true }).click();
  const csv = await download(page, page.getByTestId("csv-download"));
  expect(csv.name).toMatch(/^leads-\d{4}-\d\d-\d\d\.csv$/);
  const mine = csv.rows.find((r) => r.id === String(body.leadId))!;
  expect(mine).toMatchObject({
    status: "unsold",
    consumerState: "WY",
    consumerName: `'=HYPERLINK("http://evil.example","Click, me")`,
  });
  expect(Object.keys(mine)).toContain("cost");

  await page.getByRole("link", { name: "Payouts", exact: true }).click();
  await expect(page.getByTestId("statement")).toBeVisible();
  await shot(page, "seller-payouts");
  const statement = await download(page, page.getByRole("link", { name: "Statement CSV" }));
  expect(statement.rows[0].type).toBe("opening_balance");
  expect(statement.rows.at(-1)!.type).toBe("closing_balance");
});

test("buyer: the Money page's statement reconciles, and both CSVs download and parse", async ({ page }) => {
  await login(page, "buyer1");
  await expect(page.getByTestId("campaign-passes")).toBeVisible();
  await shot(page, "buyer-overview-passes");
  await page.getByRole("link", { name: "Money", exact: true }).click();
  await expect(page.getByTestId("statement")).toBeVisible();
  await expect(page.getByText(/Reconciled: the ledger adds up/)).toBeVisible();
  await shot(page, "buyer-money-statement");
  const closing = (await page.getByTestId("closing-balance").innerText()).replace(/[$,]/g, "");

  const statement = await download(page, page.getByRole("link", { name: "Statement CSV" }));
  expect(statement.name).toMatch(/^statement-buyer-\d+-\d{4}-\d\d-01\.csv$/);
  expect(Number(statement.rows.at(-1)!.balance)).toBeCloseTo(Number(closing), 2);
  // The running balance adds up line by line.
  let running = Number(statement.rows[0].balance);
  for (const r of statement.rows.slice(1, -1)) {
    running = Math.round((running + Number(r.amount)) * 100) / 100;
    expect(Number(r.balance)).toBeCloseTo(running, 2);
  }

  const tx = await download(page, page.getByRole("link", { name: "Transactions CSV" }));
  expect(Object.keys(tx.rows[0])).toEqual([
    "id",
    "createdAt",
    "type",
    "amount",
    "balanceEffect",
    "status",
    "buyerId",
    "sellerId",
    "leadId",
    "saleId",
    "note",
  ]);

  await page.getByRole("link", { name: "Lead inbox", exact: true }).click();
  const inbox = await download(page, page.getByTestId("csv-download"));
  expect(inbox.rows.length).toBeGreaterThan(0);
  expect(inbox.rows.every((r) => r.status === "sold" || r.status === "returned")).toBe(true);
});

test("admin: the unsold-leads report renders a chart and a table; a cell lists its leads", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("link", { name: "Unsold leads", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Unsold leads", level: 1 })).toBeVisible();
  await expect(page.getByRole("figure", { name: /by reason/ }).getByRole("application")).toBeVisible();
  await expect(
    page
      .getByRole("figure", { name: /by reason/ })
      .locator(".recharts-bar-rectangle")
      .first(),
  ).toBeVisible();
  const table = page.getByTestId("gap-table");
  const wy = table.getByRole("row").filter({ hasText: "WY" }).first();
  await expect(wy).toBeVisible();
  await shot(page, "admin-unsold-report");

  await wy.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/leads\?status=unsold&.*state=WY/);
  await expect(page.getByTestId("admin-leads").getByRole("row").nth(1)).toBeVisible();
  await shot(page, "admin-leads-drilldown");
  const csv = await download(page, page.getByTestId("csv-download"));
  expect(csv.rows.length).toBeGreaterThan(0);
  expect(csv.rows.every((r) => r.status === "unsold" && r.consumerState === "WY")).toBe(true);
});
