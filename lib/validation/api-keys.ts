import { z } from "zod";

const accountId = z.number().int().positive().max(2_147_483_647);

export const CreateApiKeyBody = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .default("API key")
      .describe('A label to recognise the key by, e.g. "CRM integration"'),
    buyerId: accountId
      .optional()
      .describe("Admins: the buyer account the key acts for. Buyers may omit it (their own)."),
    sellerId: accountId
      .optional()
      .describe("Admins: the seller account the key acts for. Sellers may omit it (their own)."),
  })
  .refine((b) => b.buyerId === undefined || b.sellerId === undefined, {
    message: "a key belongs to one account: send buyerId or sellerId, not both",
    path: ["sellerId"],
  })
  .describe("POST /api/api-keys");
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

export const ListApiKeysQuery = z
  .object({
    buyerId: z.string().optional().describe("Admins: only this buyer's keys"),
    sellerId: z.string().optional().describe("Admins: only this seller's keys"),
  })
  .describe("GET /api/api-keys");
