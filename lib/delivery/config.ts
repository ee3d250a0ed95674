// BuyerCampaign.deliveryConfig: how we reach a buyer's own systems. One schema documents every
// option (it feeds the OpenAPI document); parseDeliveryConfig turns a stored JSON value into it.
import { z } from "zod";

export const TRANSFORMS = ["none", "digits", "upper", "lower", "trim", "date", "boolean_yes_no", "string"] as const;

// Only http(s): checked here so a bad scheme is a 400 at campaign save, not a failed delivery later.
// Private addresses are refused at call time (lib/delivery/ssrf.ts), after DNS resolution.
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).max(2000);

export const fieldMappingSchema = z
  .object({
    from: z
      .string()
      .min(1)
      .max(100)
      .describe(
        "Our lead field (firstName, consumerEmail, consumerPhone, consumerState, consumerZip, dob, leadId, price, ... or leadData.<key>)",
      ),
    to: z.string().min(1).max(100).describe("The buyer's field name in the body they expect"),
    transform: z
      .enum(TRANSFORMS)
      .default("none")
      .describe("Value transform: digits keeps 0-9 (10-digit phones), date reformats YYYY-MM-DD with `format`"),
    format: z
      .string()
      .max(40)
      .optional()
      .describe("For transform=date: output pattern using YYYY, MM, DD (e.g. MM/DD/YYYY)"),
    required: z.boolean().default(false).describe("Refuse to post (pre-check) when the value is empty"),
  })
  .describe("One field of the buyer's body, copied from one of ours");

export const responsePathsSchema = z
  .object({
    success: z
      .string()
      .max(100)
      .optional()
      .describe(
        'Dot path of the buyer\'s success flag (true/"true"/1/"accepted" mean accepted); unset: any 2xx is success',
      ),
    price: z.string().max(100).optional().describe("Dot path of the price the buyer accepted, in dollars (e.g. bid)"),
    leadId: z
      .string()
      .max(100)
      .optional()
      .describe("Dot path of the buyer's own lead id, stored on the sale for reconciliation (e.g. lead_id)"),
    error: z.string().max(100).optional().describe("Dot path of the buyer's error message"),
    details: z
      .string()
      .max(100)
      .optional()
      .describe("Dot path of structured failure details (e.g. details, holding failedSources/reasons)"),
  })
  .describe("Where to read the buyer's answer");

export const deliveryConfigSchema = z
  .object({
    url: httpUrl
      .optional()
      .describe(
        "Where we POST: the webhook receiver or the buyer's lead API (http or https; private addresses are refused)",
      ),
    format: z
      .enum(["json", "form"])
      .default("json")
      .describe("Body encoding for http_post: application/json or application/x-www-form-urlencoded"),
    preset: z
      .enum(["seed001"])
      .optional()
      .describe(
        "A built-in buyer format: complianceExamples = the Top of Funnel / Juiced Media lead API (fields, token in body, accepted states, success/bid/lead_id)",
      ),
    mapping: z
      .array(fieldMappingSchema)
      .max(100)
      .optional()
      .describe("Our field → their field; replaces the preset's mapping when given"),
    constants: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .refine((c) => Object.keys(c).length <= 100, "at most 100 constants")
      .optional()
      .describe(
        "Fixed values added to every body, e.g. their listId and campaignId (at most 100; names ≤100, values ≤1000 characters)",
      ),
    token: z.string().max(500).optional().describe("The buyer's API token"),
    tokenIn: z
      .enum(["header", "body", "bearer"])
      .optional()
      .describe(
        "Where the token goes: a header named tokenField, a body field named tokenField, or Authorization: Bearer",
      ),
    tokenField: z.string().max(100).optional().describe("Header or body field name for the token (default: token)"),
    headers: z
      .record(z.string().max(100), z.string().max(1000))
      .refine((h) => Object.keys(h).length <= 50, "at most 50 headers")
      .optional()
      .describe("Extra request headers"),
    responsePaths: responsePathsSchema.optional(),
    acceptedStates: z
      .array(z.string().length(2))
      .max(60)
      .optional()
      .describe("Pre-check: never post a lead from another state (two-letter codes)"),
    synchronous: z
      .boolean()
      .default(true)
      .describe(
        "http_post only: call the buyer inside the ingest request and let their answer decide the sale; false = deliver after the sale from the queue",
      ),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(30_000)
      .optional()
      .describe("Per-call timeout; default DELIVERY_TIMEOUT_MS (2000)"),
    bidWindowMs: z
      .number()
      .int()
      .min(50)
      .max(10_000)
      .default(1000)
      .describe("Dynamic bids: how long we wait for the ping answer"),
    bidPath: z
      .string()
      .max(100)
      .default("bid")
      .describe("Dynamic bids: dot path of the bid (dollars) in the ping answer"),
    probeUrl: httpUrl.optional().describe("Circuit breaker probe (GET); default: the delivery url"),
  })
  .describe("BuyerCampaign.deliveryConfig");

export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type ResponsePaths = z.infer<typeof responsePathsSchema>;

/** A stored config that no longer validates still yields defaults: delivery then fails visibly (no url). */
export function parseDeliveryConfig(value: unknown): DeliveryConfig {
  const r = deliveryConfigSchema.safeParse(value ?? {});
  return r.success ? r.data : deliveryConfigSchema.parse({});
}
