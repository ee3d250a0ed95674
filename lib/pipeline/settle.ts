// Stage 6: settle. ONE statement — the PL/pgSQL function tlg_settle (prisma/migrations/
// 20261201230000_settle_in_one_round_trip) — writes the lead, its sales, the ledger, the cap
// counters, the balances, the dedupe claim, the ping's use and the delivery outbox, or nothing at
// all. Every limit is decided inside PostgreSQL (conditional upserts and updates), so N parallel
// ingests against a cap of C sell exactly min(N, C), and of M parallel posts of one consumer
// exactly one is accepted; the shared rows' locks are held for microseconds, never across a
// round trip to this process. A pick a guard refuses is undone (a subtransaction) and the lead
// settles without it.
import type { BuyerCampaign } from "../generated/prisma/client";
import type { Db } from "../db";
import { env } from "../env";
import { sql, statement } from "../sql";
import { notifyDeliveryWorkers } from "../delivery/outbox";
import { toCents, type Cents } from "../money";
import { countSettleRetry } from "../metrics";
import { currentRequestId } from "../request-context";
import { buckets, scheduleOf } from "./match";
import { dedupeKeys, dedupeWindowStart } from "./compliance";
import type { CanonicalLead } from "./normalize";
import { describeRejection, type CampaignOutcome, type CampaignRefusal } from "./reasons";
import type { PayoutPlan } from "./payout";
import { identifierColumns } from "../consumer/identifiers";

/** The Lead columns a settled lead is stored with (status and money are added here). */
export type LeadRecord = {
  sellerId: number;
  intakeListId: string | null;
  externalCampaignId: string | null;
  sourceType: string | null;
  source: string | null;
  vertical: string;
  subVertical: string | null;
  qualityScore: number;
  matchCount: number;
};

export type SalePick = { campaign: BuyerCampaign; priceCents: Cents; buyerLeadId?: string | null };

export type SettleInput = {
  /** The pending row a synchronous buyer was shown, or null: the lead row is written by settle. */
  leadId: number | null;
  lead: CanonicalLead;
  record: LeadRecord;
  /** What the seller is paid if the lead sells (./payout.ts), applied to the final revenue inside tlg_settle. */
  payout: PayoutPlan;
  pingId: string | null;
  /** Confirmed picks, best first. */
  picks: SalePick[];
  /** Whether a pick that fails a guard may leave the lead with fewer sales (no one left to try). */
  finalRound: boolean;
  /** Reasons for campaigns that did not get this far (targeting, bids, buyer refusals). */
  outcomes: CampaignOutcome[];
  exclusive: boolean;
  now: Date;
};

export type Settled = {
  kind: "settled";
  leadId: number;
  status: "sold" | "unsold";
  revenueCents: Cents;
  costCents: Cents;
  buyerId: number | null;
  campaignId: number | null;
  saleIds: number[];
  /** The picks that were sold, best first. */
  sold: SalePick[];
  outcomes: CampaignOutcome[];
  /** Picks the database refused, with the counter bucket that was full (capacity snapshot feedback). */
  refused: Refusal[];
};

export type Refusal = CampaignRefusal & { bucket: string | null };

export type SettleResult =
  | Settled
  | { kind: "duplicate"; leadId: number }
  | { kind: "ping_used" }
  /** Some picks failed a guard while untried campaigns remain: nothing was written. */
  | { kind: "retry"; failed: Refusal[] };

/**
 * The lead row exists (status "pending") before a synchronous buyer is asked: its call is
 * recorded against it (lib/delivery/confirm.ts). Settling then decides its status.
 */
export async function createPendingLead(db: Db, input: { lead: CanonicalLead; record: LeadRecord }): Promise<number> {
  const row = await db.lead.create({ data: { ...leadColumns(input), status: "pending" }, select: { id: true } });
  return row.id;
}

const SETTLE = statement("tlg_settle", `SELECT tlg_settle($1::jsonb) AS r`);
const RETRYABLE = new Set(["40P01", "40001"]);

type SqlError = Error & { code?: string; detail?: string };
type Raw =
  | {
      kind: "settled";
      leadId: number;
      sold: boolean;
      revenueCents: number;
      costCents: number;
      saleIds: number[];
      failed: RawFailure[];
      notify: boolean;
    }
  | { kind: "duplicate"; leadId: number };
type RawFailure = { idx: number; reason: string; bucket: string | null };

