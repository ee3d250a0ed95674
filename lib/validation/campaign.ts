// Buyer campaign bodies (POST /api/buyer-campaigns, PATCH /api/buyer-campaigns/{id}) and the list query.
// Field-level rules live here; rules that need the database (the vertical exists) or the merged
// state of a PATCH (a webhook needs a URL) are in campaignRuleIssues / lib/campaigns.ts.
import { z } from "zod";
import type { ErrorDetail } from "../api/errors";
import { deliveryConfigSchema } from "../delivery/config";
import { bodyId, money, opt, paginationFields, queryId, US_STATES } from "./fields";

const US = new Set<string>(US_STATES);

/** Bound on geoTargets.zips: the matcher checks every lead against them. */
export const MAX_ZIPS = 1000;

/**
 * Syntax only: an absolute https URL. This module stays free of Node APIs so forms can reuse it;
 * lib/campaigns.ts adds the static SSRF checks of lib/delivery/ssrf.ts on save, and delivery checks
 * the resolved address again at call time.
 */
export const httpsUrl = z
  .string()
  .trim()
  .max(2048)
  .superRefine((v, ctx) => {
    const issue = httpsIssue(v);
    if (issue) ctx.addIssue({ code: "custom", message: issue });
  });

function httpsIssue(v: string): string | null {
  try {
    const u = new URL(v);
    return u.protocol === "https:" && u.hostname ? null : "must be an absolute https:// URL";
  } catch {
    return "must be an absolute https:// URL";
  }
}

/**
 * deliveryConfig is validated against the delivery worker's own schema (lib/delivery/config.ts) so a
 * bad option is a 400 at save, not a failed delivery later; its URLs must also be https.
 * The buyer's object is stored as sent (the worker applies defaults when it reads it).
 */
const DeliveryConfigInput = z.record(z.string(), z.unknown()).superRefine((cfg, ctx) => {
  const r = deliveryConfigSchema.safeParse(cfg);
  const flagged = new Set<string>();
  if (!r.success) {
    for (const i of r.error.issues) {
      flagged.add(String(i.path[0]));
      ctx.addIssue({ code: "custom", path: i.path as (string | number)[], message: i.message });
    }
  }
  for (const key of ["url", "probeUrl"]) {
    const v = cfg[key];
    if (typeof v !== "string" || flagged.has(key)) continue;
    const issue = httpsIssue(v);
    if (issue) ctx.addIssue({ code: "custom", path: [key], message: issue });
  }
});

const stateCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => US.has(s), { error: (iss) => `"${String(iss.input)}" is not a US state code` });

export const GeoTargets = z
  .strictObject({
    // No defaults: in a PATCH, { states } alone leaves the stored zips untouched.
    states: z.array(stateCode).max(60).optional().describe("Two-letter US state codes (empty: any state)"),
    zips: z
      .array(z.string().regex(/^\d{5}$/, "must be a 5-digit ZIP code"))
      .max(MAX_ZIPS, `at most ${MAX_ZIPS} ZIP codes`)
      .optional()
      .describe(`5-digit ZIP codes (empty: any ZIP; at most ${MAX_ZIPS})`),
  })
  .describe("Where the campaign buys: states and/or ZIP codes");

// Bounds: every filter runs against every lead, so a campaign's size is the matcher's cost.
export const MAX_FILTER_VALUES = 100;
export const MAX_FILTER_STRING = 200;

/** A filter value: a scalar, or for in/not_in an array of at most MAX_FILTER_VALUES scalars. */
const FilterValue = z.unknown().superRefine((v, ctx) => {
  const scalarIssue = (x: unknown): string | null => {
    if (typeof x === "string")
      return x.length > MAX_FILTER_STRING ? `must be at most ${MAX_FILTER_STRING} characters` : null;
    if (x === null || typeof x === "boolean" || (typeof x === "number" && Number.isFinite(x))) return null;
    return "must be a string, number, boolean or null";
  };
  if (Array.isArray(v)) {
    if (v.length > MAX_FILTER_VALUES)
      return void ctx.addIssue({ code: "custom", message: `at most ${MAX_FILTER_VALUES} values` });
    v.forEach((x, i) => {
      const issue = scalarIssue(x);
      if (issue) ctx.addIssue({ code: "custom", path: [i], message: issue });
    });
    return;
  }
  if (v === undefined) return;
  const issue = scalarIssue(v);
  if (issue)
    ctx.addIssue({
      code: "custom",
      message: typeof v === "string" ? issue : "must be an array of values or a string, number, boolean or null",
    });
});

