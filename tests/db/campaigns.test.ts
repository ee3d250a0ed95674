import { describe, expect, it } from "vitest";
import { Client } from "pg";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import * as listRoute from "@/app/api/buyer-campaigns/route";
import * as itemRoute from "@/app/api/buyer-campaigns/[id]/route";
import { call } from "./helpers/api";
import { makeMarket, sellLead, type Market } from "./helpers/market";

type Who = keyof Market["users"];
const post = (m: Market, body: unknown, as: Who = "buyer1") =>
  call(listRoute.POST, "POST", "/api/buyer-campaigns", { as: m.users[as], body });
const list = (m: Market, qs = "", as: Who = "buyer1") =>
  call(listRoute.GET, "GET", `/api/buyer-campaigns${qs}`, { as: m.users[as] });
const get = (m: Market, id: number | string, as: Who = "buyer1") =>
  call(itemRoute.GET, "GET", `/api/buyer-campaigns/${id}`, { as: m.users[as], params: { id: String(id) } });
const patch = (m: Market, id: number, body: unknown, as: Who = "buyer1") =>
  call(itemRoute.PATCH, "PATCH", `/api/buyer-campaigns/${id}`, { as: m.users[as], body, params: { id: String(id) } });
const del = (m: Market, id: number, as: Who = "buyer1") =>
  call(itemRoute.DELETE, "DELETE", `/api/buyer-campaigns/${id}`, { as: m.users[as], params: { id: String(id) } });

/** The create example from the API documentation, for buyer `buyerId`. */
const documented = (buyerId: number) => ({
  buyerId,
  name: "New Campaign",
  vertical: "home_services",
  geoTargets: { states: ["CA", "TX"] },
  pricePerLead: "55.00",
  bidType: "fixed",
  dailyCap: 40,
  deliveryMethod: "webhook",
  pingPostEnabled: true,
  exclusive: false,
  returnWindowHours: 48,
  priority: 2,
});

