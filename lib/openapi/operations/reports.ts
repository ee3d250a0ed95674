// Monthly statements and the supply/demand gap report.
import type { OperationSpec } from "../builder";
import { KEY_OR_SESSION, curlGet, errors } from "../common";
import { CsvExport, Statement, UnsoldReport } from "../responses";
import { StatementQuery } from "../../validation/statement";
import { UnsoldReportQuery } from "../../validation/report";

export const STATEMENT_CSV_EXAMPLE =
  'date,id,type,category,leadId,saleId,note,amount,balance\r\n2026-03-01T00:00:00.000Z,,opening_balance,,,,"Opening balance, buyer 1 Acme Roofing",,500.00\r\n2026-03-03T10:30:15.000Z,812,lead_sale,purchases,1234,77,,-55.00,445.00\r\n2026-04-01T00:00:00.000Z,,closing_balance,,,,Closing balance,,445.00\r\n';

export const reportOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/statements",
    operationId: "getStatement",
    tag: "Transactions & billing",
    summary: "Account statement for a period",
    description:
      "A buyer's statement (purchases, return credits, adjustments) or a seller's payout statement (payouts for accepted leads, clawbacks on returns, adjustments) for a calendar month (`month=2026-03`, the default is the current month) or an inclusive date range (`from`/`to`, at most 366 days), with opening and closing balance. Computed from the ledger: opening = every earlier entry, closing = opening + the period's entries. Buyers and sellers get their own; admins name `buyerId` or `sellerId`. With `format=csv` (or `Accept: text/csv`): an opening-balance line, every entry of the period oldest first with its signed amount and running balance, and a closing-balance line, streamed.",
    roles: ["buyer", "seller", "admin"],
    security: KEY_OR_SESSION,
    query: StatementQuery,
    responses: {
      200: {
        description: "The statement (JSON), or its lines as text/csv",
        schema: Statement,
        example: {
          account: { type: "buyer", id: 1, name: "Acme Roofing" },
          from: "2026-03-01T00:00:00.000Z",
          to: "2026-04-01T00:00:00.000Z",
          openingBalance: "500.00",
          categories: [
            { category: "purchases", count: 1, amount: "-55.00" },
            { category: "return_credits", count: 0, amount: "0.00" },
            { category: "adjustments", count: 0, amount: "0.00" },
          ],
          closingBalance: "445.00",
          currentBalance: "445.00",
          reconciled: true,
        },
        alternatives: [{ contentType: "text/csv", schema: CsvExport, example: STATEMENT_CSV_EXAMPLE }],
      },
      ...errors(400, 401, 403, 404),
    },
    curl: curlGet("/api/statements?month=2026-03&format=csv"),
  },
  {
    method: "get",
    path: "/api/reports/unsold",
    operationId: "unsoldReport",
    tag: "Reports",
    summary: "Why accepted leads went unsold (supply/demand gap)",
    description:
      "Unsold leads of the period (default: the last 30 days; at most 366) by vertical × consumer state × the reason a campaign passed, with the revenue left on the table. Admins: every unsold lead. Sellers: their own leads. Buyers: their own campaigns' passes. Outcomes store no price: `revenueLeft` uses each passing campaign's current `pricePerLead`, taking per lead the best one among the campaigns that passed for that reason. A lead passed for several reasons counts under each.",
    roles: ["buyer", "seller", "admin"],
    security: KEY_OR_SESSION,
    query: UnsoldReportQuery,
    responses: {
      200: {
        description: "Report rows (JSON), or with format=csv / Accept: text/csv the same rows as CSV",
        alternatives: [
          {
            contentType: "text/csv",
            schema: CsvExport,
            example: "vertical,state,reason,leads,revenueLeft\r\nhome_services,TX,cap_reached,42,2310.00\r\n",
          },
        ],
        schema: UnsoldReport,
        example: [
          { vertical: "home_services", state: "TX", reason: "cap_reached", leads: 42, revenueLeft: "2310.00" },
          { vertical: "solar", state: "WY", reason: "no_campaign", leads: 17, revenueLeft: "0.00" },
        ],
      },
      ...errors(400, 401, 403),
    },
    curl: curlGet("/api/reports/unsold?from=2026-03-01&to=2026-03-31"),
  },
];
