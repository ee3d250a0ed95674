// The ledger invariant, for any test that moves money: every Buyer and Seller balance equals the
// sum of its ledger rows' effects (lib/money.ts balanceEffect). The same check as
// ledger-property.test.ts and seed.test.ts, as one function.
import { expect } from "vitest";
import { prisma } from "@/lib/db";
import { balanceEffect, toCents } from "@/lib/money";

export async function expectBalancesMatchLedger(): Promise<void> {
  const [txs, buyers, sellers] = await Promise.all([
    prisma.transaction.findMany({ select: { type: true, amount: true, buyerId: true, sellerId: true } }),
    prisma.buyer.findMany({ select: { id: true, balance: true } }),
    prisma.seller.findMany({ select: { id: true, balance: true } }),
  ]);
  const sum = (pred: (t: (typeof txs)[number]) => boolean) =>
    txs.filter(pred).reduce((n, t) => n + balanceEffect(t.type, toCents(t.amount)!), 0);
  const actual = {
    buyers: Object.fromEntries(buyers.map((b) => [b.id, toCents(b.balance)])),
    sellers: Object.fromEntries(sellers.map((s) => [s.id, toCents(s.balance)])),
  };
  const fromLedger = {
    buyers: Object.fromEntries(buyers.map((b) => [b.id, sum((t) => t.buyerId === b.id)])),
    sellers: Object.fromEntries(sellers.map((s) => [s.id, sum((t) => t.sellerId === s.id)])),
  };
  expect(actual, "balances == sum of ledger effects").toEqual(fromLedger);
}