describe("POST /api/buyer-campaigns", () => {
  it("creates the documented example, answers {id, buyerId, name, status} and the webhook secret once", async () => {
    const m = await makeMarket();
    const res = await post(m, documented(m.b1.id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      buyerId: m.b1.id,
      name: "New Campaign",
      status: "active",
    });
    expect(res.body).toMatchObject({
      pricePerLead: "55.00",
      geoTargets: { states: ["CA", "TX"], zips: [] },
      dailyCap: 40,
      priority: 2,
      deliveryMethod: "webhook",
    });
    expect(res.body.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const row = await prisma.buyerCampaign.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.webhookSecret).toBe(res.body.webhookSecret);
    expect(row.geoStates).toEqual(["CA", "TX"]);

    const again = await get(m, res.body.id);
    expect(again.status).toBe(200);
    expect(again.body.webhookSecret).toBeUndefined();
    expect(JSON.stringify(again.body)).not.toContain(res.body.webhookSecret);
    expect(again.body.hasWebhookSecret).toBe(true);
  });

  it("a buyer may omit buyerId; numbers are accepted for money and answered as decimal strings; portal gets no secret", async () => {
    const m = await makeMarket();
    const res = await post(m, {
      name: "Mine",
      vertical: "solar",
      pricePerLead: 12.5,
      geoTargets: { states: ["ca"], zips: ["90210"] },
      dailyBudget: "300",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      buyerId: m.b1.id,
      pricePerLead: "12.50",
      dailyBudget: "300.00",
      geoTargets: { states: ["CA"], zips: ["90210"] },
      deliveryMethod: "portal",
    });
    expect(res.body.webhookSecret).toBeUndefined();
  });

  it("names every invalid field at once", async () => {
    const m = await makeMarket();
    const res = await post(m, {
      name: "Bad",
      vertical: "home_services",
      geoTargets: { states: ["CA", "XX", "ON"], zips: ["9021"] },
      pricePerLead: "-5.00",
      dailyCap: -1,
      hourlyCap: 1.5,
      returnWindowHours: 1000,
      returnCapPercent: 150,
      priority: 0,
      deliveryConfig: { url: "http://buyer.example/hook" },
      pingUrl: "ftp://x",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details).toEqual([
      { field: "geoTargets.states.1", issue: '"XX" is not a US state code' },
      { field: "geoTargets.states.2", issue: '"ON" is not a US state code' },
      { field: "geoTargets.zips.0", issue: "must be a 5-digit ZIP code" },
      { field: "pricePerLead", issue: "must be between 0.01 and 5000.00" },
      { field: "pingUrl", issue: "must be an absolute https:// URL" },
      { field: "dailyCap", issue: "must not be negative" },
      { field: "hourlyCap", issue: "must be a whole number" },
      { field: "deliveryConfig.url", issue: "must be an absolute https:// URL" },
      { field: "returnWindowHours", issue: "must be at most 720 hours (30 days)" },
      { field: "returnCapPercent", issue: "Too big: expected number to be <=100" },
      { field: "priority", issue: "Too small: expected number to be >=1" },
    ]);
    expect(await prisma.buyerCampaign.count({ where: { name: "Bad" } })).toBe(0);
  });

  it.each([
    [
      "unknown vertical",
      { vertical: "pet_insurance" },
      [{ field: "vertical", issue: 'unknown vertical "pet_insurance"; known: home_services, solar' }],
    ],
    [
      "sub-vertical of another vertical",
      { subVertical: "solar_install" },
      [
        {
          field: "subVertical",
          issue: '"solar_install" is not a sub-vertical of home_services; known: plumbing, roofing',
        },
      ],
    ],
    [
      "absurd price",
      { pricePerLead: "100000.00" },
      [{ field: "pricePerLead", issue: "must be between 0.01 and 5000.00" }],
    ],
    [
      "price with 3 decimals",
      { pricePerLead: "1.005" },
      [{ field: "pricePerLead", issue: 'must be a decimal amount with at most 2 decimals, e.g. "55.00"' }],
    ],
    ["zero price", { pricePerLead: "0" }, [{ field: "pricePerLead", issue: "must be between 0.01 and 5000.00" }]],
    [
      "negative return window",
      { returnWindowHours: -1 },
      [{ field: "returnWindowHours", issue: "Too small: expected number to be >=0" }],
    ],
    [
      "dynamic bidding without pingUrl",
      { bidType: "dynamic" },
      [{ field: "pingUrl", issue: "is required when bidType is dynamic" }],
    ],
    [
      "http_post without a URL",
      { deliveryMethod: "http_post" },
      [{ field: "deliveryConfig.url", issue: "is required when deliveryMethod is http_post" }],
    ],
    [
      "a webhook on a loopback address",
      { deliveryConfig: { url: "https://127.0.0.1/hook" } },
      [{ field: "deliveryConfig.url", issue: "is not allowed: address 127.0.0.1 is private, loopback or link-local" }],
    ],
    [
      "a webhook on localhost",
      { deliveryConfig: { url: "https://localhost:8443/hook" } },
      [{ field: "deliveryConfig.url", issue: "is not allowed: host localhost is not allowed" }],
    ],
    [
      "cloud metadata as ping URL",
      { bidType: "dynamic", pingUrl: "https://169.254.169.254/latest/meta-data" },
      [{ field: "pingUrl", issue: "is not allowed: address 169.254.169.254 is private, loopback or link-local" }],
    ],
    [
      "an unknown delivery format",
      { deliveryConfig: { url: "https://buyer.example/hook", format: "xml" } },
      [{ field: "deliveryConfig.format", issue: 'Invalid option: expected one of "json"|"form"' }],
    ],
    ["an unknown field", { colour: "red" }, [{ field: "colour", issue: "unknown field; it is not accepted here" }]],
    [
      "a bad schedule",
      { schedule: { timezone: "Mars/Base", days: [1], startHour: 9, endHour: 5 } },
      [
        { field: "schedule.timezone", issue: "must be an IANA time zone such as America/Los_Angeles" },
        { field: "schedule.endHour", issue: "must be after startHour" },
      ],
    ],
    [
      "schedule hours reversed",
      { schedule: { timezone: "America/Chicago", days: [1, 2], startHour: 9, endHour: 5 } },
      [{ field: "schedule.endHour", issue: "must be after startHour" }],
    ],
  ])("400 for %s", async (_n, change, details) => {
    const m = await makeMarket();
    const res = await post(m, { ...documented(m.b1.id), ...change });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: "validation_failed", message: "Request body failed validation", details },
    });
  });

  // Size bounds, so one campaign cannot make every lead's matching expensive.
  const zips = (n: number) => Array.from({ length: n }, (_, i) => String(10000 + i));
  const consts = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
  it.each<[string, Record<string, unknown>, { field: string; issue: string }[] | null]>([
    ["1,000 zips (the bound)", { geoTargets: { zips: zips(1000) } }, null],
    [
      "1,001 zips",
      { geoTargets: { zips: zips(1001) } },
      [{ field: "geoTargets.zips", issue: "at most 1000 ZIP codes" }],
    ],
    [
      "100 filter values (the bound)",
      { filters: [{ field: "project_type", op: "in", value: Array(100).fill("repair") }] },
      null,
    ],
    [
      "101 filter values",
      { filters: [{ field: "project_type", op: "in", value: Array(101).fill("repair") }] },
      [{ field: "filters.0.value", issue: "at most 100 values" }],
    ],
    [
      "100,000 filter values",
      { filters: [{ field: "project_type", op: "not_in", value: Array(100_000).fill("x") }] },
      [{ field: "filters.0.value", issue: "at most 100 values" }],
    ],
    [
      "a 201-character filter string",
      { filters: [{ field: "project_type", op: "eq", value: "x".repeat(201) }] },
      [{ field: "filters.0.value", issue: "must be at most 200 characters" }],
    ],
    [
      "a long string inside a filter array",
      { filters: [{ field: "project_type", op: "in", value: ["ok", "y".repeat(201)] }] },
      [{ field: "filters.0.value.1", issue: "must be at most 200 characters" }],
    ],
    [
      "an object as filter value",
      { filters: [{ field: "project_type", op: "eq", value: { deep: 1 } }] },
      [{ field: "filters.0.value", issue: "must be an array of values or a string, number, boolean or null" }],
    ],
    [
      "100 constants (the bound)",
      { deliveryConfig: { url: "https://buyer.example/hook", constants: consts(100) } },
      null,
    ],
    [
      "101 constants",
      { deliveryConfig: { url: "https://buyer.example/hook", constants: consts(101) } },
      [{ field: "deliveryConfig.constants", issue: "at most 100 constants" }],
    ],
    [
      "50,000 constants",
      { deliveryConfig: { url: "https://buyer.example/hook", constants: consts(50_000) } },
      [{ field: "deliveryConfig.constants", issue: "at most 100 constants" }],
    ],
    [
      "a 1,001-character constant",
      { deliveryConfig: { url: "https://buyer.example/hook", constants: { listId: "z".repeat(1001) } } },
      [{ field: "deliveryConfig.constants.listId", issue: "Too big: expected string to have <=1000 characters" }],
    ],
  ])("bounds: %s", async (_n, change, details) => {
    const m = await makeMarket();
    const res = await post(m, { ...documented(m.b1.id), ...change });
    if (!details) return expect(res.status).toBe(201);
    expect(res.body).toEqual({
      error: { code: "validation_failed", message: "Request body failed validation", details },
    });
    expect(res.status).toBe(400);
  });

  it.each([
    ["a buyer naming another buyer", "buyer1" as Who, (m: Market) => documented(m.b2.id), 403, "forbidden"],
    ["a seller", "seller1" as Who, (m: Market) => documented(m.b1.id), 403, "forbidden"],
    [
      "an admin without buyerId",
      "admin" as Who,
      (m: Market) => ({ ...documented(m.b1.id), buyerId: undefined }),
      400,
      "validation_failed",
    ],
    ["an admin naming a missing buyer", "admin" as Who, (_m: Market) => documented(4242), 400, "validation_failed"],
  ])("refuses %s", async (_n, as, body, status, code) => {
    const m = await makeMarket();
    const res = await post(m, body(m), as);
    expect(res).toMatchObject({ status, body: { error: { code } } });
  });

  it("an admin may create for any buyer", async () => {
    const m = await makeMarket();
    const res = await post(m, documented(m.b2.id), "admin");
    expect(res).toMatchObject({ status: 201, body: { buyerId: m.b2.id } });
  });
});

