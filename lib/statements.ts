// Account statements from the ledger (lib/ledger.ts writes every balance change as a Transaction
// row): opening balance = every entry before the period, closing = opening + the period's entries,
// so a statement reconciles to the ledger by construction, and the ledger's all-time sum is checked
// against the account's stored balance (`reconciled`).
import "server-only";
import { Prisma } from "./generated/prisma/client";
import { prisma, type Db } from "./db";
import { ApiError } from "./api/errors";
import { csvResponse, type CsvColumn } from "./csv";
import { EXPORT_BATCH } from "./api/paginate";
import { balanceEffect, centsToString, toCents } from "./money";
import { notFound, scopeBuyerId, scopeSellerId, type Viewer } from "./auth/ownership";
import { statementPeriod, type StatementQuery } from "./validation/statement";
import type { StatementJson } from "./openapi/types";

/** How a ledger row is grouped on a statement. A seller adjustment tied to a sale is a return clawback. */
export const STATEMENT_CATEGORIES = ["purchases", "return_credits", "payouts", "clawbacks", "adjustments"] as const;
export type StatementCategory = (typeof STATEMENT_CATEGORIES)[number];

// The same rules in SQL (for the totals) and in code (for the lines): lib/money.ts balanceEffect.
const CATEGORY_SQL = Prisma.sql`CASE WHEN t.type = 'lead_sale' THEN 'purchases' WHEN t.type = 'return_credit' THEN 'return_credits'
  WHEN t.type = 'lead_purchase' THEN 'payouts' WHEN t.type = 'adjustment' AND t."sellerId" IS NOT NULL AND t."saleId" IS NOT NULL THEN 'clawbacks'
  ELSE 'adjustments' END`;
const EFFECT_SQL = Prisma.sql`CASE WHEN t.type = 'lead_sale' THEN -t.amount ELSE t.amount END`;

function categoryOf(t: { type: string; sellerId: number | null; saleId: number | null }): StatementCategory {
  if (t.type === "lead_sale") return "purchases";
  if (t.type === "return_credit") return "return_credits";
  if (t.type === "lead_purchase") return "payouts";
  return t.sellerId !== null && t.saleId !== null ? "clawbacks" : "adjustments";
}

const BUYER_CATEGORIES: StatementCategory[] = ["purchases", "return_credits", "adjustments"];
const SELLER_CATEGORIES: StatementCategory[] = ["payouts", "clawbacks", "adjustments"];

type Account = { kind: "buyer" | "seller"; id: number; name: string; balanceCents: number };

async function resolveAccount(viewer: Viewer, q: StatementQuery, db: Db): Promise<Account> {
  const buyerId = scopeBuyerId(viewer, q.buyerId);
  const sellerId = scopeSellerId(viewer, q.sellerId);
  if (buyerId !== undefined) {
    const b = await db.buyer.findUnique({
      where: { id: buyerId },
      select: { id: true, companyName: true, balance: true },
    });
    if (!b) throw notFound("buyer", buyerId);
    return { kind: "buyer", id: b.id, name: b.companyName, balanceCents: toCents(b.balance) ?? 0 };
  }
  if (sellerId !== undefined) {
    const s = await db.seller.findUnique({
      where: { id: sellerId },
      select: { id: true, companyName: true, balance: true },
    });
    if (!s) throw notFound("seller", sellerId);
    return { kind: "seller", id: s.id, name: s.companyName, balanceCents: toCents(s.balance) ?? 0 };
  }
  if (viewer.role === "admin") {
    throw new ApiError("validation_failed", "Query parameters failed validation", [
      { field: "buyerId", issue: "name the buyerId or sellerId whose statement you want" },
    ]);
  }
  throw new ApiError("forbidden", "Your login is not linked to a buyer or seller account");
}

const owner = (a: Account) =>
  a.kind === "buyer" ? Prisma.sql`t."buyerId" = ${a.id}` : Prisma.sql`t."sellerId" = ${a.id}`;

