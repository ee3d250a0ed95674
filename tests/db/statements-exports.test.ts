// Statements (GET /api/statements) reconcile to the ledger; CSV exports of /api/transactions and
// /api/leads are real, injection-safe CSV, honour the listing's scope and filters, and stream.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import v8 from "node:v8";
import vm from "node:vm";
import { parse } from "csv-parse/sync";
import { prisma } from "@/lib/db";
import { sessionCookie } from "@/lib/auth/session";
import { balanceUpdates, type LedgerEntry } from "@/lib/ledger";
import { centsToDecimal } from "@/lib/money";
import * as statementRoute from "@/app/api/statements/route";
import * as txRoute from "@/app/api/transactions/route";
import * as leadsRoute from "@/app/api/leads/route";
import { call } from "./helpers/api";
import { makeMarket, sellLead, type Market } from "./helpers/market";

type Who = keyof Market["users"];

/** A ledger row at a chosen time, with its balance move (what postLedger does, dated for a period test). */
async function dated(entry: LedgerEntry, createdAt: string) {
  await prisma.$transaction(async (tx) => {
    await tx.transaction.create({
      data: {
        type: entry.type,
        amount: centsToDecimal(entry.amountCents),
        buyerId: entry.buyerId ?? null,
        sellerId: entry.sellerId ?? null,
        leadId: entry.leadId ?? null,
        saleId: entry.saleId ?? null,
        note: entry.note ?? null,
        createdAt: new Date(createdAt),
      },
    });
    for (const u of balanceUpdates([entry])) await tx.$executeRaw(u.sql);
  });
}

/** A raw GET returning the text body (CSV) and headers. */
async function getText(
  handler: unknown,
  path: string,
  as: Market["users"][Who] | null,
  headers: Record<string, string> = {},
) {
  const { status, text, headers: h } = await call(handler as never, "GET", path, { as, headers });
  return { status, text, headers: h };
}
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

/** Market with a dated history: b1 gets 1000.00 in Feb, and in March buys, returns and is adjusted. */
async function march(m: Market) {
  // makeMarket deposited 1000.00 to each buyer today; the dated rows below go around it.
  const lead = await sellLead({
    sellerId: m.s1.id,
    sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 1 }],
    costCents: 0,
  });
  const sale = await prisma.leadSale.findFirstOrThrow({ where: { leadId: lead.lead.id } });
  await dated(
    { type: "adjustment", amountCents: 50_000, buyerId: m.b1.id, note: "February deposit" },
    "2026-02-10T12:00:00Z",
  );
  await dated(
    { type: "lead_sale", amountCents: 5500, buyerId: m.b1.id, leadId: lead.lead.id, saleId: sale.id },
    "2026-03-03T10:30:15Z",
  );
  await dated(
    { type: "return_credit", amountCents: 5500, buyerId: m.b1.id, leadId: lead.lead.id, saleId: sale.id },
    "2026-03-05T09:00:00Z",
  );
  await dated(
    {
      type: "adjustment",
      amountCents: -1000,
      buyerId: m.b1.id,
      note: '=HYPERLINK("http://evil.example","fee, monthly")',
    },
    "2026-03-10T08:00:00Z",
  );
  await dated(
    { type: "lead_sale", amountCents: 4000, buyerId: m.b1.id, leadId: lead.lead.id, saleId: sale.id },
    "2026-04-02T08:00:00Z",
  );
  // Seller: a payout, its clawback (tied to the sale) and a plain adjustment in March.
  await dated(
    { type: "lead_purchase", amountCents: 2800, sellerId: m.s1.id, leadId: lead.lead.id, saleId: sale.id },
    "2026-03-03T10:30:15Z",
  );
  await dated(
    {
      type: "adjustment",
      amountCents: -2800,
      sellerId: m.s1.id,
      leadId: lead.lead.id,
      saleId: sale.id,
      note: "Return clawback",
    },
    "2026-03-05T09:00:00Z",
  );
  await dated({ type: "adjustment", amountCents: 500, sellerId: m.s1.id, note: "Bonus" }, "2026-03-20T09:00:00Z");
  return { lead, sale };
}