describe("GET /api/buyer-campaigns", () => {
  it("lists the buyer's campaigns in the documented shape; archived ones only on request", async () => {
    const m = await makeMarket();
    const created = await post(m, {
      name: "CA Auto Insurance - Exclusive",
      vertical: "solar",
      geoTargets: { states: ["CA", "NV", "AZ"] },
      pricePerLead: "72.00",
      dailyCap: 50,
      priority: 3,
    });
    const res = await list(m, `?buyerId=${m.b1.id}`);
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: number }) => c.id)).toEqual([created.body.id, m.c1.id]);
    expect(res.body[0]).toMatchObject({
      id: created.body.id,
      buyerId: m.b1.id,
      name: "CA Auto Insurance - Exclusive",
      vertical: "solar",
      geoTargets: { states: ["CA", "NV", "AZ"] },
      pricePerLead: "72.00",
      dailyCap: 50,
      status: "active",
      priority: 3,
    });
    expect(res.body[0].webhookSecret).toBeUndefined();
    await del(m, m.c1.id);
    expect((await list(m)).body.map((c: { id: number }) => c.id)).toEqual([created.body.id]);
    expect((await list(m, "?status=archived")).body.map((c: { id: number }) => c.id)).toEqual([m.c1.id]);
    expect((await list(m, "?vertical=solar")).body).toHaveLength(1);
    expect((await list(m, "?limit=1&offset=1")).body).toHaveLength(0);
    // An admin sees every buyer's campaigns, or one buyer's.
    expect((await list(m, "", "admin")).body).toHaveLength(2);
    expect((await list(m, `?buyerId=${m.b2.id}`, "admin")).body.map((c: { id: number }) => c.id)).toEqual([m.c2.id]);
  });

  it.each([
    ["another buyer's id", (m: Market) => `?buyerId=${m.b2.id}`, "buyer1" as Who, 403, "forbidden"],
    ["a seller", () => "", "seller1" as Who, 403, "forbidden"],
    ["a non-numeric buyerId", () => "?buyerId=abc", "buyer1" as Who, 400, "validation_failed"],
    ["an unknown status", () => "?status=deleted", "buyer1" as Who, 400, "validation_failed"],
    ["a limit over the maximum", () => "?limit=500", "buyer1" as Who, 400, "validation_failed"],
  ])("refuses %s", async (_n, qs, as, status, code) => {
    const m = await makeMarket();
    const res = await list(m, qs(m), as);
    expect(res).toMatchObject({ status, body: { error: { code } } });
  });

  it("400 names the bad query parameter", async () => {
    const m = await makeMarket();
    const res = await list(m, "?buyerId=abc");
    expect(res.body).toEqual({
      error: {
        code: "validation_failed",
        message: "Query parameters failed validation",
        details: [{ field: "buyerId", issue: "must be a positive integer buyer id" }],
      },
    });
  });
});

