import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { toCents } from "@/lib/money";
import { returnLead } from "@/lib/returns";
import * as txRoute from "@/app/api/transactions/route";
import * as buyerRoute from "@/app/api/buyers/[id]/route";
import * as sellerRoute from "@/app/api/sellers/[id]/route";
import { call } from "./helpers/api";
import { callerOf, makeMarket, sellLead, type Market } from "./helpers/market";

type Who = keyof Market["users"];
const list = (m: Market, qs = "", as: Who | null = "buyer1") =>
  call(txRoute.GET, "GET", `/api/transactions${qs}`, { as: as ? m.users[as] : null });
const adjust = (m: Market, body: unknown, as: Who = "admin") =>
  call(txRoute.POST, "POST", "/api/transactions", { as: m.users[as], body });
const types = (body: { type: string; amount: string }[]) => body.map((t) => `${t.type} ${t.amount}`);

async function history(m: Market) {
  const a = await sellLead({
    sellerId: m.s1.id,
    sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
    costCents: 2800,
    createdAt: new Date("2026-03-03T10:30:15Z"),
    returnWindowHours: 24 * 365 * 10,
  });
  const b = await sellLead({
    sellerId: m.s1.id,
    sales: [{ campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 4000 }],
    costCents: 1500,
    createdAt: new Date("2026-03-04T09:00:00Z"),
  });
  await returnLead(callerOf(m.users.buyer1), a.lead.id, { reason: "wrong_number" });
  return { a, b };
}

describe("GET /api/transactions", () => {
  it("answers the documented array for a buyer, newest first", async () => {
    const m = await makeMarket();
    const { a } = await history(m);
    const res = await list(m, `?buyerId=${m.b1.id}`);
    expect(res.status).toBe(200);
    expect(types(res.body)).toEqual(["return_credit 55.00", "lead_sale 55.00", "adjustment 1000.00"]);
    const sale = res.body[1];
    expect(sale).toEqual({
      id: expect.any(Number),
      type: "lead_sale",
      leadId: a.lead.id,
      buyerId: m.b1.id,
      sellerId: null,
      saleId: a.sales[0].id,
      amount: "55.00",
      status: "completed",
      note: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    // A buyer without ?buyerId gets its own.
    expect(types((await list(m)).body)).toEqual(types(res.body));
  });

  it("a seller sees its purchases and clawbacks; filters by type, lead and date; paginates", async () => {
    const m = await makeMarket();
    const { a, b } = await history(m);
    const res = await list(m, `?sellerId=${m.s1.id}`, "seller1");
    expect(types(res.body)).toEqual(["adjustment -28.00", "lead_purchase 15.00", "lead_purchase 28.00"]);
    expect(res.body[0]).toMatchObject({ sellerId: m.s1.id, buyerId: null, leadId: a.lead.id });
    expect(types((await list(m, "?type=lead_purchase", "seller1")).body)).toEqual([
      "lead_purchase 15.00",
      "lead_purchase 28.00",
    ]);
    expect(types((await list(m, `?leadId=${b.lead.id}`, "seller1")).body)).toEqual(["lead_purchase 15.00"]);
    // Ledger rows are stamped when they are written (today), whatever the lead's own date.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect((await list(m, `?from=${day(0)}&to=${day(0)}`, "seller1")).body).toHaveLength(3);
    expect((await list(m, `?from=${day(1)}`, "seller1")).body).toHaveLength(0);
    expect((await list(m, `?to=${day(-1)}`, "seller1")).body).toHaveLength(0);

    const first = await list(m, "?limit=2", "seller1");
    expect(first.body).toHaveLength(2);
    const next = first.headers.get("x-next-cursor")!;
    const second = await list(m, `?limit=2&cursor=${next}`, "seller1");
    expect(types(second.body)).toEqual(["lead_purchase 28.00"]);
    expect(second.headers.get("x-next-cursor")).toBeNull();
    expect(types((await list(m, "?offset=2", "seller1")).body)).toEqual(["lead_purchase 28.00"]);
  });

  it("an admin sees everything, or one account", async () => {
    const m = await makeMarket();
    await history(m);
    expect((await list(m, "", "admin")).body).toHaveLength(2 + 2 + 2 + 2);
    expect(types((await list(m, `?buyerId=${m.b2.id}`, "admin")).body)).toEqual([
      "lead_sale 40.00",
      "adjustment 1000.00",
    ]);
  });

  it.each([
    ["a buyer naming another buyer", "buyer1" as Who, (m: Market) => `?buyerId=${m.b2.id}`, 403, "forbidden"],
    ["a buyer naming a seller", "buyer1" as Who, (m: Market) => `?sellerId=${m.s1.id}`, 403, "forbidden"],
    ["a seller naming a buyer", "seller1" as Who, (m: Market) => `?buyerId=${m.b1.id}`, 403, "forbidden"],
    ["a seller naming another seller", "seller1" as Who, (m: Market) => `?sellerId=${m.s2.id}`, 403, "forbidden"],
    [
      "both buyerId and sellerId",
      "admin" as Who,
      (m: Market) => `?buyerId=${m.b1.id}&sellerId=${m.s1.id}`,
      400,
      "validation_failed",
    ],
    ["an unknown type", "buyer1" as Who, () => "?type=refund", 400, "validation_failed"],
    ["a bad date", "buyer1" as Who, () => "?to=03/04/2026", 400, "validation_failed"],
  ])("refuses %s", async (_n, as, qs, status, code) => {
    const m = await makeMarket();
    expect(await list(m, qs(m), as)).toMatchObject({ status, body: { error: { code } } });
  });

  it("401 without a session", async () => {
    const m = await makeMarket();
    expect((await list(m, "", null)).status).toBe(401);
  });
});

describe("POST /api/transactions (admin adjustment)", () => {
  it("posts a signed adjustment, moves the balance and writes the audit log in the same transaction", async () => {
    const m = await makeMarket();
    const res = await adjust(m, {
      type: "adjustment",
      buyerId: m.b1.id,
      amount: "-12.50",
      note: "Goodwill correction",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      type: "adjustment",
      buyerId: m.b1.id,
      sellerId: null,
      amount: "-12.50",
      note: "Goodwill correction",
      status: "completed",
    });
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: m.b1.id } })).balance)).toBe(100_000 - 1250);
    const row = await prisma.transaction.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.createdById).toBe(m.users.admin.id);
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "transaction.adjustment" } });
    expect(log).toMatchObject({
      actorUserId: m.users.admin.id,
      actorRole: "admin",
      targetType: "buyer",
      targetId: String(m.b1.id),
    });
    expect(log.details).toEqual({
      transactionId: res.body.id,
      amount: "-12.50",
      note: "Goodwill correction",
      leadId: null,
    });

    const seller = await adjust(m, { sellerId: m.s2.id, amount: 7, note: "Late bonus" });
    expect(seller.body).toMatchObject({ sellerId: m.s2.id, amount: "7.00" });
    expect(toCents((await prisma.seller.findUniqueOrThrow({ where: { id: m.s2.id } })).balance)).toBe(700);
  });

  it.each([
    ["no note", { buyerId: 1, amount: "5.00" }, "note"],
    ["a too-short note", { buyerId: 1, amount: "5.00", note: "x" }, "note"],
    ["zero", { buyerId: 1, amount: "0.00", note: "nothing" }, "amount"],
    ["three decimals", { buyerId: 1, amount: "1.234", note: "precise" }, "amount"],
    ["an absurd amount", { buyerId: 1, amount: "99999999.00", note: "typo" }, "amount"],
    ["both accounts", { buyerId: 1, sellerId: 1, amount: "5.00", note: "both" }, "buyerId"],
    ["no account", { amount: "5.00", note: "nobody" }, "buyerId"],
    ["another type", { type: "lead_sale", buyerId: 1, amount: "5.00", note: "sale" }, "type"],
    ["a missing buyer", { buyerId: 4242, amount: "5.00", note: "ghost" }, "buyerId"],
    ["a missing lead", { buyerId: 1, leadId: 4242, amount: "5.00", note: "ghost lead" }, "leadId"],
  ])("400 for %s, naming the field, with nothing written", async (_n, body, field) => {
    const m = await makeMarket();
    const before = await prisma.transaction.count();
    const res = await adjust(m, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await prisma.transaction.count()).toBe(before);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("403 for buyers and sellers", async () => {
    const m = await makeMarket();
    for (const who of ["buyer1", "seller1"] as Who[]) {
      expect(await adjust(m, { buyerId: m.b1.id, amount: "5.00", note: "self-service" }, who)).toMatchObject({
        status: 403,
        body: { error: { code: "forbidden" } },
      });
    }
  });
});

