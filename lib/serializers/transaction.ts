// Transaction row → the documented ledger entry: amount as a decimal string (signed for
// adjustments, positive otherwise), ISO dates.
import type { Transaction } from "../generated/prisma/client";
import { decimalToString } from "../money";
import type { TransactionJson } from "../openapi/types";

export function serializeTransaction(t: Transaction): TransactionJson {
  return {
    id: t.id,
    type: t.type,
    leadId: t.leadId,
    buyerId: t.buyerId,
    sellerId: t.sellerId,
    saleId: t.saleId,
    amount: decimalToString(t.amount),
    status: t.status,
    note: t.note,
    createdAt: t.createdAt.toISOString(),
  };
}
