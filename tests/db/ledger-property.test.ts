// Property: whatever sequence of sales, returns (some racing) and admin adjustments happens,
//   every balance equals the sum of its ledger rows' effects (lib/money.ts balanceEffect),
//   no ledger row is ever changed or removed (and the database refuses UPDATE/DELETE),
//   revenue − cost = margin on every sold lead, each returned sale has exactly one credit of its
//   price, and clawbacks never exceed what the seller was paid (exactly that once fully returned).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { prisma } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import { postLedger } from "@/lib/ledger";
import { balanceEffect, toCents } from "@/lib/money";
import { returnLead } from "@/lib/returns";
import { RETURN_REASONS } from "@/lib/validation/lead-query";
import { callerOf, makeMarket, sellLead, type Market } from "./helpers/market";

type Cmd =
  | { kind: "sell"; buyers: number[]; prices: number[]; cost: number }
  | { kind: "return"; pick: number; reason: (typeof RETURN_REASONS)[number]; racers: number }
  | { kind: "adjust"; account: number; amount: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    kind: fc.constant("sell" as const),
    // Slot 2 is buyer 2's second campaign: a lead may be shared three ways (MAX_SHARED_SALES).
    buyers: fc.subarray([0, 1, 2], { minLength: 1 }),
    prices: fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 3, maxLength: 3 }),
    cost: fc.integer({ min: 0, max: 15_000 }),
  }),
  fc.record({
    kind: fc.constant("return" as const),
    pick: fc.nat(),
    reason: fc.constantFrom(...RETURN_REASONS.filter((r) => r !== "other")),
    racers: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("adjust" as const),
    account: fc.integer({ min: 0, max: 3 }),
    amount: fc.integer({ min: -50_000, max: 50_000 }).filter((n) => n !== 0),
  }),
);

async function reset() {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
  );
}

async function run(m: Market & { c3: Market["c2"] }, c: Cmd, clawback: boolean) {
  const buyers = [m.b1, m.b2, m.b2];
  const campaigns = [m.c1, m.c2, m.c3];
  const users = [m.users.buyer1, m.users.buyer2];
  if (c.kind === "sell") {
    await sellLead({
      sellerId: m.s1.id,
      sales: c.buyers.map((i) => ({ campaignId: campaigns[i].id, buyerId: buyers[i].id, priceCents: c.prices[i] })),
      costCents: c.cost,
    });
  } else if (c.kind === "return") {
    const sales = await prisma.leadSale.findMany({ orderBy: { id: "asc" } });
    if (!sales.length) return;
    // Half the picks target the newest lead, so leads do get fully returned (the clawback remainder path).
    const newest = sales[sales.length - 1].leadId;
    const pool = c.pick % 2 === 0 ? sales.filter((s) => s.leadId === newest) : sales;
    const sale = pool[Math.floor(c.pick / 2) % pool.length];
    const who = callerOf(users[buyers.findIndex((b) => b.id === sale.buyerId)]);
    const results = await Promise.allSettled(
      Array.from({ length: c.racers }, () => returnLead(who, sale.leadId, { reason: c.reason }, { clawback })),
    );
    for (const r of results) {
      if (r.status === "rejected" && !(r.reason instanceof ApiError && r.reason.code === "already_returned"))
        throw r.reason;
    }
    // The buyer returns its purchase of the lead that is still sold. A buyer whose two campaigns
    // both bought the lead holds two: a racer that starts after another committed returns the
    // second one, so up to min(racers, open) succeed — each a different sale (credited once each,
    // checked in checkInvariants); with one open sale exactly one succeeds.
    const open = sales.filter(
      (s) => s.leadId === sale.leadId && s.buyerId === sale.buyerId && s.status === "sold",
    ).length;
    const fulfilled = results.filter((r) => r.status === "fulfilled").length;
    expect(fulfilled).toBeGreaterThanOrEqual(open ? 1 : 0);
    expect(fulfilled).toBeLessThanOrEqual(Math.min(c.racers, open));
  } else {
    const account = c.account < 2 ? { buyerId: buyers[c.account].id } : { sellerId: [m.s1.id, m.s2.id][c.account - 2] };
    await prisma.$transaction((tx) =>
      postLedger(tx, [{ type: "adjustment", amountCents: c.amount, note: "property", ...account }]),
    );
  }
}

