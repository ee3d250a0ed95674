// CSV exports of the listings (GET /api/leads, GET /api/transactions with format=csv or
// Accept: text/csv): the same rows, scope and filters as the JSON listing, every matching row,
// read in keyset batches and streamed.
import "server-only";
import { csvResponse, type CsvColumn } from "./csv";
import { EXPORT_BATCH, keysetBatches } from "./api/paginate";
import { balanceEffect, centsToString, toCents, type LedgerType } from "./money";
import { listLeads } from "./queries/leads";
import { listTransactions } from "./queries/transactions";
import type { Viewer } from "./auth/ownership";
import type { LeadListQuery } from "./validation/lead-query";
import type { TransactionListQuery } from "./validation/transaction";

type Row = Record<string, unknown>;
const col = (header: string, key = header): CsvColumn<Row> => ({ header, value: (r) => r[key] });
const stamp = () => new Date().toISOString().slice(0, 10);

/** Paging parameters do not apply to an export: it is every row the filters match. */
function unpaged<Q extends { limit?: number; cursor?: unknown; offset?: number }>(q: Q): Q {
  return { ...q, limit: EXPORT_BATCH, cursor: undefined, offset: undefined };
}

const LEAD_COLUMNS = {
  buyer: [
    "id",
    "createdAt",
    "status",
    "vertical",
    "subVertical",
    "firstName",
    "lastName",
    "consumerName",
    "consumerEmail",
    "consumerPhone",
    "consumerAddress",
    "consumerCity",
    "consumerState",
    "consumerZip",
    "revenue",
    "qualityScore",
  ],
  seller: [
    "id",
    "createdAt",
    "status",
    "vertical",
    "subVertical",
    "firstName",
    "lastName",
    "consumerName",
    "consumerEmail",
    "consumerPhone",
    "consumerAddress",
    "consumerCity",
    "consumerState",
    "consumerZip",
    "cost",
    "qualityScore",
    "rejectionReasons",
  ],
  admin: [
    "id",
    "createdAt",
    "status",
    "vertical",
    "subVertical",
    "sellerId",
    "buyerId",
    "firstName",
    "lastName",
    "consumerName",
    "consumerEmail",
    "consumerPhone",
    "consumerAddress",
    "consumerCity",
    "consumerState",
    "consumerZip",
    "revenue",
    "cost",
    "margin",
    "qualityScore",
    "rejectionReasons",
  ],
} as const;

export async function exportLeads(viewer: Viewer, q: LeadListQuery): Promise<Response> {
  const base = unpaged(q);
  const next = await keysetBatches((cursor) => listLeads(viewer, { ...base, cursor }, undefined, { contact: true }));
  // The view follows the scope listLeads chose: a buyer's purchases, a seller's submissions, or all.
  const view =
    viewer.role === "buyer" || q.buyerId !== undefined
      ? "buyer"
      : viewer.role === "seller" || q.sellerId !== undefined
        ? "seller"
        : "admin";
  return csvResponse(
    `leads-${stamp()}.csv`,
    LEAD_COLUMNS[view].map((k) => col(k)),
    next as () => Promise<Row[]>,
  );
}

const TRANSACTION_COLUMNS: CsvColumn<Row>[] = [
  col("id"),
  col("createdAt"),
  col("type"),
  col("amount"),
  // What the entry did to its account's balance, signed (a sale debits the buyer): sums to the balance.
  { header: "balanceEffect", value: (r) => centsToString(balanceEffect(r.type as LedgerType, toCents(r.amount) ?? 0)) },
  col("status"),
  col("buyerId"),
  col("sellerId"),
  col("leadId"),
  col("saleId"),
  col("note"),
];

export async function exportTransactions(viewer: Viewer, q: TransactionListQuery): Promise<Response> {
  const base = unpaged(q);
  const next = await keysetBatches((cursor) => listTransactions(viewer, { ...base, cursor }));
  return csvResponse(`transactions-${stamp()}.csv`, TRANSACTION_COLUMNS, next as () => Promise<Row[]>);
}
