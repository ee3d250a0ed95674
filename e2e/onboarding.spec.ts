// Seller onboarding: an admin onboards a new seller entirely through the UI — the seller account with its
// payout rule, a new vertical, the seller's intake list, an API key — and that seller's first lead,
// posted with the key, sells and is paid what the rule says (not the cost it asked for). The seller
// then reads and downloads the list's posting specification.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { login, shot as rawShot } from "./helpers";

async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await rawShot(page, name);
}

let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
});
test.afterEach(() => expect(pageErrors).toEqual([]));

const RUN = Date.now() % 100000;
const SELLER = `Greenfield Pets ${RUN}`;
const VERTICAL = `pets_${RUN}`;
const LIST = `Greenfield TX pets ${RUN}`;

test("admin onboards a seller with its own vertical, list and payout rule; its lead sells at that payout", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await login(page, "admin");

  // 1. The seller, paid a fixed 14.00 per sold lead.
  await page.goto("/admin/sellers");
  const add = page.getByTestId("add-seller");
  await add.getByLabel("Company name").fill(SELLER);
  await add.getByLabel("Payout rule").selectOption("fixed");
  await add.getByLabel("Price per sold lead").fill("abc");
  await add.getByRole("button", { name: "Add seller" }).click();
  await expect(
    add.getByText("must be an amount between 0 and 1000000.00 with at most 2 decimals").first(),
  ).toBeVisible(); // field-level error first
  await add.getByLabel("Price per sold lead").fill("14.00");
  await add.getByRole("button", { name: "Add seller" }).click();
  await expect(add.getByText("Seller added.")).toBeVisible();
  const sellerRow = page.getByRole("row").filter({ hasText: SELLER });
  await expect(sellerRow.getByText("$14.00 per sold lead")).toBeVisible();
  await shot(page, "admin-sellers");
  const sellerHref = await sellerRow.getByRole("link", { name: SELLER }).getAttribute("href");
  const sellerId = Number(new URL(sellerHref!, baseURL).searchParams.get("sellerId"));
  expect(sellerId).toBeGreaterThan(0);

  // 2. A vertical of its own (a taken key is refused).
  await page.goto("/admin/verticals");
  const v = page.getByTestId("add-vertical");
  await v.getByLabel("Key").fill("solar");
  await v.getByLabel("Name").fill("Solar again");
  await v.getByRole("button", { name: "Add vertical" }).click();
  await expect(v.getByText("already in use")).toBeVisible();
  await v.getByLabel("Key").fill(VERTICAL);
  await v.getByLabel("Name").fill(`Pet insurance ${RUN}`);
  await v.getByLabel("Sub-verticals").fill("dog, cat");
  await v.getByLabel("Required fields").fill("consumerName, phone, state");
  await v.getByRole("button", { name: "Add vertical" }).click();
  await expect(v.getByText("Vertical added.")).toBeVisible();
  await expect(page.getByText(`Pet insurance ${RUN}`)).toBeVisible();
  await shot(page, "admin-verticals");

  // 3. The seller's intake list: Texas and Oklahoma only, the seller's payout rule.
  await page.goto("/admin/intake-lists");
  const l = page.getByTestId("add-intake-list");
  await l.getByLabel("Seller").selectOption(String(sellerId));
  await l.getByLabel("List name").fill(LIST);
  await l.getByLabel("Vertical", { exact: true }).selectOption(VERTICAL);
  await l.getByLabel("Sub-vertical").fill("dog");
  await l.getByLabel("Accepted states").fill("TX, XX");
  await l.getByRole("button", { name: "Add intake list" }).click();
  await expect(l.getByText("must be a two-letter US state code (e.g. TX)")).toBeVisible();
  await l.getByLabel("Accepted states").fill("tx, ok");
  await l.getByLabel("Checks").fill("tcpa_dnc, duplicate, state");
  await l.getByRole("button", { name: "Add intake list" }).click();
  await expect(l.getByText("Intake list added.")).toBeVisible();
  const listRow = page.getByRole("row").filter({ hasText: LIST });
  await expect(listRow.getByText("TX, OK")).toBeVisible();
  await expect(listRow.getByText("$14.00 per sold lead")).toBeVisible();
  await shot(page, "admin-intake-lists");
  const listHref = await listRow.getByRole("link", { name: LIST }).getAttribute("href");
  const listId = listHref!.split("/").pop()!;
  await listRow.getByRole("link", { name: LIST }).click();
  await expect(page.getByTestId("edit-intake-list")).toBeVisible();
  await shot(page, "admin-intake-list-edit");

  // 4. An API key for the seller, made by the admin on the seller's key page.
  await page.goto(`/seller/api-keys?sellerId=${sellerId}`);
  await page.getByLabel("Key name").fill("Greenfield integration");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key.length).toBeGreaterThan(20);

  // A buyer for the new vertical (buyer2 bids 31.00 on Texas dogs).
  const campaign = await page.request.post("/api/buyer-campaigns", {
    headers: { origin: baseURL! },
    data: {
      buyerId: 2,
      name: `Pets TX ${RUN}`,
      vertical: VERTICAL,
      geoTargets: { states: ["TX"] },
      pricePerLead: "31.00",
      bidType: "fixed",
      dailyCap: 10,
      deliveryMethod: "portal",
      priority: 1,
    },
  });
  expect(campaign.status(), await campaign.text()).toBe(201);

  // 5. The seller posts with its key, asking 500.00: sold for 31.00, paid the rule's 14.00.
  const post = (data: Record<string, unknown>) =>
    page.request.post("/api/leads/ingest", { headers: { authorization: `Bearer ${key}` }, data });
  const lead = {
    listId,
    consumerName: "Dana Dogowner",
    phone: `972${4 + (RUN % 5)}${String(RUN).padStart(6, "0")}`,
    consumerEmail: `dana.${RUN}@example.com`,
    state: "TX",
    consumerZip: "75201",
    cost: "500.00",
    consent: {
      text: "By submitting this form, I agree to be contacted.",
      timestamp: new Date().toISOString(),
      ip: "73.162.10.20",
    },
  };
  const sold = await post(lead);
  const body = await sold.json();
  expect(sold.status(), JSON.stringify(body)).toBe(200);
  expect(body).toMatchObject({ success: true, status: "sold", revenue: 31, cost: 14, margin: 17, buyerId: 2 });
  const outside = await (
    await post({
      ...lead,
      phone: "9725550123".replace("555", `61${RUN % 10}`),
      consumerEmail: `ok.${RUN}@example.com`,
      state: "CA",
    })
  ).json();
  expect(outside.rejectionReasons).toContain("state_not_accepted");

  // The seller's balance shows the payout (sellers page, "Owed to them").
  await page.goto("/admin/sellers");
  await expect(page.getByRole("row").filter({ hasText: SELLER }).getByText("$14.00", { exact: true })).toBeVisible();

  // 6. The seller's view of its list and its posting specification, downloadable.
  await page.goto(`/seller/lists?sellerId=${sellerId}`);
  await expect(page.getByText(LIST)).toBeVisible();
  await shot(page, "seller-lists");
  await page.getByRole("link", { name: "Posting specification →" }).click();
  await expect(
    page.getByTestId("spec-fields").getByRole("row").filter({ hasText: "consumerName" }).getByText("required"),
  ).toBeVisible();
  await expect(page.getByTestId("spec-curl")).toContainText("Authorization: Bearer YOUR_API_KEY");
  await expect(page.getByText("$14.00 per sold lead").first()).toBeVisible();
  await shot(page, "seller-posting-spec");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download Markdown" }).click(),
  ]);
  const md = readFileSync((await download.path())!, "utf8");
  expect(download.suggestedFilename()).toBe(`posting-spec-greenfield-tx-pets-${RUN}.md`);
  expect(md).toContain(`# Posting specification: ${LIST}`);
  expect(md).toContain("- Accepted states: TX, OK");
});
