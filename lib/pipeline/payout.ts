// What the marketplace pays a seller for a lead. The marketplace decides, never the request:
// each seller has a payout rule (an intake list may override it), set by an admin.
//   fixed      a price per sold lead; a `cost` in the post is ignored
//   share      basis points of what buyers paid for the lead; a `cost` in the post is ignored
//   as_stated  the `cost` the seller states, refused above the rule's maximum
// fixed and as_stated never pay more than the lead's revenue unless the rule allows a loss.
// A post that honours a ping is paid the ping's offer (what the seller was shown), never more
// than the sale fetched. Unsold and rejected leads pay nothing: settle only pays a sold lead.
import { ApiError } from "../api/errors";
import { centsToString, formatUsd, toCents, type Cents } from "../money";
import type { PayoutRuleJson } from "../openapi/types";

export type PayoutRule =
  | { kind: "fixed"; amountCents: Cents; allowLoss: boolean }
  | { kind: "share"; bps: number }
  | { kind: "as_stated"; maxCents: Cents; allowLoss: boolean };

/** How a lead's payout follows from its final revenue (settle and test-mode preview use it). */
export type PayoutPlan =
  | { kind: "fixed"; cents: Cents; capAtRevenue: boolean } // fixed rule, an allowed stated cost, or an honoured ping price
  | { kind: "share"; bps: number }; // share of the lead's final revenue, floor to whole cents

export const MAX_SHARE_BPS = 10_000;

/** What a SOLD lead pays the seller, given what buyers paid for it in total. */
export function payoutCents(plan: PayoutPlan, revenueCents: Cents): Cents {
  const revenue = Math.max(0, revenueCents);
  if (plan.kind === "share") return Math.floor((revenue * plan.bps) / MAX_SHARE_BPS);
  return plan.capAtRevenue ? Math.min(plan.cents, revenue) : plan.cents;
}

/** The request's `cost` in cents: null when absent; a 400 naming the field when it is no money amount. */
export function statedCost(raw: unknown): Cents | null {
  if (raw === undefined || raw === null || raw === "") return null;
  const cents = toCents(raw);
  if (cents === null || cents < 0) {
    throw new ApiError("validation_failed", 'cost must be a money amount like "28.00"', [
      { field: "cost", issue: "invalid amount" },
    ]);
  }
  return cents;
}

/**
 * The plan for one post. `statedCents` is the request's `cost` (null when absent), `pingCents` the
 * offer of the ping the post honours (null when none). Throws validation_failed (400, field `cost`)
 * for a cost the rule refuses.
 */
export function payoutPlan(rule: PayoutRule, statedCents: Cents | null, pingCents: Cents | null): PayoutPlan {
  if (statedCents !== null && (!Number.isInteger(statedCents) || statedCents < 0)) {
    throw new ApiError("validation_failed", 'cost must be a money amount like "28.00"', [
      { field: "cost", issue: "invalid amount" },
    ]);
  }
  if (rule.kind === "as_stated" && statedCents !== null && statedCents > rule.maxCents) {
    throw new ApiError(
      "validation_failed",
      `cost ${centsToString(statedCents)} is above the ${centsToString(rule.maxCents)} your payout rule allows`,
      [{ field: "cost", issue: `at most ${centsToString(rule.maxCents)}` }],
    );
  }
  if (pingCents !== null) return { kind: "fixed", cents: pingCents, capAtRevenue: true };
  switch (rule.kind) {
    case "share":
      return { kind: "share", bps: rule.bps };
    case "fixed":
      return { kind: "fixed", cents: rule.amountCents, capAtRevenue: !rule.allowLoss };
    case "as_stated":
      if (statedCents === null) {
        throw new ApiError(
          "validation_failed",
          `cost is required: your payout rule pays the cost you state, up to ${centsToString(rule.maxCents)}`,
          [{ field: "cost", issue: `required, at most ${centsToString(rule.maxCents)}` }],
        );
      }
      return { kind: "fixed", cents: statedCents, capAtRevenue: !rule.allowLoss };
  }
}

