// Money is never a float. Amounts travel as integer cents inside the app and as
// Prisma Decimals (numeric(12,2)) in the database; they are rounded once, at the boundary.
import { Prisma } from "./generated/prisma/client";

export type Cents = number;

const MONEY_RE = /^-?\d{1,10}(\.\d{1,2})?$/;

/** Parses "45.00", "45", 45, 45.5 into integer cents; null when it is not a money amount. */
export function toCents(value: unknown): Cents | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Prisma.Decimal) return decimalToCents(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    // Round via the decimal string so 0.1 + 0.2 style binary noise never leaks into cents.
    const s = value.toFixed(6);
    return toCents(Number(s).toFixed(2));
  }
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (!MONEY_RE.test(s)) return null;
  const negative = s.startsWith("-");
  const [whole, frac = ""] = s.replace("-", "").split(".");
  const cents = Number(whole) * 100 + Number(`${frac}00`.slice(0, 2));
  return negative ? -cents : cents;
}

/** A database numeric(12,2) → integer cents (always exact: the column holds two decimals). */
export function decimalToCents(d: Prisma.Decimal): Cents {
  return Number(d.mul(100).toFixed(0));
}

/** Cents → "45.00" (the documented string form). */
export function centsToString(cents: Cents): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return negative ? `-${s}` : s;
}

/** Cents → 45 (the documented number form, e.g. ping bidPrice). Exact for 2 decimals. */
export function centsToNumber(cents: Cents): number {
  return Number(centsToString(cents));
}

export function centsToDecimal(cents: Cents): Prisma.Decimal {
  return new Prisma.Decimal(centsToString(cents));
}

export function decimalToString(d: Prisma.Decimal | string | number): string {
  const c = toCents(d instanceof Prisma.Decimal ? d : String(d));
  return centsToString(c ?? 0);
}

export function decimalToNumber(d: Prisma.Decimal | string | number): number {
  return Number(decimalToString(d));
}

/** Formats cents for people: $1,234.50 */
export function formatUsd(cents: Cents): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}

export type LedgerType = "lead_sale" | "lead_purchase" | "return_credit" | "adjustment";

/**
 * How a ledger row moves its account's balance. The ledger is written from the
 * marketplace's side, as the API documentation shows it: a `lead_sale` is us selling a
 * lead to a buyer (buyerId set, debits the buyer's prepaid balance), a `lead_purchase`
 * is us buying it from the seller (sellerId set, credits the seller's payout balance),
 * a `return_credit` refunds a buyer, and an `adjustment` is signed either way.
 */
export function balanceEffect(type: LedgerType, amountCents: Cents): Cents {
  switch (type) {
    case "lead_sale":
      return -amountCents;
    case "lead_purchase":
    case "return_credit":
    case "adjustment":
      return amountCents;
  }
}
