// GET /api/leads query string and the return request body.
import { z } from "zod";
import { checkRangeAndPaging, formatField, isoDate, opt, paginationFields, queryId, US_STATES } from "./fields";
import { UNSOLD_REASON_FILTERS } from "../pipeline/reasons";

export const LEAD_STATUSES = ["pending", "sold", "unsold", "rejected", "returned"] as const;

export const LeadListQuery = z
  .object({
    buyerId: queryId("buyer")
      .optional()
      .describe("Leads bought by this buyer (buyers: only their own; default: their own)"),
    sellerId: queryId("seller")
      .optional()
      .describe("Leads submitted by this seller (sellers: only their own; default: their own)"),
    status: z
      .enum(LEAD_STATUSES)
      .optional()
      .describe("Only leads in this status (for a buyer: the status of its purchase)"),
    vertical: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, "must be a vertical key such as home_services")
      .optional()
      .describe("Only leads of this vertical"),
    state: z
      .string()
      .trim()
      .toUpperCase()
      .refine((s) => (US_STATES as readonly string[]).includes(s), "must be a two-letter US state code such as CA")
      .optional()
      .describe("Only leads whose consumer lives in this state"),
    unsoldReason: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, `must be a reason code such as ${UNSOLD_REASON_FILTERS.slice(0, 3).join(", ")}`)
      .optional()
      .describe(
        "Only leads on which some campaign passed for this reason (no_campaign: no campaign considered the lead); the gap report's drill-down",
      ),
    q: z
      .string()
      .trim()
      .min(1)
      .max(100, "must be at most 100 characters")
      .optional()
      .describe("Search: consumer name or email (contains), phone digits, or a lead id"),
    consentRevoked: z
      .enum(["true", "false"], { error: "must be true or false" })
      .transform((v) => v === "true")
      .optional()
      .describe("true: only leads whose consumer revoked consent; false: only the others"),
    from: opt(isoDate("start", "Created at or after (ISO date or date-time, inclusive)")),
    to: opt(
      isoDate("end", "Created at or before (ISO date or date-time, inclusive; a bare date includes the whole day)"),
    ),
    ...paginationFields,
    ...formatField,
  })
  .superRefine(checkRangeAndPaging)
  .describe("Filters for the lead listing, newest first");
export type LeadListQuery = z.infer<typeof LeadListQuery>;

/** Why a buyer may return a lead. `other` needs a note. */
export const RETURN_REASONS = [
  "disconnected_phone",
  "wrong_number",
  "duplicate",
  "fake_information",
  "not_interested",
  "outside_service_area",
  "other",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const ReturnBody = z
  .object({
    reason: z
      .enum(RETURN_REASONS, { error: `must be one of: ${RETURN_REASONS.join(", ")}` })
      .describe("Why the lead is returned"),
    note: z.string().trim().max(500).optional().describe("Free text; required when reason is other"),
    buyerId: z
      .union([
        z.number().int().min(1),
        z
          .string()
          .regex(/^\d{1,9}$/)
          .transform(Number),
      ])
      .optional()
      .describe("Admins only, for a lead shared by several buyers: whose purchase to return"),
  })
  .superRefine((b, ctx) => {
    if (b.reason === "other" && !b.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "is required when reason is other" });
  })
  .describe("Return a purchased lead");
export type ReturnBody = z.infer<typeof ReturnBody>;