export async function accountStatement(viewer: Viewer, q: StatementQuery, db: Db = prisma, now = new Date()) {
  const account = await resolveAccount(viewer, q, db);
  const { from, to } = statementPeriod(q, now);
  const [[totals], groups] = await Promise.all([
    db.$queryRaw<{ opening: Prisma.Decimal | null; after: Prisma.Decimal | null; all: Prisma.Decimal | null }[]>`
      SELECT sum(${EFFECT_SQL}) FILTER (WHERE t."createdAt" < ${from}) AS opening,
             sum(${EFFECT_SQL}) FILTER (WHERE t."createdAt" >= ${to}) AS after,
             sum(${EFFECT_SQL}) AS all
      FROM "Transaction" t WHERE ${owner(account)}`,
    db.$queryRaw<{ category: StatementCategory; n: bigint; effect: Prisma.Decimal }[]>`
      SELECT ${CATEGORY_SQL} AS category, count(*) AS n, sum(${EFFECT_SQL}) AS effect
      FROM "Transaction" t WHERE ${owner(account)} AND t."createdAt" >= ${from} AND t."createdAt" < ${to} GROUP BY 1`,
  ]);
  const c = (d: Prisma.Decimal | null | undefined) => (d == null ? 0 : (toCents(d) ?? 0));
  const openingCents = c(totals?.opening);
  const wanted = account.kind === "buyer" ? BUYER_CATEGORIES : SELLER_CATEGORIES;
  const categories = wanted.map((category) => {
    const g = groups.find((r) => r.category === category);
    return { category, count: g ? Number(g.n) : 0, amountCents: c(g?.effect) };
  });
  const periodCents = groups.reduce((s, g) => s + c(g.effect), 0);
  const closingCents = openingCents + periodCents;
  return {
    account: { type: account.kind, id: account.id, name: account.name },
    from: from.toISOString(),
    to: to.toISOString(),
    openingBalance: centsToString(openingCents),
    categories: categories.map((x) => ({ category: x.category, count: x.count, amount: centsToString(x.amountCents) })),
    closingBalance: centsToString(closingCents),
    currentBalance: centsToString(account.balanceCents),
    // The stored balance equals the ledger's sum (every change is a ledger row, lib/ledger.ts).
    reconciled: c(totals?.all) === account.balanceCents && closingCents + c(totals?.after) === account.balanceCents,
    _cents: { openingCents, closingCents, categories },
  };
}

export type Statement = Awaited<ReturnType<typeof accountStatement>>;

/** The statement for the API: the documented fields only. */
export function serializeStatement(s: Statement): StatementJson {
  const { _cents, ...rest } = s;
  void _cents;
  return rest;
}

type Line = {
  date: string;
  id: number | string;
  type: string;
  category: string;
  leadId: number | null;
  saleId: number | null;
  note: string | null;
  amount: string;
  balance: string;
};

const LINE_COLUMNS: CsvColumn<Line>[] = (
  ["date", "id", "type", "category", "leadId", "saleId", "note", "amount", "balance"] as const
).map((k) => ({ header: k, value: (r: Line) => r[k] }));

/**
 * The statement as CSV: an opening-balance line, every ledger entry of the period oldest first with
 * its signed amount and the running balance, and a closing-balance line. Read in keyset batches.
 */
export async function statementCsv(
  viewer: Viewer,
  q: StatementQuery,
  db: Db = prisma,
  now = new Date(),
): Promise<Response> {
  const s = await accountStatement(viewer, q, db, now);
  const where: Prisma.TransactionWhereInput = {
    ...(s.account.type === "buyer" ? { buyerId: s.account.id } : { sellerId: s.account.id }),
    createdAt: { gte: new Date(s.from), lt: new Date(s.to) },
  };
  let running = s._cents.openingCents;
  let cursor: { createdAt: Date; id: number } | null = null;
  let stage: "opening" | "lines" | "closing" | "done" = "opening";
  const next = async (): Promise<Line[]> => {
    if (stage === "opening") {
      stage = "lines";
      return [
        {
          date: s.from,
          id: "",
          type: "opening_balance",
          category: "",
          leadId: null,
          saleId: null,
          note: `Opening balance, ${s.account.type} ${s.account.id} ${s.account.name}`,
          amount: "",
          balance: s.openingBalance,
        },
      ];
    }
    if (stage === "lines") {
      const c: { createdAt: Date; id: number } | null = cursor;
      const rows = await db.transaction.findMany({
        where: c
          ? { AND: [where, { OR: [{ createdAt: { gt: c.createdAt } }, { createdAt: c.createdAt, id: { gt: c.id } }] }] }
          : where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: EXPORT_BATCH,
        select: {
          id: true,
          type: true,
          amount: true,
          sellerId: true,
          saleId: true,
          leadId: true,
          note: true,
          createdAt: true,
        },
      });
      if (rows.length < EXPORT_BATCH) stage = "closing";
      if (rows.length) cursor = rows[rows.length - 1];
      if (rows.length) {
        return rows.map((t) => {
          const effect = balanceEffect(t.type, toCents(t.amount) ?? 0);
          running += effect;
          return {
            date: t.createdAt.toISOString(),
            id: t.id,
            type: t.type,
            category: categoryOf(t),
            leadId: t.leadId,
            saleId: t.saleId,
            note: t.note,
            amount: centsToString(effect),
            balance: centsToString(running),
          };
        });
      }
    }
    if (stage === "closing") {
      stage = "done";
      return [
        {
          date: s.to,
          id: "",
          type: "closing_balance",
          category: "",
          leadId: null,
          saleId: null,
          note: "Closing balance",
          amount: "",
          balance: centsToString(running),
        },
      ];
    }
    return [];
  };
  return csvResponse(`statement-${s.account.type}-${s.account.id}-${s.from.slice(0, 10)}.csv`, LINE_COLUMNS, next);
}