/**
 * What a ping offers the seller, as a plan over the best bid. A ping asks the marketplace for a
 * price, so an as_stated rule without a stated cost is offered the default share.
 */
export function pingOfferPlan(rule: PayoutRule, statedCents: Cents | null, defaultBps: number): PayoutPlan {
  if (rule.kind === "as_stated" && statedCents === null) return { kind: "share", bps: defaultBps };
  const plan = payoutPlan(rule, statedCents, null);
  // An offer is always within the bid it is made against: a ping is never a deliberate loss.
  return plan.kind === "fixed" ? { ...plan, capAtRevenue: true } : plan;
}

/** The columns a rule is stored in (Seller and IntakeList carry the same four). */
export type PayoutColumns = {
  payoutKind: "fixed" | "share" | "as_stated" | null;
  payoutAmount: unknown;
  payoutShareBps: number | null;
  payoutAllowLoss: boolean;
};

/** The stored rule, or null when the row has none (the list inherits the seller's, the seller the default). */
export function ruleFromColumns(row: PayoutColumns | null | undefined): PayoutRule | null {
  if (!row?.payoutKind) return null;
  const amount = toCents(row.payoutAmount) ?? 0;
  if (row.payoutKind === "share") return { kind: "share", bps: row.payoutShareBps ?? 0 };
  if (row.payoutKind === "fixed") return { kind: "fixed", amountCents: amount, allowLoss: row.payoutAllowLoss };
  return { kind: "as_stated", maxCents: amount, allowLoss: row.payoutAllowLoss };
}

/** The rule that applies to a post: the list's override, else the seller's, else the default share. */
export function effectiveRule(
  list: PayoutColumns | null | undefined,
  seller: PayoutColumns | null | undefined,
  defaultBps: number,
): PayoutRule {
  return ruleFromColumns(list) ?? ruleFromColumns(seller) ?? { kind: "share", bps: defaultBps };
}

/** A rule as stored: the four columns (null kind clears it). */
export function ruleToColumns(rule: PayoutRule | null): PayoutColumns & { payoutAmount: string | null } {
  if (!rule) return { payoutKind: null, payoutAmount: null, payoutShareBps: null, payoutAllowLoss: false };
  if (rule.kind === "share")
    return { payoutKind: "share", payoutAmount: null, payoutShareBps: rule.bps, payoutAllowLoss: false };
  const cents = rule.kind === "fixed" ? rule.amountCents : rule.maxCents;
  return {
    payoutKind: rule.kind,
    payoutAmount: centsToString(cents),
    payoutShareBps: null,
    payoutAllowLoss: rule.allowLoss,
  };
}

/** The API's form of a rule (money as decimal strings, the share as a percent string). */
export function serializeRule(rule: PayoutRule): PayoutRuleJson;
export function serializeRule(rule: PayoutRule | null): PayoutRuleJson | null;
export function serializeRule(rule: PayoutRule | null): PayoutRuleJson | null {
  if (!rule) return null;
  if (rule.kind === "share") return { kind: "share", sharePercent: bpsToPercent(rule.bps) };
  if (rule.kind === "fixed")
    return { kind: "fixed", amount: centsToString(rule.amountCents), allowLoss: rule.allowLoss };
  return { kind: "as_stated", maxAmount: centsToString(rule.maxCents), allowLoss: rule.allowLoss };
}

/** 4550 → "45.50" */
export function bpsToPercent(bps: number): string {
  return centsToString(bps);
}

/** For people: "45.5% of revenue", "$20.00 per sold lead", "as stated, up to $50.00". */
export function describeRule(rule: PayoutRule): string {
  const usd = formatUsd;
  if (rule.kind === "share") return `${Number(bpsToPercent(rule.bps))}% of what buyers pay`;
  const loss = rule.allowLoss ? " (may exceed revenue)" : "";
  if (rule.kind === "fixed") return `${usd(rule.amountCents)} per sold lead${loss}`;
  return `the cost stated, up to ${usd(rule.maxCents)}${loss}`;
}
