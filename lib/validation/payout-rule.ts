// The payout rule body admins send for a seller (PATCH /api/admin/sellers/{id}) or an intake list
// (/api/admin/intake-lists): a fixed price, a revenue share, or the seller's stated cost up to a
// maximum. Parsed into lib/pipeline/payout.ts's PayoutRule; null clears it (the default applies).
import { z } from "zod";
import { ACCOUNT_AMOUNT_MESSAGE, money } from "./fields";
import { MAX_SHARE_BPS, type PayoutRule } from "../pipeline/payout";

const amount = (description: string) =>
  money({ min: 0, max: 100_000_000, message: ACCOUNT_AMOUNT_MESSAGE, description });

// A percent with two decimals parses like money: "45.5" → 4550, i.e. basis points.
const percent = money({
  min: 0,
  max: MAX_SHARE_BPS,
  message: "must be a percent between 0 and 100 with at most 2 decimals",
  description: 'Share of what buyers paid for the lead, in percent, e.g. "45" or "45.5" (stored as basis points)',
});

const allowLoss = z
  .boolean()
  .default(false)
  .describe(
    "Pay the amount even when it is more than the lead sold for (a deliberate loss); default false: capped at the revenue",
  );

export const PayoutRuleBody = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("fixed").describe("A fixed price per sold lead; a cost in the post is ignored"),
      amount: amount('The price per sold lead, e.g. "20.00"'),
      allowLoss,
    }),
    z.strictObject({
      kind: z.literal("share").describe("A share of the lead's revenue; a cost in the post is ignored"),
      sharePercent: percent,
    }),
    z.strictObject({
      kind: z.literal("as_stated").describe("The cost the seller states in the post, refused (400) above maxAmount"),
      maxAmount: amount('The most a stated cost may be, e.g. "50.00"'),
      allowLoss,
    }),
  ])
  .transform(
    (r): PayoutRule =>
      r.kind === "fixed"
        ? { kind: "fixed", amountCents: r.amount, allowLoss: r.allowLoss }
        : r.kind === "share"
          ? { kind: "share", bps: r.sharePercent }
          : { kind: "as_stated", maxCents: r.maxAmount, allowLoss: r.allowLoss },
  )
  .describe("How the seller is paid for a sold lead; unsold and rejected leads pay nothing");