const statement = (m: Market, qs: string, as: Who | null = "buyer1") =>
  call(statementRoute.GET, "GET", `/api/statements${qs}`, { as: as ? m.users[as] : null });

describe("GET /api/statements", () => {
  it("a buyer's month: opening, purchases, return credits, adjustments, closing, reconciled with the ledger", async () => {
    const m = await makeMarket();
    await march(m);
    const res = await statement(m, "?month=2026-03");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      account: { type: "buyer", id: m.b1.id, name: "Buyer One" },
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
      openingBalance: "500.00",
      categories: [
        { category: "purchases", count: 1, amount: "-55.00" },
        { category: "return_credits", count: 1, amount: "55.00" },
        { category: "adjustments", count: 1, amount: "-10.00" },
      ],
      closingBalance: "490.00",
      // Today's 1000.00 deposit and today's 0.01 sale, and April's 40.00 purchase, come after March.
      currentBalance: "1449.99",
      reconciled: true,
    });
    // A range: from the 4th (after the purchase) to April 30th inclusive.
    const range = await statement(m, "?from=2026-03-04&to=2026-04-30");
    expect([range.body.openingBalance, range.body.closingBalance]).toEqual(["445.00", "450.00"]);
    // Every statement's closing balance plus later entries is the stored balance (the ledger sum).
    const buyer = await prisma.buyer.findUniqueOrThrow({ where: { id: m.b1.id } });
    expect(buyer.balance.toFixed(2)).toBe("1449.99");
  });

  it("a seller's payout statement: payouts, clawbacks, adjustments, balance owed", async () => {
    const m = await makeMarket();
    await march(m);
    const res = await statement(m, "?month=2026-03", "seller1");
    expect(res.body).toMatchObject({
      account: { type: "seller", id: m.s1.id, name: "Seller One" },
      openingBalance: "0.00",
      categories: [
        { category: "payouts", count: 1, amount: "28.00" },
        { category: "clawbacks", count: 1, amount: "-28.00" },
        { category: "adjustments", count: 1, amount: "5.00" },
      ],
      closingBalance: "5.00",
      reconciled: true,
    });
    // An admin names the account; the same numbers.
    expect((await statement(m, `?sellerId=${m.s1.id}&month=2026-03`, "admin")).body.closingBalance).toBe("5.00");
  });

  it("as CSV: opening line, each entry oldest first with running balance, closing line = closingBalance", async () => {
    const m = await makeMarket();
    await march(m);
    const res = await getText(statementRoute.GET, "/api/statements?month=2026-03&format=csv", m.users.buyer1);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="statement-buyer-\d+-2026-03-01\.csv"$/,
    );
    const rows = rowsOf(res.text);
    expect(rows.map((r) => [r.type, r.category, r.amount, r.balance])).toEqual([
      ["opening_balance", "", "", "500.00"],
      ["lead_sale", "purchases", "-55.00", "445.00"],
      ["return_credit", "return_credits", "55.00", "500.00"],
      ["adjustment", "adjustments", "-10.00", "490.00"],
      ["closing_balance", "", "", "490.00"],
    ]);
    // The formula in the note is neutralised, its comma and quotes survive quoting.
    expect(rows[3].note).toBe(`'=HYPERLINK("http://evil.example","fee, monthly")`);
    // Accept: text/csv does the same.
    const viaAccept = await getText(statementRoute.GET, "/api/statements?month=2026-03", m.users.buyer1, {
      accept: "text/csv",
    });
    expect(viaAccept.text).toBe(res.text);
  });

  it.each([
    ["?month=2026-13", "buyer1", 400, "month"],
    ["?month=2026-03&from=2026-03-01&to=2026-03-02", "buyer1", 400, "from"],
    ["?from=2026-03-01", "buyer1", 400, "to"],
    ["?from=2026-03-05&to=2026-03-01", "buyer1", 400, "to"],
    ["?from=2025-01-01&to=2026-03-01", "buyer1", 400, "to"],
    ["?from=2026-02-30&to=2026-03-01", "buyer1", 400, "from"],
    ["?format=xml", "buyer1", 400, "format"],
    ["?buyerId=1&sellerId=1", "admin", 400, "sellerId"],
    ["", "admin", 400, "buyerId"],
    ["?buyerId=abc", "admin", 400, "buyerId"],
  ] as const)("%s as %s → %i naming %s", async (qs, as, status, field) => {
    const m = await makeMarket();
    const res = await statement(m, qs, as);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("another account is 403 (named) or 404 (absent); no session is 401", async () => {
    const m = await makeMarket();
    expect((await statement(m, `?buyerId=${m.b2.id}`)).status).toBe(403);
    expect((await statement(m, `?buyerId=${m.b1.id}`, "seller1")).status).toBe(403);
    expect((await statement(m, `?sellerId=${m.s2.id}`, "seller1")).status).toBe(403);
    expect((await statement(m, "?buyerId=999999", "admin")).status).toBe(404);
    expect((await statement(m, "", null)).status).toBe(401);
  });
});