export const FILTER_OPS = ["eq", "neq", "in", "not_in", "gt", "gte", "lt", "lte", "exists"] as const;
export const LeadFilter = z
  .strictObject({
    field: z
      .string()
      .regex(/^[A-Za-z0-9_.]{1,64}$/, "must be a lead field name")
      .describe("Lead field or leadData key"),
    op: z.enum(FILTER_OPS).describe("Comparison"),
    value: FilterValue.optional().describe(
      `Value to compare with: a scalar, or an array of at most ${MAX_FILTER_VALUES} for in/not_in (strings at most ${MAX_FILTER_STRING} characters)`,
    ),
  })
  .describe("A lead-field filter, e.g. { field: homeowner, op: eq, value: true }");

export const Schedule = z
  .strictObject({
    timezone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "must be an IANA time zone such as America/Los_Angeles")
      .describe("IANA time zone the hours and days are in"),
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7).describe("Days of week, 0 = Sunday"),
    startHour: z.number().int().min(0).max(23).describe("First hour (inclusive)"),
    endHour: z.number().int().min(1).max(24).describe("Last hour (exclusive)"),
  })
  .refine((s) => s.startHour < s.endHour, { path: ["endHour"], message: "must be after startHour" })
  .describe("When the campaign buys");

const cap = (what: string) =>
  z
    .number()
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(1_000_000)
    .nullable()
    .describe(`Max leads per ${what} (null: no cap)`);

/** Everything a buyer may set on a campaign. Money is parsed to integer cents. */
const fields = {
  name: z.string().trim().min(1, "is required").max(120).describe("Campaign name"),
  vertical: z
    .string()
    .trim()
    .min(1, "is required")
    .max(64)
    .describe("Vertical key (see verticals), e.g. home_services"),
  subVertical: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .nullable()
    .describe("Optional sub-vertical of the vertical, e.g. plumbing"),
  geoTargets: GeoTargets,
  sourceListIds: z
    .array(z.uuid("must be an intake list id (uuid)"))
    .max(50)
    .describe("Only buy leads from these intake lists (empty: any)"),
  filters: z.array(LeadFilter).max(20).describe("Lead-field filters; all must match"),
  pricePerLead: money({ min: 1, max: 500_000, description: 'Price per lead as a decimal string, "0.01" to "5000.00"' }),
  bidType: z.enum(["fixed", "dynamic"]).describe("fixed: pricePerLead; dynamic: the buyer's pingUrl bids per lead"),
  pingUrl: httpsUrl.nullable().describe("Dynamic bidding endpoint (https)"),
  dailyCap: cap("day"),
  hourlyCap: cap("hour"),
  weeklyCap: cap("week"),
  monthlyCap: cap("month"),
  dailyBudget: money({ min: 0, max: 100_000_000, description: "Max spend per day" })
    .nullable()
    .describe("Max spend per day as a decimal string (null: no budget)"),
  schedule: Schedule.nullable().describe("When the campaign buys (null: always)"),
  deliveryMethod: z.enum(["webhook", "http_post", "portal"]).describe("How sold leads reach the buyer"),
  deliveryConfig: DeliveryConfigInput.describe(
    "Delivery settings (see lib/delivery/config.ts): webhook { url }, http_post { url, preset, mapping, token, ... }; URLs https",
  ),
  pingPostEnabled: z.boolean().describe("Take part in ping/post auctions"),
  exclusive: z.boolean().describe("Buy leads exclusively (no other buyer gets the lead)"),
  returnWindowHours: z
    .number()
    .int("must be a whole number")
    .min(0)
    .max(720, "must be at most 720 hours (30 days)")
    .describe("Hours after the sale during which a lead may be returned"),
  returnCapPercent: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .describe("At most this percent of a month's purchases may be returned (null: no cap)"),
  priority: z.number().int().min(1).max(10).describe("Tie-breaker between campaigns, 1 (low) to 10 (high)"),
};

