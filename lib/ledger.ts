// The only writer of money. Every balance change is a ledger row plus an atomic
// balance update in the same database transaction, so balances always equal the ledger.
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
 * The ledger rows alone. A caller that splits the two halves (the settle transaction writes
 * its rows first and touches the shared balance rows last, to hold their locks briefly) must
 * call applyBalances with the same entries in the same transaction.
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

/** Moves the balances of the accounts named in `entries` by their net effect: one UPDATE per account. */
export async function applyBalances(tx: Tx, entries: LedgerEntry[], opts: { guardBuyerFunds?: boolean } = {}) {
  const buyers = new Map<number, Cents>();
  const sellers = new Map<number, Cents>();
  for (const e of entries) {
    const effect = balanceEffect(e.type, e.amountCents);
    if (e.buyerId) buyers.set(e.buyerId, (buyers.get(e.buyerId) ?? 0) + effect);
    else if (e.sellerId) sellers.set(e.sellerId, (sellers.get(e.sellerId) ?? 0) + effect);
  }
  // Fixed order (by id) so concurrent transactions lock accounts in the same order.
  for (const [buyerId, delta] of [...buyers].sort((a, b) => a[0] - b[0])) {
    if (delta === 0) continue;
    if (opts.guardBuyerFunds && delta < 0) {
      const n = await tx.$executeRaw`
        UPDATE "Buyer" SET "balance" = "balance" + ${centsToString(delta)}::numeric, "updatedAt" = now()
        WHERE "id" = ${buyerId} AND "balance" + ${centsToString(delta)}::numeric >= -"creditLimit"`;
      if (n !== 1) throw new InsufficientFundsError(buyerId);
    } else {
      await tx.$executeRaw`
        UPDATE "Buyer" SET "balance" = "balance" + ${centsToString(delta)}::numeric, "updatedAt" = now() WHERE "id" = ${buyerId}`;
    }
  }
  for (const [sellerId, delta] of [...sellers].sort((a, b) => a[0] - b[0])) {
    if (delta === 0) continue;
    await tx.$executeRaw`
      UPDATE "Seller" SET "balance" = "balance" + ${centsToString(delta)}::numeric, "updatedAt" = now() WHERE "id" = ${sellerId}`;
  }
}
