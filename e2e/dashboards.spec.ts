// The dashboards in a real browser against the production server and its fresh demo database:
// buyer (campaigns, inbox, returns), seller (stats after a submission), admin (DNC → rejection),
// and a screenshot of every page (e2e/screenshots/, looked at by a person before merging).
import { expect, test, type Page } from "@playwright/test";
import { login, shot as rawShot } from "./helpers";

/** Screenshot once the page has hydrated (dates switch to the browser's locale after hydration). */
async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await rawShot(page, name);
}

test.describe.configure({ mode: "serial" });

// Uncaught errors in the browser (a crashed component, a failed hydration) fail the test.
let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** seller1's key from the compliance spec (seeds/001), seeded by lib/seed.ts. */
const SELLER_KEY = "be53740f04b40724b950c95d71e2528d";
const LIST_ID = "94ec4eec-d409-422b-abbd-bd9ee35ce08a";
const CAMPAIGN = `E2E Kansas Windows ${Date.now() % 100000}`;

/** A plausible, unique US mobile number (not a 555 test number, which validation rejects as fake). */
function phone(): string {
  return `913${4 + Math.floor(Math.random() * 5)}${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
}

async function campaignRow(page: Page) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: CAMPAIGN, exact: true }) });
}

test("buyer creates a campaign (with field-level errors first), edits it and pauses it", async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, "buyer1");
  await expect(page).toHaveURL(/\/buyer$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome back");
  await shot(page, "buyer-overview");

  await page.getByRole("link", { name: "Campaigns", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Campaigns" })).toBeVisible();
  await shot(page, "buyer-campaigns");

  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { name: "New campaign" })).toBeVisible();
  // Submitting the empty form shows the API's messages next to the fields they name.
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /highlighted fields/ })).toBeVisible();
  await expect(page.getByLabel("Campaign name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Price per lead (USD)")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "buyer-campaign-new-errors");

  await page.getByLabel("Campaign name").fill(CAMPAIGN);
  await page.getByLabel("Vertical", { exact: true }).selectOption("home_services");
  await page.getByLabel("Sub-vertical").selectOption("windows");
  await page.getByRole("checkbox", { name: "Kansas", exact: true }).check({ force: true });
  await page.getByLabel("Target ZIP codes").fill("66101, 66102");
  await page.getByRole("button", { name: "+ Add filter" }).click();
  await page.getByLabel("Filter 1 field").fill("homeowner");
  await page.getByLabel("Filter 1 value").fill("true");
  await page.getByLabel("Price per lead (USD)").fill("41.50");
  await page.getByLabel("Daily cap (leads)").fill("25");
  await page.getByLabel("Daily budget (USD)").fill("1000.00");
  await page.getByLabel("Return window (hours)").fill("72");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/buyer\/campaigns\/\d+\?created=1/);
  await expect(page.getByRole("heading", { name: CAMPAIGN })).toBeVisible();
  await shot(page, "buyer-campaign-edit");

  // Edit: a higher price, a schedule and the ZIPs removed.
  await page.getByLabel("Price per lead (USD)").fill("44.00");
  await page.getByLabel("Target ZIP codes").fill("");
  await page.getByText("Only buy during set hours").click();
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  // Every day, around the clock: the next test buys a lead whenever it runs.
  await page.getByLabel("From hour (0–23)").fill("0");
  await page.getByLabel("Until hour (1–24)").fill("24");
  await page.getByText("Sun", { exact: true }).click();
  await page.getByText("Sat", { exact: true }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Price per lead (USD)")).toHaveValue("44.00");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Chicago");

  // Delivery by signed webhook: a bad URL is refused beside the field, then the secret is shown once.
  await page.getByLabel("Delivery method").selectOption("webhook");
  await page.getByLabel("Webhook URL").fill("ftp://crm.example.com/hook");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Webhook URL")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Webhook URL").fill("https://crm.example.com/hook");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.getByRole("button", { name: "Generate a new signing secret" }).click();
  await expect(page.getByText(/^whsec_/)).toBeVisible();
  await shot(page, "buyer-campaign-webhook");
  // Back to portal delivery so the next test's sale needs no reachable webhook.
  await page.getByLabel("Delivery method").selectOption("portal");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Pause from the list in one click; the badge flips at once and stays after a reload.
  await page.getByRole("link", { name: "Campaigns", exact: true }).click();
  const row = await campaignRow(page);
  await expect(row.getByText("$44.00")).toBeVisible();
  const paused = page.waitForResponse(
    (r) => r.request().method() === "PATCH" && r.url().includes("/api/buyer-campaigns/"),
  );
  await row.getByRole("button", { name: `Pause ${CAMPAIGN}` }).click();
  await expect(row.getByText("paused", { exact: true })).toBeVisible();
  expect((await paused).ok()).toBe(true);
  await page.reload();
  await expect((await campaignRow(page)).getByText("paused", { exact: true })).toBeVisible();
  await shot(page, "buyer-campaigns-paused");
});

test("a lead ingested through the API appears in the inbox; the buyer returns it and sees the credit", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await login(page, "buyer1");
  await page.goto("/buyer/campaigns");
  const row = await campaignRow(page);
  const resumed = page.waitForResponse(
    (r) => r.request().method() === "PATCH" && r.url().includes("/api/buyer-campaigns/"),
  );
  await row.getByRole("button", { name: `Resume ${CAMPAIGN}` }).click();
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  expect((await resumed).ok()).toBe(true);

  const res = await request.post("/api/leads/ingest", {
    headers: { authorization: `Bearer ${SELLER_KEY}` },
    data: {
      vertical: "home_services",
      subVertical: "windows",
      sourceType: "owned_media",
      consumerName: "Wendy Window",
      consumerEmail: `wendy.${Date.now()}@example.com`,
      consumerPhone: phone(),
      consumerState: "KS",
      consumerZip: "66101",
      consumerCity: "Kansas City",
      cost: "20.00",
      leadData: { homeowner: true, project_type: "replace" },
      consent: {
        text: "By submitting this form, I agree to be contacted.",
        timestamp: new Date().toISOString(),
        ip: "73.162.10.20",
      },
    },
  });
  const body = await res.json();
  expect(res.status(), JSON.stringify(body)).toBe(200);
  expect(body).toMatchObject({ success: true, status: "sold", buyerId: 1 });
  const leadId: number = body.leadId;

  await page.goto(`/buyer/leads?q=${leadId}`);
  const leadRow = page.locator(`tr[data-lead-id="${leadId}"]`);
  await expect(leadRow.getByRole("link", { name: "Wendy Window" })).toBeVisible();
  await expect(leadRow.getByText(/left$/)).toBeVisible(); // the return window countdown
  await page.goto("/buyer/leads");
  await shot(page, "buyer-leads");

  await page.goto(`/buyer/leads/${leadId}`);
  await expect(page.getByRole("heading", { name: "Wendy Window" })).toBeVisible();
  await expect(page.getByText("By submitting this form, I agree to be contacted.")).toBeVisible();
  await shot(page, "buyer-lead-detail");

  await page.goto(`/buyer/leads?q=${leadId}`);
  await leadRow.getByRole("button", { name: "Return" }).click();
  const dialog = page.getByRole("dialog", { name: `Return lead #${leadId}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason").selectOption("wrong_number");
  await dialog.getByLabel("Note (optional)").fill("Number belongs to someone else");
  await shot(page, "buyer-return-dialog");
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/leads/${leadId}/return`));
  await dialog.getByRole("button", { name: "Confirm return" }).click();
  // The row updates at once, and the server agrees after a reload.
  await expect(leadRow.getByText("Returned · $44.00 credited")).toBeVisible();
  const returned = await answer;
  expect(returned.status(), await returned.text()).toBe(200);
  await page.reload();
  await expect(leadRow.getByText("returned", { exact: true })).toBeVisible();
  await expect(leadRow.getByText("+$44.00 credit")).toBeVisible();

  await page.goto("/buyer/transactions?type=return_credit");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: String(leadId) })
      .getByText("+$44.00"),
  ).toBeVisible();
  await page.goto("/buyer/transactions");
  await shot(page, "buyer-transactions");
});

test("seller sees the stats change after a submission from the Try-the-API page", async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, "seller1");
  await expect(page).toHaveURL(/\/seller$/);
  const before = Number((await page.getByTestId("stat-submitted").innerText()).replace(/\D/g, ""));
  await shot(page, "seller-stats");

  await page.getByRole("link", { name: "Try the API" }).click();
  await expect(page.getByLabel("JSON body")).toHaveValue(/consumerName/);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("try-response")).toContainText(/HTTP 20\d/);
  await shot(page, "seller-try");

  await page.getByRole("link", { name: "Stats", exact: true }).click();
  await expect(page.getByTestId("stat-submitted")).toHaveText(String(before + 1));

  await page.getByRole("link", { name: "Submissions" }).click();
  await expect(page.getByRole("heading", { name: "Submissions" })).toBeVisible();
  await shot(page, "seller-submissions");
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /Lead #\d+/ })).toBeVisible();
  await shot(page, "seller-submission-detail");
  await page.goto("/seller/api-keys");
  await expect(page.getByText("Compliance API (spec token)")).toBeVisible();
  await shot(page, "seller-api-keys");
});

test("admin adds a DNC number and a lead with it is rejected", async ({ page, request }) => {
  test.setTimeout(90_000);
  const dnc = phone();
  await login(page, "admin");
  await expect(page).toHaveURL(/\/admin$/);
  await shot(page, "admin-overview");

  await page.goto("/admin/suppressions");
  const form = page.getByTestId("add-suppression");
  await form.getByLabel("List").selectOption("dnc");
  await form.getByLabel("Type").selectOption("phone");
  await form.getByLabel("Value").fill(dnc);
  await form.getByLabel("Reason (optional)").fill("Consumer asked not to be called");
  await form.getByRole("button", { name: "Add to list" }).click();
  await expect(form.getByRole("status")).toContainText("Added");
  await expect(page.getByRole("cell", { name: dnc, exact: true })).toBeVisible();
  await shot(page, "admin-suppressions");

  // The compliance endpoint, with a body shaped like its documented example.
  const res = await request.post("/api/leads", {
    data: {
      firstName: "Dana",
      lastName: "Nocall",
      email: `dana.${Date.now()}@example.com`,
      phone: dnc,
      address: "123 Main St",
      city: "Houston",
      state: "TX",
      zipCode: "77001",
      listId: LIST_ID,
      campaignId: "e2e",
      incomeBracket: "$75,000-$100,000",
      homeownerStatus: "Homeowner",
      dob: "1980-05-15",
      source: "Top of Funnel LLC",
      trustedFormCertUrl: "https://cert.trustedform.com/e2e",
      token: SELLER_KEY,
    },
  });
  const body = await res.json();
  expect(body.success, JSON.stringify(body)).toBe(false);
  expect(body.bid).toBe(0);
  expect(JSON.stringify(body)).toMatch(/Do Not Call|DNC|TCPA/i);
});

test("screenshots of every remaining page, for each role", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "buyer1");
  await page.goto("/buyer/campaigns/new");
  await shot(page, "buyer-campaign-new");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/buyer");
  await shot(page, "buyer-overview-mobile");
  await page.goto("/buyer/leads");
  await shot(page, "buyer-leads-mobile");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/buyer$/); // another role's console sends a buyer home

  await page.context().clearCookies();
  await login(page, "admin");
  for (const p of ["buyers", "sellers", "users", "verticals", "intake-lists", "deliveries", "adjustments"]) {
    await page.goto(`/admin/${p}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shot(page, `admin-${p}`);
  }
  // An admin may open any buyer's or seller's dashboard.
  await page.goto("/buyer?buyerId=2");
  await expect(page.getByText("Shield Insurance Partners").first()).toBeVisible();
  await shot(page, "admin-as-buyer2");
  await page.goto("/seller?sellerId=2");
  await expect(page.getByText("BlueSky Media").first()).toBeVisible();
  await shot(page, "admin-as-seller2");

  // Signed out, a dashboard sends you to the login page and back afterwards.
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/buyer/leads");
  await expect(page).toHaveURL(/\/login\?next=%2Fbuyer%2Fleads/);
});
