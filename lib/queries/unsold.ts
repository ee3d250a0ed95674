// The supply/demand gap report: why accepted leads went unsold, where, and what it cost.
// Every unsold lead stores each considered campaign's pass in Lead.unsoldReasons
// ([{ campaignId, buyerId, reason, details }], written by lib/pipeline/settle.ts). Outcomes carry
// no price, so "revenue left" is the passing campaign's current pricePerLead (a join): for a lead
// and a reason, the best price among the campaigns that passed on it for that reason. A lead on
// which several campaigns passed for different reasons counts once under each reason (fixing any
// one of them would have sold it), so rows do not add up across reasons; the totals count each
// lead once, at its best passing price. A lead no campaign considered is reported as no_campaign.
// Summary entries (campaignId null, details.campaigns = how many: the campaigns of the vertical
// that do not buy the lead's state, and each reason's campaigns beyond the first 10 listed, see
// compactOutcomes) count the lead under their reason, with no price of their own.
//
// Scope: an admin sees every unsold lead; a seller its own leads; a buyer its own campaigns' passes.
// The lead scan uses Lead(status, createdAt) or Lead(sellerId, createdAt); test leads are never stored.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { prisma, type Db } from "../db";
import { centsToString } from "../money";
import { NO_CAMPAIGN } from "../pipeline/reasons";
import { type Viewer, visibleTo } from "../auth/ownership";
import { cents, num } from "./common";
import type { UnsoldReportRowJson } from "../openapi/types";

export type GapScope = { sellerId?: number; buyerId?: number };
export type Period = { from: Date; to: Date };

/** The caller's scope: admin everything, a seller its leads, a buyer its campaigns' passes. */
export function gapScope(viewer: Viewer): GapScope {
  return visibleTo(viewer);
}

/**
 * One row per (lead, reason, passing campaign) in scope: the common table every gap query reads.
 * A campaign id that is not a number (hand-edited data) is kept as no campaign rather than failing.
 */
function passes(scope: GapScope, p: Period): Prisma.Sql {
  const sellerCond = scope.sellerId !== undefined ? Prisma.sql`AND l."sellerId" = ${scope.sellerId}` : Prisma.empty;
  const buyerCond = scope.buyerId !== undefined ? Prisma.sql`WHERE c."buyerId" = ${scope.buyerId}` : Prisma.empty;
  return Prisma.sql`
    l AS (
      SELECT l.id, l.vertical, l."consumerState" AS state,
             CASE WHEN jsonb_typeof(l."unsoldReasons") = 'array' THEN l."unsoldReasons" ELSE '[]'::jsonb END AS r
      FROM "Lead" l
      WHERE l.status = 'unsold' AND l."createdAt" >= ${p.from} AND l."createdAt" < ${p.to} ${sellerCond}
    ),
    e AS (
      SELECT l.id, l.vertical, l.state, COALESCE(x->>'reason', x->>'code', 'unknown') AS reason,
             CASE WHEN x->>'campaignId' ~ '^[0-9]{1,9}$' THEN (x->>'campaignId')::int END AS cid
      FROM l CROSS JOIN LATERAL jsonb_array_elements(l.r) x
      ${scope.buyerId === undefined ? Prisma.sql`UNION ALL SELECT l.id, l.vertical, l.state, ${NO_CAMPAIGN}, NULL::int FROM l WHERE jsonb_array_length(l.r) = 0` : Prisma.empty}
    ),
    p AS (
      -- Prices as integer cents: max/sum over integers is measurably cheaper than over numeric here.
      SELECT e.id, e.vertical, e.state, e.reason, e.cid, c.name AS campaign, c."buyerId", (c."pricePerLead" * 100)::int AS price
      FROM e ${scope.buyerId !== undefined ? Prisma.sql`JOIN` : Prisma.sql`LEFT JOIN`} "BuyerCampaign" c ON c.id = e.cid
      ${buyerCond}
    )`;
}

export type GapRow = {
  vertical: string;
  state: string | null;
  reason: string;
  leads: number;
  revenueLeftCents: number;
};

/** Unsold leads by vertical × state × reason, with the best passing campaign's price summed. */
export function unsoldByReasonSql(scope: GapScope, period: Period): Prisma.Sql {
  return Prisma.sql`
    WITH ${passes(scope, period)},
    best AS (SELECT id, vertical, state, reason, max(price) AS price FROM p GROUP BY 1, 2, 3, 4)
    SELECT vertical, state, reason, count(*) AS leads, sum(price)::bigint AS left
    FROM best GROUP BY 1, 2, 3 ORDER BY sum(price) DESC NULLS LAST, count(*) DESC, 1, 2, 3`;
}

