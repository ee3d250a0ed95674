import { z } from "zod";

export const DELIVERY_STATUSES = ["pending", "in_progress", "delivered", "failed", "dead"] as const;

export const listDeliveriesQuery = z
  .object({
    buyerId: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe("Only this buyer's deliveries (buyers: must be their own)"),
    status: z
      .enum(DELIVERY_STATUSES)
      .optional()
      .describe(
        "pending (queued or waiting to retry), in_progress, delivered, failed (the buyer refused: rejected, 410, refused URL), dead (retries exhausted)",
      ),
    leadId: z.coerce.number().int().positive().optional().describe("Only deliveries of this lead"),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe("Page size"),
    cursor: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe("Return deliveries with an id below this (the previous page's nextCursor)"),
  })
  .strict()
  .describe("GET /api/deliveries query");

export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;
