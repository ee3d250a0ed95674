// Admin bodies for verticals and intake lists (/api/admin/verticals, /api/admin/intake-lists).
// Strict: an unknown field (a list's sellerId on PATCH, a vertical's key on PATCH) is a 400 naming it.
import { z } from "zod";
import { LIST_CHECKS } from "../pipeline/compliance";
import { canonicalField } from "../pipeline/normalize";
import { US_STATES } from "../pipeline/validate";
import { PayoutRuleBody } from "./payout-rule";
import { opt, queryId } from "./fields";

const key = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, "2-40 characters: lower-case letters, digits and _, starting with a letter");
const name = z.string().trim().min(1, "is required").max(200);
const unique = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((xs) => [...new Set(xs)]);

/** A required-field name: a lead field in any spelling the normaliser knows, a leadData key, or "a|b" (either). */
const requiredField = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,49}(\|[A-Za-z][A-Za-z0-9_]{0,49}){0,4}$/,
    'a field name such as "consumerPhone" or "ageRange|dob" (either)',
  )
  .transform((f) =>
    f
      .split("|")
      .map((o) => canonicalField(o) ?? o)
      .join("|"),
  );

const state = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => US_STATES.has(s), "must be a two-letter US state code (e.g. TX)");

const bool = z.boolean();

export const CreateVerticalBody = z
  .strictObject({
    key: key.describe("The vertical's permanent key, used in posts and campaigns (never reused)"),
    name: name.describe("Display name"),
    subVerticals: unique(key, 50).default([]).describe("Sub-vertical keys, e.g. plumbing"),
    requiredFields: unique(requiredField, 40).default([]).describe("Fields every lead of this vertical must carry"),
  })
  .describe("POST /api/admin/verticals");
export type CreateVerticalBody = z.infer<typeof CreateVerticalBody>;

export const UpdateVerticalBody = z
  .strictObject({
    name: name.optional(),
    subVerticals: unique(key, 50).optional(),
    requiredFields: unique(requiredField, 40).optional(),
    archived: bool
      .optional()
      .describe("true: no new lists or campaigns (only when no active list or campaign uses it); the key stays taken"),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "send at least one field to change" })
  .describe("PATCH /api/admin/verticals/{key} (the key cannot change)");
export type UpdateVerticalBody = z.infer<typeof UpdateVerticalBody>;

const listFields = {
  name: name.describe("The list's name, shown to the seller"),
  subVertical: key.nullable().optional().describe("One of the vertical's sub-verticals; posts without one get it"),
  acceptedStates: unique(state, 60).optional().describe("Two-letter US states this list accepts (empty: all)"),
  requiredFields: unique(requiredField, 40).optional().describe("Fields required on top of the vertical's"),
  checks: unique(z.enum(LIST_CHECKS), LIST_CHECKS.length)
    .optional()
    .describe(`Compliance checks to run: ${LIST_CHECKS.join(", ")} (empty: all)`),
  requireTrustedForm: bool.optional().describe("Require a TrustedForm certificate URL on every lead"),
  payoutRule: PayoutRuleBody.nullable()
    .optional()
    .describe("Overrides the seller's payout rule for this list; null: the seller's rule"),
  status: z
    .enum(["active", "paused"])
    .optional()
    .describe("paused: posts to the list are refused (404) until it is active again"),
};

export const CreateIntakeListBody = z
  .strictObject({
    sellerId: z.number().int().positive().max(2_147_483_647).describe("The seller that owns the list"),
    vertical: key.describe("An existing, not archived vertical"),
    ...listFields,
  })
  .describe("POST /api/admin/intake-lists");
export type CreateIntakeListBody = z.infer<typeof CreateIntakeListBody>;

export const UpdateIntakeListBody = z
  .strictObject({
    ...listFields,
    name: listFields.name.optional(),
    archived: bool
      .optional()
      .describe("true: the list takes no posts and is hidden from the seller; its leads keep referring to it"),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "send at least one field to change" })
  .describe(
    "PATCH /api/admin/intake-lists/{id} (the seller and vertical cannot change: archive and create a new list)",
  );
export type UpdateIntakeListBody = z.infer<typeof UpdateIntakeListBody>;

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const VerticalListQuery = z.object({
  includeArchived: flag.optional().describe("Also list archived verticals"),
});

export const IntakeListQuery = z.object({
  sellerId: opt(queryId("seller")),
  vertical: key.optional(),
  status: z.enum(["active", "paused"]).optional(),
  includeArchived: flag.optional().describe("Also list archived lists"),
});

export const SpecQuery = z.object({
  format: z.enum(["md", "html", "json"]).default("md").describe("md (Markdown, default), html, or json"),
});