export async function settleLead(_db: Db, input: SettleInput): Promise<SettleResult> {
  // A cap of zero, or a budget smaller than one lead's price, can never be met: no need to ask the database.
  const prechecked: Refusal[] = [];
  const picks = input.picks.filter((pick) => {
    const c = pick.campaign;
    const budget = c.dailyBudget === null ? null : toCents(c.dailyBudget);
    const capZero = [c.dailyCap, c.hourlyCap, c.weeklyCap, c.monthlyCap].some((cap) => cap !== null && cap <= 0);
    const reason = capZero ? "cap_reached" : budget !== null && pick.priceCents > budget ? "budget_reached" : null;
    if (reason) prechecked.push({ campaignId: c.id, buyerId: c.buyerId, reason, bucket: null });
    return !reason;
  });
  if (prechecked.length && !input.finalRound) return { kind: "retry", failed: prechecked };

  const body = JSON.stringify(settleBody(input, picks));
  for (let attempt = 1; ; attempt++) {
    try {
      const [{ r }] = await sql<{ r: Raw }>(SETTLE, [body]);
      if (r.kind === "duplicate") return r;
      const refused = [...prechecked, ...r.failed.map((f) => refusal(picks, f))];
      const dropped = new Set(r.failed.map((f) => f.idx));
      const sold = picks.filter((_, i) => !dropped.has(i));
      // After COMMIT, not inside it: a NOTIFY makes COMMIT take a cluster-wide lock.
      if (r.notify) notifyDeliveryWorkers();
      return {
        kind: "settled",
        leadId: r.leadId,
        status: r.sold ? "sold" : "unsold",
        revenueCents: Number(r.revenueCents),
        costCents: Number(r.costCents),
        buyerId: sold[0]?.campaign.buyerId ?? null,
        campaignId: sold[0]?.campaign.id ?? null,
        saleIds: r.saleIds,
        sold,
        outcomes: [...input.outcomes, ...refused.map(({ bucket: _b, ...o }) => o)],
        refused,
      };
    } catch (err) {
      const e = err as SqlError;
      if (e.code === "TL003")
        return {
          kind: "retry",
          failed: [...prechecked, ...(JSON.parse(e.detail ?? "[]") as RawFailure[]).map((f) => refusal(picks, f))],
        };
      if (e.code === "TL004") return { kind: "ping_used" };
      // A deadlock victim (its statement was rolled back whole) runs again.
      if (!RETRYABLE.has(e.code ?? "") || attempt >= 5) throw err;
      countSettleRetry(); // metrics: titan_settle_retries_total
      await new Promise((res) => setTimeout(res, 5 + Math.random() * 20 * attempt));
    }
  }
}

function refusal(picks: SalePick[], f: RawFailure): Refusal {
  const c = picks[f.idx].campaign;
  return { campaignId: c.id, buyerId: c.buyerId, reason: f.reason, bucket: f.bucket };
}

/** The one JSON argument of tlg_settle: every value computed here, every decision made there. */
function settleBody(input: SettleInput, picks: SalePick[]) {
  const { now, lead } = input;
  const counters: {
    idx: number;
    campaignId: number;
    bucket: string;
    cap: number | null;
    budgetCents: number | null;
    priceCents: number;
  }[] = [];
  picks.forEach((pick, idx) => {
    const c = pick.campaign;
    const b = buckets(now, scheduleOf(c)?.timezone);
    const budgetCents = c.dailyBudget === null ? null : toCents(c.dailyBudget);
    // The day bucket always counts (it carries spend for budgets); the others only when capped.
    counters.push({ idx, campaignId: c.id, bucket: b.d, cap: c.dailyCap, budgetCents, priceCents: pick.priceCents });
    for (const [bucket, cap] of [
      [b.h, c.hourlyCap],
      [b.w, c.weeklyCap],
      [b.m, c.monthlyCap],
    ] as const) {
      if (cap !== null)
        counters.push({ idx, campaignId: c.id, bucket, cap, budgetCents: null, priceCents: pick.priceCents });
    }
  });
  return {
    leadId: input.leadId,
    lead: input.leadId === null ? { ...leadColumns(input), isTest: false, revenue: 0, cost: 0, margin: 0 } : undefined,
    now: now.toISOString(),
    dedupe: env.DEDUPE_WINDOW_DAYS > 0 ? dedupeKeys(lead) : [],
    windowStart: dedupeWindowStart(now).toISOString(),
    duplicateSources: [describeRejection("duplicate_lead").source],
    pingId: input.pingId,
    picks: picks.map((pick, idx) => {
      const c = pick.campaign;
      const target = (c.deliveryConfig as { url?: unknown } | null)?.url;
      return {
        idx,
        campaignId: c.id,
        buyerId: c.buyerId,
        priceCents: pick.priceCents,
        exclusive: c.exclusive || input.exclusive,
        buyerLeadId: pick.buyerLeadId ?? null,
        returnDeadline: new Date(now.getTime() + c.returnWindowHours * 3_600_000).toISOString(),
        method: c.deliveryMethod,
        target: typeof target === "string" ? target : null,
      };
    }),
    counters,
    finalRound: input.finalRound,
    payout: input.payout,
    sellerId: input.record.sellerId,
    matchCount: input.record.matchCount,
    outcomes: input.outcomes,
    // The request that caused the deliveries (X-Request-Id), carried into their rows and webhooks.
    requestId: currentRequestId(),
  };
}

