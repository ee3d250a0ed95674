// Request bodies of the seller API. Lead bodies are deliberately loose (sellers use many
// field spellings, see lib/pipeline/normalize.ts); these schemas check the types of the
// fields we know and document them. Missing or malformed lead fields are not 400s: they are
// rejection reasons the pipeline reports all at once.
import { z } from "zod";

const money = z.union([z.string(), z.number()]).describe('Money as a string ("28.00") or number');
const str = z.union([z.string(), z.number()]).transform(String);

export const pingBody = z
  .looseObject({
    vertical: z.string().min(1).describe("Vertical key, e.g. home_services"),
    subVertical: z.string().optional().describe("Sub-vertical, e.g. plumbing"),
    consumerState: z.string().optional().describe("Two-letter state"),
    consumerZip: str.optional().describe("5-digit ZIP"),
    listId: z.string().optional().describe("Intake list the lead will be posted to"),
    leadData: z.record(z.string(), z.unknown()).optional().describe("Non-PII lead attributes buyers filter on"),
  })
  .describe("A ping: partial, non-identifying lead data asking for a price");

export const ingestBody = z
  .looseObject({
    vertical: z.string().min(1).optional().describe("Vertical key; optional when listId names a list"),
    subVertical: z.string().optional(),
    sourceType: z.string().optional().describe("e.g. arb_purchase"),
    consumerName: z.string().optional(),
    consumerEmail: z.string().optional(),
    consumerPhone: str.optional().describe("10 digits; punctuation and a leading 1 are stripped"),
    consumerState: z.string().optional(),
    consumerZip: str.optional(),
    consumerCity: z.string().optional(),
    cost: money
      .optional()
      .describe(
        'The price the seller asks. Used only under an "as stated" payout rule (required there, refused above its maximum); fixed-price and revenue-share rules ignore it. The response\'s cost is what is paid.',
      ),
    pingId: z.string().optional().describe("Post against an earlier ping (within its TTL) to be paid the pinged price"),
    exclusive: z.boolean().optional().describe("Sell to one buyer only (paid the exclusive ping price)"),
    test: z
      .union([z.boolean(), z.literal("true"), z.literal("false")])
      .optional()
      .describe("Run the pipeline without selling anything"),
    leadData: z.record(z.string(), z.unknown()).optional(),
    consent: z
      .looseObject({ text: z.string().optional(), timestamp: z.string().optional(), ip: z.string().optional() })
      .optional()
      .describe("TCPA consent: the text shown and when it was given"),
  })
  .describe("A full lead; any documented field spelling is accepted");
