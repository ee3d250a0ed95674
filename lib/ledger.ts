// The writer of money for adjustments and returns. Every balance change is a ledger row plus an
// atomic balance update in the same database transaction, so balances always equal the ledger.
// A sale's rows and balance moves are written by the same rules inside the settle function
// (tlg_settle, prisma/migrations/20261201224500_settle_in_one_round_trip), in one statement.
import { Prisma } from "./generated/prisma/client";
import type { Tx } from "./db";
import { balanceEffect, centsToDecimal, centsToString, type Cents, type LedgerType } from "./money";

export type LedgerEntry = {
  type: LedgerType;
  /** Positive for lead_sale, lead_purchase, return_credit; signed for adjustment. */
  amountCents: Cents;
  buyerId?: number | null;
  sellerId?: number | null;
  leadId?: number | null;
  saleId?: number | null;
  note?: string | null;
  createdById?: string | null;
};

export class InsufficientFundsError extends Error {
  constructor(readonly buyerId: number) {
    super(`Buyer ${buyerId} has insufficient balance and credit`);
  }
}

/**
 * Writes ledger rows and moves balances. With `guardBuyerFunds`, a buyer whose net debit
 * would take the balance below -creditLimit is refused by a conditional UPDATE (the
 * database decides, so parallel sales cannot overdraw) and InsufficientFundsError is
 * thrown: the caller's transaction rolls back.
 */
export async function postLedger(tx: Tx, entries: LedgerEntry[], opts: { guardBuyerFunds?: boolean } = {}) {
  const rows = await insertLedgerRows(tx, entries);
  await applyBalances(tx, entries, opts);
  return rows;
}

/**
 * The ledger rows alone. A caller that writes them apart from postLedger must move the balances
 * of the same entries in the same transaction, with balanceUpdates.
 */
export async function insertLedgerRows(tx: Tx, entries: LedgerEntry[]) {
  if (!entries.length) return [];
  for (const e of entries) {
    if (!Number.isInteger(e.amountCents)) throw new Error(`ledger amount must be integer cents, got ${e.amountCents}`);
    if (e.type !== "adjustment" && e.amountCents <= 0) throw new Error(`${e.type} amount must be positive`);
    if (!e.buyerId === !e.sellerId) throw new Error("a ledger row belongs to exactly one buyer or seller");
  }
  // createManyAndReturn: callers (admin adjustments) answer with the row they wrote.
  return tx.transaction.createManyAndReturn({
    data: entries.map((e) => ({
      type: e.type,
      amount: centsToDecimal(e.amountCents),
      buyerId: e.buyerId ?? null,
      sellerId: e.sellerId ?? null,
      leadId: e.leadId ?? null,
      saleId: e.saleId ?? null,
      note: e.note ?? null,
      createdById: e.createdById ?? null,
    })),
  });
}

export type BalanceUpdate = ({ buyerId: number; guarded: boolean } | { sellerId: number; guarded: false }) & {
  sql: Prisma.Sql;
};

/**
 * The balance moves of `entries`: one UPDATE per account by its net effect, buyers then sellers,
 * each by id (so concurrent transactions lock accounts in the same order). With `guardBuyerFunds`
 * a buyer's net debit carries the guard balance >= -creditLimit and changes no row when refused.
 * Each statement ends with RETURNING 1, so a caller may also fold them into one statement as CTEs.
 */
export function balanceUpdates(entries: LedgerEntry[], opts: { guardBuyerFunds?: boolean } = {}): BalanceUpdate[] {
  const buyers = new Map<number, Cents>();
  const sellers = new Map<number, Cents>();
  for (const e of entries) {
    const effect = balanceEffect(e.type, e.amountCents);
    if (e.buyerId) buyers.set(e.buyerId, (buyers.get(e.buyerId) ?? 0) + effect);
    else if (e.sellerId) sellers.set(e.sellerId, (sellers.get(e.sellerId) ?? 0) + effect);
  }
  const updates: BalanceUpdate[] = [];
  for (const [buyerId, delta] of [...buyers].sort((a, b) => a[0] - b[0])) {
    if (delta === 0) continue;
    const guarded = !!opts.guardBuyerFunds && delta < 0;
    const amount = centsToString(delta);
    updates.push({
      buyerId,
      guarded,
      sql: guarded
        ? Prisma.sql`UPDATE "Buyer" SET "balance" = "balance" + ${amount}::numeric, "updatedAt" = now()
            WHERE "id" = ${buyerId} AND "balance" + ${amount}::numeric >= -"creditLimit" RETURNING 1`
        : Prisma.sql`UPDATE "Buyer" SET "balance" = "balance" + ${amount}::numeric, "updatedAt" = now() WHERE "id" = ${buyerId} RETURNING 1`,
    });
  }
  for (const [sellerId, delta] of [...sellers].sort((a, b) => a[0] - b[0])) {
    if (delta === 0) continue;
    updates.push({
      sellerId,
      guarded: false,
      sql: Prisma.sql`UPDATE "Seller" SET "balance" = "balance" + ${centsToString(delta)}::numeric, "updatedAt" = now() WHERE "id" = ${sellerId} RETURNING 1`,
    });
  }
  return updates;
}

async function applyBalances(tx: Tx, entries: LedgerEntry[], opts: { guardBuyerFunds?: boolean }) {
  for (const u of balanceUpdates(entries, opts)) {
    const n = await tx.$executeRaw(u.sql);
    if (u.guarded && n !== 1) throw new InsufficientFundsError(u.buyerId);
  }
}