function leadColumns(input: { lead: CanonicalLead; record: LeadRecord; pingId?: string | null }) {
  const { lead, record } = input;
  return {
    ...record,
    pingId: input.pingId ?? null,
    firstName: lead.firstName ?? null,
    lastName: lead.lastName ?? null,
    consumerName: lead.consumerName ?? null,
    consumerEmail: lead.consumerEmail ?? null,
    consumerPhone: lead.consumerPhone ?? null,
    consumerState: lead.consumerState ?? null,
    consumerZip: lead.consumerZip ?? null,
    consumerCity: lead.consumerCity ?? null,
    consumerAddress: lead.consumerAddress ?? null,
    dob: lead.dob ?? null,
    ageRange: lead.ageRange ?? null,
    incomeBracket: lead.incomeBracket ?? null,
    homeownerStatus: lead.homeownerStatus ?? null,
    ...identifierColumns(lead), // normalizedPhone/Email and their hashes (consumer rights)
    ipAddress: lead.ipAddress ?? null,
    trustedFormCertUrl: lead.trustedFormCertUrl ?? null,
    leadData: lead.leadData as object,
    consent: lead.consent as object,
  };
}

const STORE_REJECTED = statement(
  "tlg_store_rejected",
  `INSERT INTO "Lead" SELECT r.* FROM jsonb_populate_record(NULL::"Lead", $1::jsonb || jsonb_build_object('id', nextval(pg_get_serial_sequence('"Lead"', 'id')))) r RETURNING "id"`,
);

/** A rejected lead is stored too (sellers see why), with no money, counters or fingerprints. */
export async function storeRejected(
  db: Db,
  input: { leadId?: number; lead: CanonicalLead; record: LeadRecord; reasons: string[]; failedSources: string[] },
): Promise<number> {
  const data = {
    status: "rejected" as const,
    rejectionReasons: input.reasons,
    failedSources: input.failedSources,
    qualityScore: 0,
  };
  // A pending lead that lost the duplicate race is turned into a rejected one.
  if (input.leadId) return (await db.lead.update({ where: { id: input.leadId }, data, select: { id: true } })).id;
  const now = new Date().toISOString();
  const row = {
    ...leadColumns(input),
    ...data,
    isTest: false,
    unsoldReasons: [],
    revenue: 0,
    cost: 0,
    margin: 0,
    createdAt: now,
    updatedAt: now,
  };
  const [{ id }] = await sql<{ id: number }>(STORE_REJECTED, [JSON.stringify(row)]);
  return id;
}

/** Why a lead that was never settled is closed: its request failed or its process died mid-way. */
export const INTERRUPTED = "processing_interrupted";

/**
 * Closes a lead left "pending" by a request that failed before settling (nothing was sold,
 * charged or paid: settle is all-or-nothing). It becomes a rejected lead with a reason the seller
 * can read, so it never sits in "pending" forever. Only a still-pending row changes: a request
 * that did settle in the meantime keeps its own status.
 */
export async function abandonPendingLead(db: Db, leadId: number): Promise<void> {
  await closeInterrupted(db, { id: leadId });
}

/**
 * The same for leads whose process died between createPendingLead and settle (a crash, a kill,
 * a deploy): pending rows older than `olderThanMs` are closed. The age must exceed any live
 * request's duration; should a very slow request still settle afterwards, its settle overwrites
 * the status (sold/unsold/duplicate), so the sweep can never lose a sale. Returns how many.
 */
export async function sweepInterruptedLeads(db: Db, olderThanMs: number): Promise<number> {
  return closeInterrupted(db, { createdAt: { lt: new Date(Date.now() - olderThanMs) } });
}

async function closeInterrupted(db: Db, where: { id?: number; createdAt?: { lt: Date } }): Promise<number> {
  const { count } = await db.lead.updateMany({
    where: { ...where, status: "pending" },
    data: { status: "rejected", rejectionReasons: [INTERRUPTED], qualityScore: 0 },
  });
  return count;
}
