// GET /api/transactions query string and the admin adjustment body (POST /api/transactions).
import { z } from "zod";
import { bodyId, checkRangeAndPaging, formatField, isoDate, opt, money, paginationFields, queryId } from "./fields";

export const TRANSACTION_TYPES = ["lead_sale", "lead_purchase", "return_credit", "adjustment"] as const;

export const TransactionListQuery = z
  .object({
    buyerId: queryId("buyer").optional().describe("A buyer's transactions (buyers: only their own)"),
    sellerId: queryId("seller").optional().describe("A seller's transactions (sellers: only their own)"),
    type: z.enum(TRANSACTION_TYPES).optional().describe("Only this transaction type"),
    leadId: queryId("lead").optional().describe("Only transactions of this lead"),
    from: opt(isoDate("start", "Created at or after (ISO date or date-time, inclusive)")),
    to: opt(isoDate("end", "Created at or before (ISO date or date-time, inclusive)")),
    ...paginationFields,
    ...formatField,
  })
  .superRefine((q, ctx) => {
    checkRangeAndPaging(q, ctx);
    if (q.buyerId !== undefined && q.sellerId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["sellerId"], message: "name either buyerId or sellerId, not both" });
    }
  })
  .describe("Filters for the transaction listing, newest first");
export type TransactionListQuery = z.infer<typeof TransactionListQuery>;

/** Largest single manual correction: a typo guard, not a business limit. */
export const MAX_ADJUSTMENT_CENTS = 100_000_000;

export const AdjustmentBody = z
  .strictObject({
    type: z
      .literal("adjustment", { error: 'only "adjustment" transactions can be created by hand' })
      .default("adjustment")
      .describe('Always "adjustment"'),
    buyerId: bodyId("buyer").optional().describe("The buyer account to adjust (exactly one of buyerId, sellerId)"),
    sellerId: bodyId("seller").optional().describe("The seller account to adjust (exactly one of buyerId, sellerId)"),
    amount: money({
      min: -MAX_ADJUSTMENT_CENTS,
      max: MAX_ADJUSTMENT_CENTS,
      allowZero: false,
      description: 'Signed amount: "100.00" credits the account, "-25.00" debits it',
    }),
    note: z
      .string()
      .trim()
      .min(3, "must explain the adjustment (at least 3 characters)")
      .max(500)
      .describe("Why: kept on the transaction and in the audit log"),
    leadId: bodyId("lead").optional().describe("The lead this corrects, if any"),
  })
  .superRefine((b, ctx) => {
    if ((b.buyerId === undefined) === (b.sellerId === undefined)) {
      ctx.addIssue({ code: "custom", path: ["buyerId"], message: "name exactly one of buyerId or sellerId" });
    }
  })
  .describe("An admin's manual adjustment to a buyer's or seller's balance");
export type AdjustmentBody = z.infer<typeof AdjustmentBody>;
