// The payout rule as QuickForm fields (sellers and intake lists edit the same body:
// lib/validation/payout-rule.ts). Server pages import these; the form runs on the client.
import type { QuickField } from "./quick-form";
import type { PayoutRule } from "@/lib/pipeline/payout";

export function payoutRuleFields(defaultLabel: string): QuickField[] {
  return [
    {
      name: "payoutRule.kind",
      label: "Payout rule",
      type: "select",
      required: true,
      nullValue: "default",
      options: [
        ["default", defaultLabel],
        ["share", "Revenue share (% of what buyers pay)"],
        ["fixed", "Fixed price per sold lead"],
        ["as_stated", "As stated by the seller, up to a maximum"],
      ],
    },
    {
      name: "payoutRule.sharePercent",
      label: "Share (%)",
      placeholder: "45",
      showWhen: { field: "payoutRule.kind", values: ["share"] },
      required: true,
    },
    {
      name: "payoutRule.amount",
      label: "Price per sold lead",
      type: "money",
      placeholder: "20.00",
      showWhen: { field: "payoutRule.kind", values: ["fixed"] },
      required: true,
    },
    {
      name: "payoutRule.maxAmount",
      label: "Maximum stated cost",
      type: "money",
      placeholder: "50.00",
      showWhen: { field: "payoutRule.kind", values: ["as_stated"] },
      required: true,
    },
    {
      name: "payoutRule.allowLoss",
      label: "Allow a loss",
      type: "checkbox",
      hint: "Pay the amount even when the lead sells for less (otherwise capped at the revenue)",
      showWhen: { field: "payoutRule.kind", values: ["fixed", "as_stated"] },
    },
  ];
}

/** A stored rule as the form's initial values (null: the default / inherited choice). */
export function payoutRuleValues(rule: PayoutRule | null): Record<string, string> {
  if (!rule) return { "payoutRule.kind": "default" };
  if (rule.kind === "share") return { "payoutRule.kind": "share", "payoutRule.sharePercent": String(rule.bps / 100) };
  const loss = rule.allowLoss ? "true" : "";
  if (rule.kind === "fixed")
    return {
      "payoutRule.kind": "fixed",
      "payoutRule.amount": (rule.amountCents / 100).toFixed(2),
      "payoutRule.allowLoss": loss,
    };
  return {
    "payoutRule.kind": "as_stated",
    "payoutRule.maxAmount": (rule.maxCents / 100).toFixed(2),
    "payoutRule.allowLoss": loss,
  };
}