describe("GET/PATCH/DELETE /api/buyer-campaigns/{id}", () => {
  it("another buyer's campaign is 404 for every method; sellers are 403", async () => {
    const m = await makeMarket();
    const notFound = { error: { code: "not_found", message: `No campaign with id ${m.c2.id}` } };
    expect(await get(m, m.c2.id)).toMatchObject({ status: 404, body: notFound });
    expect(await patch(m, m.c2.id, { status: "paused" })).toMatchObject({ status: 404, body: notFound });
    expect(await del(m, m.c2.id)).toMatchObject({ status: 404, body: notFound });
    expect(await get(m, "nope")).toMatchObject({ status: 404 });
    expect(await get(m, m.c1.id, "seller1")).toMatchObject({ status: 403 });
    expect((await prisma.buyerCampaign.findUniqueOrThrow({ where: { id: m.c2.id } })).status).toBe("active");
    expect(await get(m, m.c2.id, "admin")).toMatchObject({ status: 200, body: { id: m.c2.id } });
  });

  it("edits targeting, pricing, caps and delivery; untouched fields stay", async () => {
    const m = await makeMarket();
    await prisma.buyerCampaign.update({ where: { id: m.c1.id }, data: { geoZips: ["90210"] } });
    const res = await patch(m, m.c1.id, {
      geoTargets: { states: ["CA", "OR"] },
      pricePerLead: "61.25",
      dailyCap: null,
      monthlyCap: 300,
      priority: 5,
      filters: [{ field: "homeowner", op: "eq", value: true }],
      schedule: { timezone: "America/Los_Angeles", days: [1, 2, 3, 4, 5], startHour: 8, endHour: 20 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      geoTargets: { states: ["CA", "OR"], zips: ["90210"] },
      pricePerLead: "61.25",
      dailyCap: null,
      monthlyCap: 300,
      priority: 5,
      name: "B1 Plumbing",
      filters: [{ field: "homeowner", op: "eq", value: true }],
      schedule: { timezone: "America/Los_Angeles", days: [1, 2, 3, 4, 5], startHour: 8, endHour: 20 },
    });
    const cleared = await patch(m, m.c1.id, { schedule: null });
    expect(cleared.body.schedule).toBeNull();
  });

  it("pauses and resumes; resuming clears an automatic pause", async () => {
    const m = await makeMarket();
    expect((await patch(m, m.c1.id, { status: "paused" })).body.status).toBe("paused");
    await prisma.buyerCampaign.update({
      where: { id: m.c1.id },
      data: { autoPausedAt: new Date(), autoPausedReason: "webhook failing", failureStreak: 9 },
    });
    const res = await patch(m, m.c1.id, { status: "active" });
    expect(res.body).toMatchObject({ status: "active", autoPausedAt: null, autoPausedReason: null });
    expect((await prisma.buyerCampaign.findUniqueOrThrow({ where: { id: m.c1.id } })).failureStreak).toBe(0);
  });

  it("switching to webhook delivery issues a secret once", async () => {
    const m = await makeMarket();
    const res = await patch(m, m.c1.id, {
      deliveryMethod: "webhook",
      deliveryConfig: { url: "https://buyer.example/hook" },
    });
    expect(res.body.webhookSecret).toMatch(/^whsec_/);
    const again = await patch(m, m.c1.id, { deliveryConfig: { url: "https://buyer.example/hook2" } });
    expect(again.body.webhookSecret).toBeUndefined();
    expect(again.body.deliveryConfig).toEqual({ url: "https://buyer.example/hook2" });
  });

  it.each([
    [
      "status archived",
      { status: "archived" },
      [{ field: "status", issue: 'must be "active" or "paused" (DELETE archives a campaign)' }],
    ],
    ["an empty body", {}, [{ field: "(body)", issue: "send at least one field to change" }]],
    ["a negative cap", { weeklyCap: -3 }, [{ field: "weeklyCap", issue: "must not be negative" }]],
    [
      "an unknown vertical",
      { vertical: "nope" },
      [{ field: "vertical", issue: 'unknown vertical "nope"; known: home_services, solar' }],
    ],
    [
      "dynamic bidding without a pingUrl",
      { bidType: "dynamic" },
      [{ field: "pingUrl", issue: "is required when bidType is dynamic" }],
    ],
    [
      "a plain-http webhook URL",
      { deliveryConfig: { url: "http://buyer.example" } },
      [{ field: "deliveryConfig.url", issue: "must be an absolute https:// URL" }],
    ],
  ])("PATCH 400 for %s", async (_n, body, details) => {
    const m = await makeMarket();
    const res = await patch(m, m.c1.id, body);
    expect(res).toMatchObject({ status: 400 });
    expect(res.body).toEqual({
      error: { code: "validation_failed", message: "Request body failed validation", details },
    });
  });

  it("DELETE archives: sold leads keep their campaign; archived campaigns cannot be edited; DELETE is idempotent", async () => {
    const m = await makeMarket();
    const { sales } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2000,
    });
    const res = await del(m, m.c1.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: m.c1.id, status: "archived", archivedAt: expect.any(String) });
    expect((await prisma.leadSale.findUniqueOrThrow({ where: { id: sales[0].id } })).campaignId).toBe(m.c1.id);
    expect(await patch(m, m.c1.id, { status: "active" })).toMatchObject({
      status: 409,
      body: { error: { code: "conflict", message: `Campaign ${m.c1.id} is archived and can no longer be changed` } },
    });
    const again = await del(m, m.c1.id);
    expect(again.body.archivedAt).toBe(res.body.archivedAt);
  });

  it.skipIf(!env.DATABASE_URL)("every change is announced to other instances (NOTIFY tlg_campaigns)", async () => {
    const m = await makeMarket();
    const listener = new Client({ connectionString: env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(n.payload ?? ""));
    await listener.query("LISTEN tlg_campaigns");
    try {
      const created = await post(m, documented(m.b1.id));
      await patch(m, created.body.id, { status: "paused" });
      await del(m, created.body.id);
      await patch(m, m.c1.id, {}); // refused: nothing announced
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual([String(created.body.id), String(created.body.id), String(created.body.id)]);
    } finally {
      await listener.end();
    }
  });
});
