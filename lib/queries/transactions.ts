// The ledger as buyers, sellers and admins read it: newest first, filtered, keyset-paginated.
// Callable from route handlers and server components: (viewer, filters).
import "server-only";
import { prisma, type Db, type Tx } from "../db";
import { ApiError } from "../api/errors";
import type { Prisma } from "../generated/prisma/client";
import { scopeBuyerId, scopeSellerId, type Viewer } from "../auth/ownership";
import { serializeTransaction } from "../serializers/transaction";
import { DEFAULT_LIMIT, encodeCursor } from "../validation/fields";
import type { TransactionListQuery } from "../validation/transaction";
import type { TransactionListJson } from "../openapi/types";

export async function listTransactions(
  viewer: Viewer,
  q: TransactionListQuery,
  db: Db | Tx = prisma,
): Promise<{ items: TransactionListJson; nextCursor: string | null }> {
  // A seller asking without ?sellerId gets its own; a buyer its own; an admin everything.
  const buyerId = scopeBuyerId(viewer, q.buyerId);
  const sellerId = scopeSellerId(viewer, q.sellerId);
  if (viewer.role !== "admin" && buyerId === undefined && sellerId === undefined) {
    throw new ApiError("forbidden", "Your login is not linked to a buyer or seller account");
  }
  const limit = q.limit ?? DEFAULT_LIMIT;
  const and: Prisma.TransactionWhereInput[] = [];
  if (buyerId !== undefined) and.push({ buyerId });
  if (sellerId !== undefined) and.push({ sellerId });
  if (q.type) and.push({ type: q.type });
  if (q.leadId) and.push({ leadId: q.leadId });
  if (q.from || q.to) and.push({ createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } });
  if (q.cursor) {
    const c = q.cursor;
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await db.transaction.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    skip: q.offset ?? 0,
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(serializeTransaction), nextCursor: more && last ? encodeCursor(last) : null };
}
