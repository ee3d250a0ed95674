import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import {
  effectiveRule,
  payoutCents,
  payoutPlan,
  pingOfferPlan,
  statedCost,
  type PayoutPlan,
  type PayoutRule,
} from "./payout";

const fixed = (amountCents: number, allowLoss = false): PayoutRule => ({ kind: "fixed", amountCents, allowLoss });
const share = (bps: number): PayoutRule => ({ kind: "share", bps });
const asStated = (maxCents: number, allowLoss = false): PayoutRule => ({ kind: "as_stated", maxCents, allowLoss });

function refusal(fn: () => unknown): { status: number; details: unknown } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, details: e.details };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("payoutCents: what a sold lead pays", () => {
  it.each<[string, PayoutPlan, number, number]>([
    ["share floors to whole cents", { kind: "share", bps: 4500 }, 5555, 2499],
    ["share of 0", { kind: "share", bps: 4500 }, 0, 0],
    ["share 100%", { kind: "share", bps: 10_000 }, 9300, 9300],
    ["fixed under revenue", { kind: "fixed", cents: 2000, capAtRevenue: true }, 5500, 2000],
    ["fixed capped at revenue", { kind: "fixed", cents: 2000, capAtRevenue: true }, 125, 125],
    ["fixed allowed a loss", { kind: "fixed", cents: 2000, capAtRevenue: false }, 125, 2000],
  ])("%s", (_n, plan, revenue, out) => expect(payoutCents(plan, revenue)).toBe(out));
});

describe("payoutPlan: the marketplace decides", () => {
  it.each<[string, PayoutRule, number | null, number | null, PayoutPlan]>([
    ["share ignores a stated cost", share(4500), 100_000, null, { kind: "share", bps: 4500 }],
    [
      "fixed ignores a stated cost",
      fixed(2000),
      99_999_999_99,
      null,
      { kind: "fixed", cents: 2000, capAtRevenue: true },
    ],
    ["fixed with loss allowed", fixed(2000, true), null, null, { kind: "fixed", cents: 2000, capAtRevenue: false }],
    ["as stated within the max", asStated(5000), 2800, null, { kind: "fixed", cents: 2800, capAtRevenue: true }],
    [
      "as stated at the max, loss allowed",
      asStated(5000, true),
      5000,
      null,
      { kind: "fixed", cents: 5000, capAtRevenue: false },
    ],
    ["an honoured ping pays its offer", share(4500), null, 2400, { kind: "fixed", cents: 2400, capAtRevenue: true }],
    ["a ping overrides a stated cost", asStated(5000), 3000, 2400, { kind: "fixed", cents: 2400, capAtRevenue: true }],
  ])("%s", (_n, rule, stated, ping, plan) => expect(payoutPlan(rule, stated, ping)).toEqual(plan));

  it.each<[string, PayoutRule, number | null, string]>([
    ["as stated above the max", asStated(5000), 100_000, "at most 50.00"],
    ["as stated, the seed's test-mode cost", asStated(5000), 9_999_999_999, "at most 50.00"],
    ["as stated without a cost", asStated(5000), null, "required, at most 50.00"],
    ["a negative cost", share(5000), -1, "invalid amount"],
  ])("%s → 400 naming cost and the limit", (_n, rule, stated, issue) => {
    expect(refusal(() => payoutPlan(rule, stated, null))).toEqual({ status: 400, details: [{ field: "cost", issue }] });
  });

  it("statedCost parses the request's cost and refuses what is no amount", () => {
    expect(statedCost(undefined)).toBeNull();
    expect(statedCost("")).toBeNull();
    expect(statedCost("28.00")).toBe(2800);
    expect(statedCost(28)).toBe(2800);
    for (const bad of ["twelve", "-1.00", "1.234", {}]) expect(refusal(() => statedCost(bad)).status).toBe(400);
  });
});

describe("rules: list override, seller rule, default", () => {
  const cols = (payoutKind: "fixed" | "share" | "as_stated" | null, over: Record<string, unknown> = {}) => ({
    payoutKind,
    payoutAmount: null,
    payoutShareBps: null,
    payoutAllowLoss: false,
    ...over,
  });
  it("the list's rule wins, then the seller's, then the default share", () => {
    expect(
      effectiveRule(cols("fixed", { payoutAmount: "0.35" }), cols("share", { payoutShareBps: 4500 }), 5000),
    ).toEqual(fixed(35));
    expect(effectiveRule(cols(null), cols("share", { payoutShareBps: 4500 }), 5000)).toEqual(share(4500));
    expect(effectiveRule(null, cols(null), 5000)).toEqual(share(5000));
    expect(effectiveRule(null, cols("as_stated", { payoutAmount: "50.00", payoutAllowLoss: true }), 5000)).toEqual(
      asStated(5000, true),
    );
  });
  it("a ping offer: as stated without a cost gets the default share; fixed offers are capped at the bid", () => {
    expect(pingOfferPlan(asStated(5000), null, 5000)).toEqual({ kind: "share", bps: 5000 });
    expect(pingOfferPlan(asStated(5000), 2000, 5000)).toEqual({ kind: "fixed", cents: 2000, capAtRevenue: true });
    expect(pingOfferPlan(fixed(2000, true), null, 5000)).toEqual({ kind: "fixed", cents: 2000, capAtRevenue: true });
  });
});