export async function unsoldByReason(scope: GapScope, period: Period, db: Db = prisma): Promise<GapRow[]> {
  const rows = await db.$queryRaw<
    { vertical: string; state: string | null; reason: string; leads: bigint; left: bigint | null }[]
  >(unsoldByReasonSql(scope, period));
  return rows.map((r) => ({
    vertical: r.vertical,
    state: r.state,
    reason: r.reason,
    leads: num(r.leads),
    revenueLeftCents: num(r.left),
  }));
}

export function serializeGapRow(r: GapRow): UnsoldReportRowJson {
  return {
    vertical: r.vertical,
    state: r.state,
    reason: r.reason,
    leads: r.leads,
    revenueLeft: centsToString(r.revenueLeftCents),
  };
}

/** Each lead once: how many went unsold in scope and the best price any passing campaign offered. */
export async function unsoldTotals(scope: GapScope, period: Period, db: Db = prisma) {
  const [row] = await db.$queryRaw<{ leads: bigint; left: bigint | null }[]>`
    WITH ${passes(scope, period)},
    best AS (SELECT id, max(price) AS price FROM p GROUP BY 1)
    SELECT count(*) AS leads, sum(price)::bigint AS left FROM best`;
  return { leads: num(row?.leads), revenueLeftCents: num(row?.left) };
}

/** Capacity and money reasons: what raising a cap, a budget or a balance would have bought. */
export const CAPACITY_REASONS = ["cap_reached", "budget_reached", "insufficient_balance"] as const;

export type CampaignPassRow = {
  campaignId: number;
  campaign: string;
  buyerId: number;
  buyer: string;
  reason: string;
  leads: number;
  revenueLeftCents: number;
};

/**
 * Per campaign and reason: the unsold leads it passed on and its price × that count. `reasons`
 * narrows to some reasons (the admin's "turned away by caps and balances"); `limit` keeps the top.
 */
export async function campaignPasses(
  scope: GapScope,
  period: Period,
  opts: { reasons?: readonly string[]; limit?: number } = {},
  db: Db = prisma,
): Promise<CampaignPassRow[]> {
  const reasonCond = opts.reasons ? Prisma.sql`AND reason IN (${Prisma.join(opts.reasons)})` : Prisma.empty;
  const rows = await db.$queryRaw<
    {
      cid: number;
      campaign: string;
      buyerId: number;
      buyer: string;
      reason: string;
      leads: bigint;
      left: Prisma.Decimal | null;
    }[]
  >`
    WITH ${passes(scope, period)},
    agg AS (
      SELECT cid, reason, count(DISTINCT id) AS leads FROM p WHERE cid IS NOT NULL AND campaign IS NOT NULL ${reasonCond} GROUP BY 1, 2
    )
    SELECT a.cid, c.name AS campaign, c."buyerId", b."companyName" AS buyer, a.reason, a.leads, a.leads * c."pricePerLead" AS left
    FROM agg a JOIN "BuyerCampaign" c ON c.id = a.cid JOIN "Buyer" b ON b.id = c."buyerId"
    ORDER BY a.leads DESC, a.cid, a.reason
    ${opts.limit ? Prisma.sql`LIMIT ${opts.limit}` : Prisma.empty}`;
  return rows.map((r) => ({
    campaignId: r.cid,
    campaign: r.campaign,
    buyerId: r.buyerId,
    buyer: r.buyer,
    reason: r.reason,
    leads: num(r.leads),
    revenueLeftCents: cents(r.left),
  }));
}

/** Rows summed per reason (a lead has one vertical and state, so per reason each lead counts once). */
export function byReason(rows: GapRow[]): { reason: string; leads: number; revenueLeftCents: number }[] {
  const m = new Map<string, { reason: string; leads: number; revenueLeftCents: number }>();
  for (const r of rows) {
    const e = m.get(r.reason) ?? { reason: r.reason, leads: 0, revenueLeftCents: 0 };
    e.leads += r.leads;
    e.revenueLeftCents += r.revenueLeftCents;
    m.set(r.reason, e);
  }
  return [...m.values()].sort((a, b) => b.leads - a.leads || a.reason.localeCompare(b.reason));
}