export const CampaignCreate = z
  .strictObject({
    buyerId: bodyId("buyer").optional().describe("Owner; buyers may omit it (their own), admins must name it"),
    ...fields,
    subVertical: opt(fields.subVertical),
    geoTargets: fields.geoTargets.default({ states: [], zips: [] }).describe(fields.geoTargets.description ?? ""),
    sourceListIds: fields.sourceListIds.default([]).describe(fields.sourceListIds.description ?? ""),
    filters: fields.filters.default([]).describe(fields.filters.description ?? ""),
    bidType: fields.bidType.default("fixed").describe(fields.bidType.description ?? ""),
    pingUrl: opt(fields.pingUrl),
    dailyCap: opt(fields.dailyCap),
    hourlyCap: opt(fields.hourlyCap),
    weeklyCap: opt(fields.weeklyCap),
    monthlyCap: opt(fields.monthlyCap),
    dailyBudget: opt(fields.dailyBudget),
    schedule: opt(fields.schedule),
    deliveryMethod: fields.deliveryMethod.default("portal").describe(fields.deliveryMethod.description ?? ""),
    deliveryConfig: fields.deliveryConfig.default({}).describe(fields.deliveryConfig.description ?? ""),
    pingPostEnabled: fields.pingPostEnabled.default(false).describe(fields.pingPostEnabled.description ?? ""),
    exclusive: fields.exclusive.default(false).describe(fields.exclusive.description ?? ""),
    returnWindowHours: fields.returnWindowHours.default(48).describe(fields.returnWindowHours.description ?? ""),
    returnCapPercent: opt(fields.returnCapPercent),
    priority: fields.priority.default(1).describe(fields.priority.description ?? ""),
    status: z.enum(["active", "paused"]).default("active").describe("Start active (default) or paused"),
  })
  .describe("A new buyer campaign");
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const CampaignUpdate = z
  .strictObject({
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, opt(v)])),
    status: z
      .enum(["active", "paused"], { error: 'must be "active" or "paused" (DELETE archives a campaign)' })
      .optional()
      .describe("Pause or resume"),
  } as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> } & {
    status: z.ZodOptional<z.ZodEnum<{ active: "active"; paused: "paused" }>>;
  })
  .refine((b) => Object.keys(b).length > 0, { message: "send at least one field to change" })
  .describe("Changes to a campaign: any subset of the create fields, plus status to pause/resume");
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

/** The campaign settings whose combination matters, after a PATCH is merged onto the stored row. */
export type CampaignShape = {
  bidType: "fixed" | "dynamic";
  pingUrl?: string | null;
  deliveryMethod: "webhook" | "http_post" | "portal";
  deliveryConfig: Record<string, unknown>;
};

/** Cross-field rules, checked on the merged campaign so a PATCH cannot leave it inconsistent. */
export function campaignRuleIssues(c: CampaignShape): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (c.bidType === "dynamic" && !c.pingUrl)
    issues.push({ field: "pingUrl", issue: "is required when bidType is dynamic" });
  // A webhook campaign without a URL is accepted: the documented create example has none. Only
  // http_post (the compliance endpoint's style: the buyer's answer decides the sale) cannot work without one.
  if (c.deliveryMethod === "http_post" && typeof c.deliveryConfig.url !== "string") {
    issues.push({ field: "deliveryConfig.url", issue: "is required when deliveryMethod is http_post" });
  }
  return issues;
}

export const CampaignListQuery = z
  .object({
    buyerId: queryId("buyer").optional().describe("The buyer's campaigns (buyers: only their own; default: their own)"),
    status: z
      .enum(["active", "paused", "archived"])
      .optional()
      .describe("Only this status (default: active and paused)"),
    vertical: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, "must be a vertical key such as home_services")
      .optional()
      .describe("Only this vertical"),
    limit: paginationFields.limit,
    offset: paginationFields.offset,
  })
  .describe("Filters for the campaign listing");
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;
