// Vertical and intake-list rows → the admin API's catalog objects (lib/openapi/responses.ts).
import type { AccountStatus } from "../generated/prisma/client";
import { env } from "../env";
import type { AdminIntakeListJson, AdminVerticalJson } from "../openapi/types";
import { effectiveRule, ruleFromColumns, serializeRule, type PayoutColumns } from "../pipeline/payout";

export function serializeVertical(v: {
  key: string;
  name: string;
  subVerticals: string[];
  requiredFields: string[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  _count: { intakeLists: number; campaigns: number };
}): AdminVerticalJson {
  return {
    key: v.key,
    name: v.name,
    subVerticals: v.subVerticals,
    requiredFields: v.requiredFields,
    archived: v.archivedAt !== null,
    intakeLists: v._count.intakeLists,
    campaigns: v._count.campaigns,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

export type ListRow = PayoutColumns & {
  id: string;
  sellerId: number;
  name: string;
  vertical: string;
  subVertical: string | null;
  acceptedStates: string[];
  requiredFields: string[];
  checks: string[];
  requireTrustedForm: boolean;
  status: AccountStatus;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  seller: PayoutColumns & { companyName: string };
  verticalRef: { requiredFields: string[] };
  _count: { leads: number };
};

export function serializeIntakeList(l: ListRow): AdminIntakeListJson {
  const own = ruleFromColumns(l);
  return {
    id: l.id,
    sellerId: l.sellerId,
    sellerName: l.seller.companyName,
    name: l.name,
    vertical: l.vertical,
    subVertical: l.subVertical,
    acceptedStates: l.acceptedStates,
    requiredFields: l.requiredFields,
    checks: l.checks,
    requireTrustedForm: l.requireTrustedForm,
    // The list's own rule (null: the seller's applies) and the one in force.
    payoutRule: serializeRule(own),
    effectivePayoutRule: serializeRule(effectiveRule(l, l.seller, env.PAYOUT_DEFAULT_SHARE_BPS)),
    status: l.status === "active" ? "active" : "paused",
    archived: l.archivedAt !== null,
    leads: l._count.leads,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}
