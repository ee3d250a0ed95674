import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { generateApiKey } from "@/lib/api-keys";
import { returnLead } from "@/lib/returns";
import { listLeads } from "@/lib/queries/leads";
import * as listRoute from "@/app/api/leads/route";
import * as itemRoute from "@/app/api/leads/[id]/route";
import { call } from "./helpers/api";
import { callerOf, makeMarket, sellLead, submitLead, type Market } from "./helpers/market";

type Who = keyof Market["users"];
const list = (m: Market, qs = "", as: Who | null = "buyer1") =>
  call(listRoute.GET, "GET", `/api/leads${qs}`, { as: as ? m.users[as] : null });
const get = (m: Market, id: number, as: Who = "buyer1") =>
  call(itemRoute.GET, "GET", `/api/leads/${id}`, { as: m.users[as], params: { id: String(id) } });
const ids = (body: { id: number }[]) => body.map((l) => l.id);
const at = (iso: string) => new Date(iso);

/** b1 bought three leads on 1–3 March, b2 one, and one lead was shared by both. */
async function history(m: Market) {
  const one = (buyer: "b1" | "b2", iso: string, priceCents = 5500, vertical = "home_services") =>
    sellLead({
      sellerId: m.s1.id,
      vertical,
      sales: [{ campaignId: buyer === "b1" ? m.c1.id : m.c2.id, buyerId: m[buyer].id, priceCents }],
      costCents: 2800,
      createdAt: at(iso),
    });
  const a = await one("b1", "2026-03-01T10:00:00.000Z");
  const b = await one("b1", "2026-03-02T23:59:59.000Z", 6000, "solar");
  const c = await one("b1", "2026-03-03T00:00:00.000Z");
  const other = await one("b2", "2026-03-02T12:00:00.000Z");
  const shared = await sellLead({
    sellerId: m.s2.id,
    sales: [
      { campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 3000 },
      { campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 2500 },
    ],
    costCents: 2000,
    createdAt: at("2026-03-04T08:00:00.000Z"),
    returnWindowHours: 24 * 365 * 10,
  });
  return { a, b, c, other, shared };
}

describe("GET /api/leads (buyer)", () => {
  it("answers the documented array of the buyer's purchases, newest first", async () => {
    const m = await makeMarket();
    const h = await history(m);
    const res = await list(m, `?buyerId=${m.b1.id}`);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([h.shared.lead.id, h.c.lead.id, h.b.lead.id, h.a.lead.id]);
    expect(res.body[1]).toEqual({
      id: h.c.lead.id,
      vertical: "home_services",
      status: "sold",
      consumerName: h.c.lead.consumerName,
      consumerState: "CA",
      consumerZip: "90210",
      consentRevokedAt: null,
      erasedAt: null,
      revenue: "55.00",
      qualityScore: 80,
      createdAt: "2026-03-03T00:00:00.000Z",
    });
    // On a shared lead each buyer sees what it paid, not the lead's total revenue.
    expect(res.body[0].revenue).toBe("30.00");
    const theirs = await list(m, "", "buyer2");
    expect(ids(theirs.body)).toEqual([h.shared.lead.id, h.other.lead.id]);
    expect(theirs.body[0].revenue).toBe("25.00");
  });

  it("filters by status (the buyer's own purchase), vertical and an inclusive date range", async () => {
    const m = await makeMarket();
    const h = await history(m);
    await returnLead(callerOf(m.users.buyer1), h.shared.lead.id, { reason: "duplicate" });
    expect(ids((await list(m, "?status=returned")).body)).toEqual([h.shared.lead.id]);
    expect((await list(m, "?status=returned")).body[0].status).toBe("returned");
    expect(ids((await list(m, "?status=sold")).body)).toEqual([h.c.lead.id, h.b.lead.id, h.a.lead.id]);
    // Buyer 2's purchase of the shared lead is still sold.
    expect(ids((await list(m, "?status=sold", "buyer2")).body)).toEqual([h.shared.lead.id, h.other.lead.id]);
    expect(ids((await list(m, "?status=rejected")).body)).toEqual([]);
    expect(ids((await list(m, "?vertical=solar")).body)).toEqual([h.b.lead.id]);
    expect(ids((await list(m, "?from=2026-03-02&to=2026-03-02")).body)).toEqual([h.b.lead.id]);
    expect(ids((await list(m, "?from=2026-03-02T23:59:59Z&to=2026-03-03")).body)).toEqual([h.c.lead.id, h.b.lead.id]);
    expect(ids((await list(m, "?to=2026-03-01")).body)).toEqual([h.a.lead.id]);
  });

  it("paginates with a cursor (X-Next-Cursor / Link) or an offset", async () => {
    const m = await makeMarket();
    const h = await history(m);
    const all = [h.shared.lead.id, h.c.lead.id, h.b.lead.id, h.a.lead.id];
    const seen: number[] = [];
    let qs = "?limit=3";
    for (let page = 0; page < 5; page++) {
      const res = await list(m, qs);
      seen.push(...ids(res.body));
      const next = res.headers.get("x-next-cursor");
      if (!next) break;
      expect(res.headers.get("link")).toBe(`</api/leads?limit=3&cursor=${next}>; rel="next"`);
      qs = `?limit=3&cursor=${next}`;
    }
    expect(seen).toEqual(all);
    expect(ids((await list(m, "?limit=2&offset=1")).body)).toEqual(all.slice(1, 3));
    expect((await list(m, "?limit=4")).headers.get("x-next-cursor")).toBeNull();
  });

  it.each([
    ["another buyer's buyerId", (m: Market) => `?buyerId=${m.b2.id}`, 403, "forbidden", "buyerId"],
    ["a sellerId", (m: Market) => `?sellerId=${m.s1.id}`, 403, "forbidden", "sellerId"],
    ["an unknown status", () => "?status=lost", 400, "validation_failed", "status"],
    ["a malformed buyerId", () => "?buyerId=1e3", 400, "validation_failed", "buyerId"],
    ["a bad vertical", () => "?vertical=Home%20Services", 400, "validation_failed", "vertical"],
    ["a bad from date", () => "?from=yesterday", 400, "validation_failed", "from"],
    ["an impossible to date", () => "?to=2026-02-31T00:00:00Z", 400, "validation_failed", "to"],
    ["to before from", () => "?from=2026-03-03&to=2026-03-01", 400, "validation_failed", "to"],
    ["limit 0", () => "?limit=0", 400, "validation_failed", "limit"],
    ["limit over 200", () => "?limit=201", 400, "validation_failed", "limit"],
    ["a forged cursor", () => "?cursor=bm90LWEtY3Vyc29y", 400, "validation_failed", "cursor"],
    [
      "cursor and offset",
      () => `?offset=1&cursor=${Buffer.from("2026-03-01T00:00:00.000Z|5").toString("base64url")}`,
      400,
      "validation_failed",
      "offset",
    ],
  ])("refuses %s", async (_n, qs, status, code, field) => {
    const m = await makeMarket();
    const res = await list(m, qs(m));
    expect(res).toMatchObject({ status, body: { error: { code, details: [{ field }] } } });
  });

  it("401 without a session; an API key works like a session", async () => {
    const m = await makeMarket();
    const h = await history(m);
    expect((await list(m, "", null)).status).toBe(401);
    const key = generateApiKey();
    await prisma.apiKey.create({ data: { name: "k", prefix: key.prefix, hash: key.hash, buyerId: m.b2.id } });
    const res = await call(listRoute.GET, "GET", "/api/leads", { key: key.key });
    expect(ids(res.body)).toEqual([h.shared.lead.id, h.other.lead.id]);
  });
});