describe("CSV exports", () => {
  it("GET /api/transactions?format=csv: every entry the JSON listing scopes, neutralised, quoted, limit ignored", async () => {
    const m = await makeMarket();
    await march(m);
    const json = await call(txRoute.GET, "GET", "/api/transactions?limit=200", { as: m.users.buyer1 });
    const res = await getText(txRoute.GET, "/api/transactions?format=csv&limit=1", m.users.buyer1);
    expect(res.status).toBe(200);
    const rows = rowsOf(res.text);
    expect(rows.map((r) => Number(r.id))).toEqual(json.body.map((t: { id: number }) => t.id));
    expect(rows.every((r) => r.buyerId === String(m.b1.id))).toBe(true);
    expect(Object.keys(rows[0])).toEqual([
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
    const fee = rows.find((r) => r.note.includes("HYPERLINK"))!;
    expect([fee.amount, fee.balanceEffect, fee.note]).toEqual([
      "-10.00",
      "-10.00",
      `'=HYPERLINK("http://evil.example","fee, monthly")`,
    ]);
    expect(rows.find((r) => r.type === "lead_sale")!.balanceEffect).toMatch(/^-\d+\.\d\d$/);
    // Filters apply as in JSON; Accept: text/csv works; a seller's export is the seller's.
    const sales = rowsOf(
      (await getText(txRoute.GET, "/api/transactions?type=lead_sale", m.users.buyer1, { accept: "text/csv" })).text,
    );
    expect(new Set(sales.map((r) => r.type))).toEqual(new Set(["lead_sale"]));
    const seller = rowsOf((await getText(txRoute.GET, "/api/transactions?format=csv", m.users.seller1)).text);
    expect(seller.length).toBe(3);
    expect((await getText(txRoute.GET, `/api/transactions?format=csv&buyerId=${m.b2.id}`, m.users.buyer1)).status).toBe(
      403,
    );
  });

  it("GET /api/leads?format=csv: the caller's rows with contact columns; every formula-leading cell neutralised", async () => {
    const m = await makeMarket();
    const hostile = [
      "=cmd|' /C calc'!A0",
      "+SUM(1,2)",
      "-2+3",
      "@import",
      "\tTab",
      "\rCarriage",
      'Comma, "Quote"\nNewline',
    ];
    for (const name of hostile) {
      const l = await sellLead({
        sellerId: m.s1.id,
        sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 5500 }],
        costCents: 2800,
      });
      await prisma.lead.update({ where: { id: l.lead.id }, data: { consumerName: name } });
    }
    await sellLead({
      sellerId: m.s2.id,
      sales: [{ campaignId: m.c2.id, buyerId: m.b2.id, priceCents: 4000 }],
      costCents: 1500,
      consumerState: "TX",
    });
    const res = await getText(leadsRoute.GET, "/api/leads?format=csv", m.users.buyer1);
    expect(res.status).toBe(200);
    const rows = rowsOf(res.text);
    expect(rows).toHaveLength(hostile.length);
    expect(rows.map((r) => r.consumerName).sort()).toEqual(
      [
        "'=cmd|' /C calc'!A0",
        "'+SUM(1,2)",
        "'-2+3",
        "'@import",
        "'\tTab",
        "'\rCarriage",
        'Comma, "Quote"\nNewline',
      ].sort(),
    );
    expect(rows[0]).toMatchObject({
      revenue: "55.00",
      consumerPhone: expect.stringMatching(/^3105550\d{3}$/),
      consumerEmail: expect.stringContaining("@"),
    });
    expect(Object.keys(rows[0])).not.toContain("cost");
    // Seller view: its own submissions with cost; admin with the page's filters (state).
    const seller2 = rowsOf((await getText(leadsRoute.GET, "/api/leads?format=csv", m.users.seller2)).text);
    expect(seller2.map((r) => [r.consumerState, r.cost])).toEqual([["TX", "15.00"]]);
    const admin = rowsOf((await getText(leadsRoute.GET, "/api/leads?format=csv&state=tx", m.users.admin)).text);
    expect(admin.map((r) => r.sellerId)).toEqual([String(m.s2.id)]);
    const searched = rowsOf((await getText(leadsRoute.GET, "/api/leads?format=csv&q=Newline", m.users.buyer1)).text);
    expect(searched).toHaveLength(1);
    expect((await getText(leadsRoute.GET, "/api/leads?format=pdf", m.users.buyer1)).status).toBe(400);
    expect((await getText(leadsRoute.GET, "/api/leads?format=csv&state=ZZ", m.users.admin)).status).toBe(400);
  });

  it("streams 100k ledger rows in batches: the header arrives first, memory stays flat", async () => {
    const m = await makeMarket();
    await prisma.$executeRaw`
      INSERT INTO "Transaction" ("type", "amount", "buyerId", "note", "createdAt")
      SELECT 'adjustment', 1.00, ${m.b1.id}, 'bulk row ' || g, now() - g * interval '1 second' FROM generate_series(1, 100000) g`;
    // Retained memory, not garbage awaiting collection: collect before each sample.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage();
    const c = await sessionCookie(m.users.buyer1);
    const res = await txRoute.GET(
      new NextRequest("http://localhost/api/transactions?format=csv", { headers: { cookie: `${c.name}=${c.value}` } }),
      { params: Promise.resolve({}) },
    );
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let bytes = 0;
    let peakHeap = 0;
    let peakRss = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      bytes += value.byteLength;
      lines += decoder.decode(value).split("\r\n").length - 1;
      if (chunks % 10 === 0) {
        gc();
        const now = process.memoryUsage();
        peakHeap = Math.max(peakHeap, now.heapUsed);
        peakRss = Math.max(peakRss, now.rss);
      }
    }
    const heapGrowthMb = (peakHeap - before.heapUsed) / 2 ** 20;
    const rssGrowthMb = (peakRss - before.rss) / 2 ** 20;
    console.log(
      `[export memory] 100,000 rows + 1 deposit, ${(bytes / 2 ** 20).toFixed(1)} MB of CSV in ${chunks} chunks: ` +
        `peak heapUsed (after GC) ${heapGrowthMb >= 0 ? "+" : ""}${heapGrowthMb.toFixed(1)} MB, peak RSS ${rssGrowthMb >= 0 ? "+" : ""}${rssGrowthMb.toFixed(1)} MB over the baseline`,
    );
    expect(lines).toBe(1 + 100_001);
    expect(chunks).toBeGreaterThan(100); // a header chunk and then one per 1000-row batch
    // Buffered, 100k rows would be ~12 MB of CSV plus far more in row objects; streamed, one batch.
    expect(heapGrowthMb).toBeLessThan(8);
  }, 120_000);
});
