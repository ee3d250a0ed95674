import { z } from "zod";

export const suppressionKind = z
  .enum(["dnc", "blacklist"])
  .describe("dnc: Do Not Call registry entry; blacklist: never buy this consumer");
export const suppressionType = z.enum(["phone", "email", "ip"]).describe("What `value` is");

export const createSuppressionBody = z.object({
  kind: suppressionKind,
  type: suppressionType,
  value: z.string().trim().min(1).max(254).describe("Phone (any punctuation), email or IP address"),
  reason: z.string().max(500).optional().describe("Why it was added"),
  source: z.string().max(200).optional().describe("Where it came from (e.g. a registry export)"),
});

export const listSuppressionsQuery = z.object({
  kind: suppressionKind.optional(),
  type: suppressionType.optional(),
  q: z.string().max(254).optional().describe("Substring of the stored value"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().min(1).optional().describe("Id of the last row of the previous page"),
});

export const importSuppressionsQuery = z.object({
  kind: suppressionKind.default("dnc"),
  type: suppressionType.default("phone"),
  source: z.string().max(200).optional(),
});