async function checkInvariants(clawback: boolean) {
  const txs = await prisma.transaction.findMany({ orderBy: { id: "asc" } });
  const sum = (pred: (t: (typeof txs)[number]) => boolean) =>
    txs.filter(pred).reduce((n, t) => n + balanceEffect(t.type, toCents(t.amount)!), 0);
  for (const b of await prisma.buyer.findMany()) expect(toCents(b.balance)).toBe(sum((t) => t.buyerId === b.id));
  for (const s of await prisma.seller.findMany()) expect(toCents(s.balance)).toBe(sum((t) => t.sellerId === s.id));

  const leads = await prisma.lead.findMany({ include: { sales: true } });
  for (const l of leads) {
    expect(toCents(l.revenue)! - toCents(l.cost)!).toBe(toCents(l.margin));
    expect(toCents(l.revenue)).toBe(l.sales.reduce((n, s) => n + toCents(s.price)!, 0));
    const allReturned = l.sales.every((s) => s.status === "returned");
    expect(l.status).toBe(allReturned ? "returned" : "sold");
    for (const s of l.sales) {
      const credits = txs.filter((t) => t.type === "return_credit" && t.saleId === s.id);
      expect(credits.map((t) => toCents(t.amount))).toEqual(s.status === "returned" ? [toCents(s.price)] : []);
    }
    const paid = txs
      .filter((t) => t.type === "lead_purchase" && t.leadId === l.id)
      .reduce((n, t) => n + toCents(t.amount)!, 0);
    const clawed =
      0 -
      txs
        .filter((t) => t.type === "adjustment" && t.leadId === l.id && t.saleId !== null)
        .reduce((n, t) => n + toCents(t.amount)!, 0);
    expect(clawed).toBeLessThanOrEqual(paid);
    expect(clawed).toBeGreaterThanOrEqual(0);
    if (allReturned && clawback) expect(clawed).toBe(paid);
    if (!clawback) expect(clawed).toBe(0);
  }
  expect(await prisma.leadReturn.count()).toBe(
    leads.flatMap((l) => l.sales).filter((s) => s.status === "returned").length,
  );
  return txs;
}

describe("ledger invariants (fast-check)", () => {
  it("random sales, racing returns and adjustments keep every balance equal to its ledger", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 10 }), fc.boolean(), async (cmds, clawback) => {
        await reset();
        const base = await makeMarket();
        const c3 = await prisma.buyerCampaign.create({
          data: {
            buyerId: base.b2.id,
            name: "B2 second",
            vertical: "home_services",
            geoStates: [],
            geoZips: [],
            pricePerLead: "10.00",
          },
        });
        const m = { ...base, c3 };
        let seen = await prisma.transaction.findMany({ orderBy: { id: "asc" } });
        for (const c of cmds) {
          await run(m, c, clawback);
          const now = await checkInvariants(clawback);
          // Append-only: every row seen before is still there, unchanged.
          expect(now.slice(0, seen.length)).toEqual(seen);
          seen = now;
        }
      }),
      { numRuns: 25, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
  }, 240_000);

  it("the database refuses to update or delete a ledger row", async () => {
    const m = await makeMarket();
    await sellLead({
      sellerId: m.s1.id,
      sales: [{ campaignId: m.c1.id, buyerId: m.b1.id, priceCents: 100 }],
      costCents: 50,
    });
    const t = await prisma.transaction.findFirstOrThrow({ where: { type: "lead_sale" } });
    await expect(prisma.$executeRaw`UPDATE "Transaction" SET "amount" = 0 WHERE "id" = ${t.id}`).rejects.toThrow(
      /immutable/,
    );
    await expect(prisma.$executeRaw`DELETE FROM "Transaction" WHERE "id" = ${t.id}`).rejects.toThrow(/immutable/);
    expect(toCents((await prisma.transaction.findUniqueOrThrow({ where: { id: t.id } })).amount)).toBe(100);
  });
});
