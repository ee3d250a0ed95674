import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { toCents } from "@/lib/money";
import { returnLead } from "@/lib/returns";
import * as returnRoute from "@/app/api/leads/[id]/return/route";
import { call } from "./helpers/api";
import { callerOf, makeMarket, sellLead, type Market } from "./helpers/market";

const ret = (m: Market, leadId: number, body: unknown, as: keyof Market["users"] | null = "buyer1") =>
  call(returnRoute.POST, "POST", `/api/leads/${leadId}/return`, {
    as: as ? m.users[as] : null,
    body,
    params: { id: String(leadId) },
  });

async function balances(m: Market) {
  const [b1, b2, s1] = await Promise.all([
    prisma.buyer.findUniqueOrThrow({ where: { id: m.b1.id } }),
    prisma.buyer.findUniqueOrThrow({ where: { id: m.b2.id } }),
    prisma.seller.findUniqueOrThrow({ where: { id: m.s1.id } }),
  ]);
  return { b1: toCents(b1.balance), b2: toCents(b2.balance), s1: toCents(s1.balance) };
}

describe("POST /api/leads/{id}/return", () => {
  it("returns a lead: sale and lead returned, reason recorded, buyer credited, seller clawed back", async () => {
    const m = await makeMarket();
    const { lead, sales } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2800,
    });
    const before = await balances(m);

    const res = await ret(m, lead.id, { reason: "disconnected_phone" });
    expect(res).toMatchObject({ status: 200, body: { message: "Lead returned successfully" } });
    expect(res.body).toEqual({ message: "Lead returned successfully" });

    expect((await prisma.leadSale.findUniqueOrThrow({ where: { id: sales[0].id } })).status).toBe("returned");
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("returned");
    const r = await prisma.leadReturn.findUniqueOrThrow({ where: { saleId: sales[0].id } });
    expect(r).toMatchObject({
      leadId: lead.id,
      buyerId: m.b1.id,
      reason: "disconnected_phone",
      createdById: m.users.buyer1.id,
    });
    expect(toCents(r.creditAmount)).toBe(5500);

    const txs = await prisma.transaction.findMany({
      where: { leadId: lead.id, type: { in: ["return_credit", "adjustment"] } },
      orderBy: { id: "asc" },
    });
    expect(txs.map((t) => [t.type, t.buyerId, t.sellerId, toCents(t.amount), t.saleId])).toEqual([
      ["return_credit", m.b1.id, null, 5500, sales[0].id],
      ["adjustment", null, m.s1.id, -2800, sales[0].id],
    ]);
    expect(await balances(m)).toEqual({ ...before, b1: before.b1! + 5500, s1: before.s1! - 2800 });
    expect(await prisma.auditLog.count({ where: { action: "lead.return", targetId: String(lead.id) } })).toBe(1);
    // Revenue, cost and margin stay the sale's figures (history is not rewritten).
    const l = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect([toCents(l.revenue), toCents(l.cost), toCents(l.margin)]).toEqual([5500, 2800, 2700]);
  });

  it.each([
    {
      name: "unknown reason",
      body: { reason: "changed_my_mind" },
      status: 400,
      error: {
        code: "validation_failed",
        message: "Request body failed validation",
        details: [
          {
            field: "reason",
            issue:
              "must be one of: disconnected_phone, wrong_number, duplicate, fake_information, not_interested, outside_service_area, other",
          },
        ],
      },
    },
    {
      name: "missing reason",
      body: {},
      status: 400,
      error: {
        code: "validation_failed",
        message: "Request body failed validation",
        details: [
          {
            field: "reason",
            issue:
              "must be one of: disconnected_phone, wrong_number, duplicate, fake_information, not_interested, outside_service_area, other",
          },
        ],
      },
    },
    {
      name: "other without a note",
      body: { reason: "other" },
      status: 400,
      error: {
        code: "validation_failed",
        message: "Request body failed validation",
        details: [{ field: "note", issue: "is required when reason is other" }],
      },
    },
    {
      name: "another buyer's lead",
      as: "buyer2" as const,
      body: { reason: "wrong_number" },
      status: 404,
      error: { code: "not_found", message: "No lead with id {id}" },
    },
    {
      name: "a seller",
      as: "seller1" as const,
      body: { reason: "wrong_number" },
      status: 403,
      error: {
        code: "forbidden",
        message: "This endpoint is for buyer or admin accounts; you are signed in as seller",
      },
    },
    {
      name: "a buyer naming another buyerId",
      body: { reason: "wrong_number", buyerId: 999 },
      status: 403,
      error: {
        code: "forbidden",
        message: "You may only act on your own buyer account ({b1})",
        details: [{ field: "buyerId", issue: "buyer 999 is not your account" }],
      },
    },
    {
      name: "nobody signed in",
      as: null,
      body: { reason: "wrong_number" },
      status: 401,
      error: {
        code: "unauthorized",
        message: "Log in (POST /api/auth/login) or send an API key (Authorization: Bearer <key>)",
      },
    },
  ])("refuses $name", async ({ as, body, status, error }) => {
    const m = await makeMarket();
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2800,
    });
    const res = await ret(m, lead.id, body, as === undefined ? "buyer1" : as);
    const expected = JSON.parse(
      JSON.stringify(error).replaceAll("{id}", String(lead.id)).replaceAll("{b1}", String(m.b1.id)),
    );
    expect(res).toMatchObject({ status });
    expect(res.body).toEqual({ error: expected });
    expect(await prisma.leadReturn.count()).toBe(0);
    expect(await prisma.transaction.count({ where: { type: "return_credit" } })).toBe(0);
  });

  it.each([
    ["no such lead", "99999", 404, { code: "not_found", message: "No lead with id 99999" }],
    ["not a number", "abc", 404, { code: "not_found", message: "No lead with id abc" }],
  ])("404 for %s", async (_n, id, status, error) => {
    const m = await makeMarket();
    const res = await call(returnRoute.POST, "POST", `/api/leads/${id}/return`, {
      as: m.users.buyer1,
      body: { reason: "duplicate" },
      params: { id },
    });
    expect(res).toMatchObject({ status, body: { error } });
  });

  it("400 for a body that is not JSON", async () => {
    const m = await makeMarket();
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2800,
    });
    const res = await call(returnRoute.POST, "POST", `/api/leads/${lead.id}/return`, {
      as: m.users.buyer1,
      body: "{reason",
      params: { id: String(lead.id) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("409 already_returned the second time, with no second credit", async () => {
    const m = await makeMarket();
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2800,
    });
    expect((await ret(m, lead.id, { reason: "duplicate" })).status).toBe(200);
    const again = await ret(m, lead.id, { reason: "duplicate" });
    expect({ status: again.status, body: again.body }).toEqual({
      status: 409,
      body: { error: { code: "already_returned", message: `Lead ${lead.id} has already been returned` } },
    });
    expect(await prisma.transaction.count({ where: { type: "return_credit" } })).toBe(1);
  });

  it("422 return_window_expired after the sale's return deadline; allowed right up to it", async () => {
    const m = await makeMarket();
    const soldAt = new Date(Date.now() - 49 * 3_600_000);
    const { lead, sales } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2800,
      createdAt: soldAt,
    });
    const res = await ret(m, lead.id, { reason: "wrong_number" });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: {
        code: "return_window_expired",
        message: `The return window for lead ${lead.id} closed at ${sales[0].returnDeadline.toISOString()}`,
      },
    });
    expect((await prisma.leadSale.findUniqueOrThrow({ where: { id: sales[0].id } })).status).toBe("sold");
    // At the deadline itself the return is still in time.
    await returnLead(callerOf(m.users.buyer1), lead.id, { reason: "wrong_number" }, { now: sales[0].returnDeadline });
    expect(await prisma.leadReturn.count()).toBe(1);
  });

  it("ten parallel returns of one lead: exactly one succeeds, exactly one credit", async () => {
    const m = await makeMarket();
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
      costCents: 2800,
    });
    const before = await balances(m);
    const results = await Promise.all(Array.from({ length: 10 }, () => ret(m, lead.id, { reason: "duplicate" })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === "already_returned")).toBe(true);
    expect(await prisma.leadReturn.count()).toBe(1);
    expect(await prisma.transaction.count({ where: { type: "return_credit" } })).toBe(1);
    expect(await prisma.transaction.count({ where: { type: "adjustment", sellerId: m.s1.id } })).toBe(1);
    expect(await balances(m)).toEqual({ ...before, b1: before.b1! + 5500, s1: before.s1! - 2800 });
  });

  it("422 return_limit_reached past the campaign's monthly return cap (counted per purchase month)", async () => {
    const m = await makeMarket();
    await prisma.buyerCampaign.update({ where: { id: m.c1.id }, data: { returnCapPercent: 20 } });
    const sale = (createdAt?: Date) =>
      sellLead({
        sellerId: m.s1.id,
        sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 1000 }],
        costCents: 500,
        createdAt,
        returnWindowHours: 24 * 60,
      });
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    const old = [await sale(lastMonth), await sale(lastMonth)];
    const fresh = [];
    for (let i = 0; i < 10; i++) fresh.push(await sale());
    // 20% of 10 purchases this month: two returns fit, the third does not.
    expect((await ret(m, fresh[0].lead.id, { reason: "duplicate" })).status).toBe(200);
    expect((await ret(m, fresh[1].lead.id, { reason: "duplicate" })).status).toBe(200);
    const third = await ret(m, fresh[2].lead.id, { reason: "duplicate" });
    expect(third.status).toBe(422);
    expect(third.body.error.code).toBe("return_limit_reached");
    expect(third.body.error.message).toContain(
      `at most 20% of the leads it bought in ${now.toISOString().slice(0, 7)} (2 of 10 already returned)`,
    );
    expect((await prisma.leadSale.findUniqueOrThrow({ where: { id: fresh[2].sales[0].id } })).status).toBe("sold");
    // Last month's purchases have their own budget: 20% of 2 is 0.4 → none may come back.
    const oldRes = await ret(m, old[0].lead.id, { reason: "duplicate" });
    expect(oldRes.body.error.code).toBe("return_limit_reached");
    expect(await prisma.transaction.count({ where: { type: "return_credit" } })).toBe(2);
  });

  it("the cap holds when returns of different leads race", async () => {
    const m = await makeMarket();
    await prisma.buyerCampaign.update({ where: { id: m.c1.id }, data: { returnCapPercent: 30 } });
    const leads = [];
    for (let i = 0; i < 10; i++)
      leads.push(
        await sellLead({
          sellerId: m.s1.id,
          sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 1000 }],
          costCents: 500,
        }),
      );
    const results = await Promise.all(leads.map((l) => ret(m, l.lead.id, { reason: "duplicate" })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === "return_limit_reached")).toBe(
      true,
    );
    expect(await prisma.transaction.count({ where: { type: "return_credit" } })).toBe(3);
  });

  it("shared lead: each return claws back payout × price / revenue; the last takes the remainder", async () => {
    const m = await makeMarket();
    const { lead, sales } = await sellLead({
      sellerId: m.s1.id,
      sales: [
        { campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 7000 },
        { campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 3000 },
      ],
      costCents: 3333,
    });
    expect((await ret(m, lead.id, { reason: "duplicate" }, "buyer1")).status).toBe(200);
    // 33.33 × 70 / 100 = 23.331 → 23.33; the lead is still sold to buyer 2.
    let claw = await prisma.transaction.findMany({
      where: { leadId: lead.id, type: "adjustment" },
      orderBy: { id: "asc" },
    });
    expect(claw.map((t) => toCents(t.amount))).toEqual([-2333]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("sold");

    expect((await ret(m, lead.id, { reason: "wrong_number" }, "buyer2")).status).toBe(200);
    claw = await prisma.transaction.findMany({
      where: { leadId: lead.id, type: "adjustment" },
      orderBy: { id: "asc" },
    });
    expect(claw.map((t) => [toCents(t.amount), t.saleId])).toEqual([
      [-2333, sales[0].id],
      [-1000, sales[1].id],
    ]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("returned");
  });

  it("three-way shared lead: 3.33 + 3.33 + the 3.34 remainder claws back exactly the 10.00 paid", async () => {
    const m = await makeMarket();
    const c3 = await prisma.buyerCampaign.create({
      data: {
        buyerId: m.b2.id,
        name: "B2 second",
        vertical: "home_services",
        geoStates: [],
        geoZips: [],
        pricePerLead: "10.00",
      },
    });
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [
        { campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 1000 },
        { campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 1000 },
        { campaignId: c3.id, buyerId: m.b2.id, priceCents: 1000 },
      ],
      costCents: 1000,
    });
    expect((await ret(m, lead.id, { reason: "duplicate" }, "buyer1")).status).toBe(200);
    expect((await ret(m, lead.id, { reason: "duplicate" }, "buyer2")).status).toBe(200);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("sold");
    expect((await ret(m, lead.id, { reason: "duplicate" }, "buyer2")).status).toBe(200);
    const claw = await prisma.transaction.findMany({
      where: { leadId: lead.id, type: "adjustment" },
      orderBy: { id: "asc" },
    });
    expect(claw.map((t) => toCents(t.amount))).toEqual([-333, -333, -334]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("returned");
    expect(await ret(m, lead.id, { reason: "duplicate" }, "buyer2")).toMatchObject({
      status: 409,
      body: { error: { code: "already_returned" } },
    });
  });

  it("parallel returns of both sales of a shared lead still mark the lead returned and claw back exactly the payout", async () => {
    const m = await makeMarket();
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [
        { campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 3333 },
        { campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 3333 },
      ],
      costCents: 2001,
    });
    const [a, b] = await Promise.all([
      ret(m, lead.id, { reason: "duplicate" }, "buyer1"),
      ret(m, lead.id, { reason: "duplicate" }, "buyer2"),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("returned");
    const claw = await prisma.transaction.aggregate({
      where: { leadId: lead.id, type: "adjustment" },
      _sum: { amount: true },
    });
    expect(toCents(claw._sum.amount!)).toBe(-2001);
  });

  it("admin: must say whose purchase of a shared lead to return; with RETURN_CLAWBACK off the seller keeps the payout", async () => {
    const m = await makeMarket();
    const { lead } = await sellLead({
      sellerId: m.s1.id,
      sales: [
        { campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5000 },
        { campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 4000 },
      ],
      costCents: 3000,
    });
    const ambiguous = await ret(m, lead.id, { reason: "duplicate" }, "admin");
    expect(ambiguous).toMatchObject({
      status: 400,
      body: {
        error: { code: "validation_failed", details: [{ field: "buyerId", issue: `one of ${m.b1.id}, ${m.b2.id}` }] },
      },
    });
    await returnLead(callerOf(m.users.admin), lead.id, { reason: "duplicate", buyerId: m.b2.id }, { clawback: false });
    const rows = await prisma.transaction.findMany({
      where: { leadId: lead.id, type: { in: ["return_credit", "adjustment"] } },
    });
    expect(rows.map((t) => [t.type, t.buyerId, toCents(t.amount)])).toEqual([["return_credit", m.b2.id, 4000]]);
  });
});
