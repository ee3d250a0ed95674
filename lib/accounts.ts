// Buyer and seller accounts as the money API shows them, and admin adjustments: the only way
// to correct a balance by hand, always a new ledger row (never an edit) and always audit-logged.
import "server-only";
import { prisma, type Db, type Tx } from "./db";
import { ApiError } from "./api/errors";
import { audit } from "./audit";
import type { Caller } from "./auth/types";
import { notFound, notYours, owns, type Viewer } from "./auth/ownership";
import { postLedger } from "./ledger";
import { centsToString, decimalToString, toCents } from "./money";
import { serializeTransaction } from "./serializers/transaction";
import type { AdjustmentBody } from "./validation/transaction";
import type { BuyerAccountJson, SellerAccountJson, TransactionJson } from "./openapi/types";

export async function getBuyerAccount(viewer: Viewer, id: number, db: Db | Tx = prisma): Promise<BuyerAccountJson> {
  if (!owns(viewer, { buyerId: id })) throw notYours(viewer, "buyer", id, { buyerId: id });
  const b = await db.buyer.findUnique({ where: { id } });
  if (!b) throw notFound("buyer", id);
  const balance = toCents(b.balance) ?? 0;
  const creditLimit = toCents(b.creditLimit) ?? 0;
  return {
    id: b.id,
    companyName: b.companyName,
    email: b.email,
    status: b.status,
    balance: decimalToString(b.balance),
    creditLimit: decimalToString(b.creditLimit),
    // What sales may still take: a sale that would go below -creditLimit does not happen.
    availableFunds: centsToString(balance + creditLimit),
    createdAt: b.createdAt.toISOString(),
  };
}

export async function getSellerAccount(viewer: Viewer, id: number, db: Db | Tx = prisma): Promise<SellerAccountJson> {
  if (!owns(viewer, { sellerId: id })) throw notYours(viewer, "seller", id, { sellerId: id });
  const s = await db.seller.findUnique({ where: { id } });
  if (!s) throw notFound("seller", id);
  return {
    id: s.id,
    companyName: s.companyName,
    email: s.email,
    status: s.status,
    // What the platform owes the seller (lead purchases minus clawbacks and corrections).
    balance: decimalToString(s.balance),
    createdAt: s.createdAt.toISOString(),
  };
}

export async function postAdjustment(
  caller: Caller,
  body: AdjustmentBody,
  meta: { ip?: string | null } = {},
): Promise<TransactionJson> {
  if (caller.role !== "admin") throw new ApiError("forbidden", "Only admins may post adjustments");
  return prisma.$transaction(async (tx) => {
    const account = body.buyerId
      ? await tx.buyer.findUnique({ where: { id: body.buyerId }, select: { id: true } })
      : body.sellerId
        ? await tx.seller.findUnique({ where: { id: body.sellerId }, select: { id: true } })
        : null;
    if (!account) {
      const field = body.buyerId ? "buyerId" : "sellerId";
      throw new ApiError("validation_failed", "Request body failed validation", [
        { field, issue: `no ${field === "buyerId" ? "buyer" : "seller"} with id ${body.buyerId ?? body.sellerId}` },
      ]);
    }
    if (body.leadId && !(await tx.lead.findUnique({ where: { id: body.leadId }, select: { id: true } }))) {
      throw new ApiError("validation_failed", "Request body failed validation", [
        { field: "leadId", issue: `no lead with id ${body.leadId}` },
      ]);
    }
    const [row] = await postLedger(tx, [
      {
        type: "adjustment",
        amountCents: body.amount,
        buyerId: body.buyerId ?? null,
        sellerId: body.sellerId ?? null,
        leadId: body.leadId ?? null,
        note: body.note,
        createdById: caller.userId,
      },
    ]);
    // Same transaction: an adjustment without its audit entry cannot exist.
    await audit(
      {
        action: "transaction.adjustment",
        caller,
        targetType: body.buyerId ? "buyer" : "seller",
        targetId: body.buyerId ?? body.sellerId,
        ip: meta.ip ?? null,
        details: {
          transactionId: row.id,
          amount: centsToString(body.amount),
          note: body.note,
          leadId: body.leadId ?? null,
        },
      },
      tx,
    );
    return serializeTransaction(row);
  });
}