describe("GET /api/leads (seller and admin)", () => {
  it("a seller lists its own submissions in every status with rejection reasons and cost, never revenue", async () => {
    const m = await makeMarket();
    const h = await history(m);
    const rejected = await submitLead({
      sellerId: m.s2.id,
      status: "rejected",
      rejectionReasons: ["invalid_phone_format"],
      createdAt: at("2026-03-05T00:00:00Z"),
    });
    const unsold = await submitLead({ sellerId: m.s2.id, status: "unsold", createdAt: at("2026-03-04T09:00:00Z") });
    await submitLead({ sellerId: m.s1.id, status: "rejected" });
    const res = await list(m, "", "seller2");
    expect(ids(res.body)).toEqual([rejected.id, unsold.id, h.shared.lead.id]);
    expect(res.body[0]).toEqual({
      id: rejected.id,
      vertical: "home_services",
      status: "rejected",
      consumerName: "Rejected Person",
      consumerState: "TX",
      consumerZip: "77001",
      consentRevokedAt: null,
      erasedAt: null,
      cost: "0.00",
      qualityScore: 0,
      rejectionReasons: ["invalid_phone_format"],
      createdAt: "2026-03-05T00:00:00.000Z",
    });
    expect(res.body[2]).toMatchObject({ status: "sold", cost: "20.00" });
    expect(res.body[2].revenue).toBeUndefined();
    expect(ids((await list(m, `?sellerId=${m.s2.id}&status=rejected`, "seller2")).body)).toEqual([rejected.id]);
    expect(await list(m, `?sellerId=${m.s1.id}`, "seller2")).toMatchObject({ status: 403 });
    expect(await list(m, `?buyerId=${m.b1.id}`, "seller2")).toMatchObject({ status: 403 });
  });

  it("an admin sees every lead with revenue, cost and margin, or one account's view", async () => {
    const m = await makeMarket();
    const h = await history(m);
    const res = await list(m, "", "admin");
    expect(res.body).toHaveLength(5);
    expect(res.body[0]).toMatchObject({
      id: h.shared.lead.id,
      revenue: "55.00",
      cost: "20.00",
      margin: "35.00",
      sellerId: m.s2.id,
    });
    expect(ids((await list(m, `?buyerId=${m.b2.id}`, "admin")).body)).toEqual([h.shared.lead.id, h.other.lead.id]);
    expect(ids((await list(m, `?sellerId=${m.s2.id}`, "admin")).body)).toEqual([h.shared.lead.id]);
  });

  it("is callable from server components with (viewer, filters)", async () => {
    const m = await makeMarket();
    const h = await history(m);
    const page = await listLeads({ role: "buyer", buyerId: m.b2.id, sellerId: null }, { limit: 1 });
    expect(ids(page.items)).toEqual([h.shared.lead.id]);
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});

describe("GET /api/leads/{id}", () => {
  it("gives the buyer the full lead: contact data, leadData, consent, sale, return and deliveries", async () => {
    const m = await makeMarket();
    const h = await history(m);
    const sale = h.shared.sales[0];
    const d = await prisma.delivery.create({
      data: {
        saleId: sale.id,
        leadId: h.shared.lead.id,
        campaignId: m.c1.id,
        buyerId: m.b1.id,
        method: "webhook",
        target: "https://b1.example",
        status: "delivered",
        attempts: 2,
        deliveredAt: at("2026-03-04T08:00:05Z"),
      },
    });
    await prisma.deliveryAttempt.createMany({
      data: [
        {
          deliveryId: d.id,
          attemptNo: 2,
          durationMs: 80,
          requestUrl: "https://b1.example",
          responseStatus: 200,
          responseBody: '{"ok":true}',
          outcome: "delivered",
          startedAt: at("2026-03-04T08:00:05Z"),
        },
        {
          deliveryId: d.id,
          attemptNo: 1,
          durationMs: 2000,
          requestUrl: "https://b1.example",
          error: "timeout",
          outcome: "retry",
          startedAt: at("2026-03-04T08:00:01Z"),
        },
      ],
    });
    // Buyer 2's delivery of the same lead is not buyer 1's business.
    await prisma.delivery.create({
      data: {
        saleId: h.shared.sales[1].id,
        leadId: h.shared.lead.id,
        campaignId: m.c2.id,
        buyerId: m.b2.id,
        method: "portal",
      },
    });

    const res = await get(m, h.shared.lead.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: h.shared.lead.id,
      status: "sold",
      revenue: "30.00",
      consumerEmail: h.shared.lead.consumerEmail,
      consumerPhone: h.shared.lead.consumerPhone,
      leadData: { homeowner: true },
      consent: { text: "I agree", ip: "73.162.1.1" },
      sale: {
        id: sale.id,
        campaignId: m.c1.id,
        campaignName: "B1 Plumbing",
        price: "30.00",
        status: "sold",
        returnable: true,
        return: null,
      },
    });
    expect(res.body.sales).toHaveLength(1);
    expect(res.body.cost).toBeUndefined();
    expect(res.body.deliveries).toEqual([
      {
        id: d.id,
        saleId: sale.id,
        method: "webhook",
        event: "lead.sold",
        status: "delivered",
        attempts: 2,
        lastError: null,
        deliveredAt: "2026-03-04T08:00:05.000Z",
        createdAt: expect.any(String),
        attemptLog: [
          {
            attemptNo: 1,
            startedAt: "2026-03-04T08:00:01.000Z",
            durationMs: 2000,
            requestUrl: "https://b1.example",
            responseStatus: null,
            responseBody: null,
            error: "timeout",
            outcome: "retry",
          },
          {
            attemptNo: 2,
            startedAt: "2026-03-04T08:00:05.000Z",
            durationMs: 80,
            requestUrl: "https://b1.example",
            responseStatus: 200,
            responseBody: '{"ok":true}',
            error: null,
            outcome: "delivered",
          },
        ],
      },
    ]);

    await returnLead(callerOf(m.users.buyer1), h.shared.lead.id, { reason: "other", note: "never answered" });
    const after = await get(m, h.shared.lead.id);
    expect(after.body).toMatchObject({
      status: "returned",
      sale: {
        status: "returned",
        returnable: false,
        return: { reason: "other", note: "never answered", creditAmount: "30.00", returnedAt: expect.any(String) },
      },
    });
  });

  it("404 for another buyer's lead, another seller's lead, or no lead; a seller sees its own submission", async () => {
    const m = await makeMarket();
    const h = await history(m);
    expect(await get(m, h.other.lead.id)).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: `No lead with id ${h.other.lead.id}` } },
    });
    expect(await get(m, 999999)).toMatchObject({ status: 404 });
    expect(await get(m, h.a.lead.id, "seller2")).toMatchObject({ status: 404 });
    const own = await get(m, h.shared.lead.id, "seller2");
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: h.shared.lead.id, cost: "20.00", rejectionReasons: [] });
    expect(own.body.sales).toBeUndefined();
    expect(own.body.revenue).toBeUndefined();
    const admin = await get(m, h.shared.lead.id, "admin");
    expect(admin.body).toMatchObject({ revenue: "55.00", cost: "20.00", margin: "35.00" });
    expect(admin.body.sales).toHaveLength(2);
  });
});