describe("GET /api/buyers/{id} and /api/sellers/{id}", () => {
  it("shows the balance, credit limit and available funds to the buyer itself and admins; 404 to others", async () => {
    const m = await makeMarket();
    await history(m);
    const get = (id: number, as: Who) =>
      call(buyerRoute.GET, "GET", `/api/buyers/${id}`, { as: m.users[as], params: { id: String(id) } });
    const res = await get(m.b1.id, "buyer1");
    expect(res.body).toEqual({
      id: m.b1.id,
      companyName: "Buyer One",
      email: null,
      status: "active",
      balance: "1000.00",
      creditLimit: "500.00",
      availableFunds: "1500.00",
      createdAt: expect.any(String),
    });
    expect((await get(m.b2.id, "admin")).body).toMatchObject({
      balance: "960.00",
      creditLimit: "0.00",
      availableFunds: "960.00",
    });
    const nf = { status: 404, body: { error: { code: "not_found", message: `No buyer with id ${m.b2.id}` } } };
    expect(await get(m.b2.id, "buyer1")).toMatchObject(nf);
    expect(await get(m.b2.id, "seller1")).toMatchObject(nf);
    expect(await get(777, "admin")).toMatchObject({ status: 404 });
  });

  it("shows a seller its payout balance", async () => {
    const m = await makeMarket();
    await history(m);
    const get = (id: number, as: Who) =>
      call(sellerRoute.GET, "GET", `/api/sellers/${id}`, { as: m.users[as], params: { id: String(id) } });
    expect((await get(m.s1.id, "seller1")).body).toMatchObject({
      id: m.s1.id,
      companyName: "Seller One",
      balance: "15.00",
    });
    expect(await get(m.s2.id, "seller1")).toMatchObject({ status: 404 });
    expect(await get(m.s1.id, "buyer1")).toMatchObject({ status: 404 });
    expect((await get(m.s2.id, "admin")).body.balance).toBe("0.00");
  });
});
