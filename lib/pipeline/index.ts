// The lead journey, one stage per file:
//   normalize → validate → compliance → match → price/route → (buyer confirms) → settle → delivery outbox
// `processLead` below is the whole of it; `pingLead` runs the match and price stages only.
import { prisma } from "../db";
import { env } from "../env";
import { ApiError } from "../api/errors";
import { denied } from "../auth/ownership";
import type { Caller } from "../auth/types";
import { centsToString, toCents, type Cents } from "../money";
import { sql, statement } from "../sql";
import { sellerSettings } from "../seller-settings";
import { effectiveRule, payoutCents, payoutPlan, pingOfferPlan, statedCost, type PayoutPlan } from "./payout";
import { normalizeLead, type CanonicalLead } from "./normalize";
import { validateLead } from "./validate";
import { runCompliance } from "./compliance";
import { campaignIndex, candidates } from "./campaign-index";
import { considers, targetingReason, capacityReason, Clock, type IndexedCampaign } from "./match";
import { capacitySnapshot, recordRefusal, recordSale } from "./capacity";
import { rankBids, choosePicks, pingPrices, qualityScore, score, type Bid } from "./price";
import {
  abandonPendingLead,
  createPendingLead,
  settleLead,
  storeRejected,
  type SalePick,
  type LeadRecord,
  type Settled,
} from "./settle";
import { buyerHooks, type BuyerDecision, type HookLead } from "./buyer-hooks";
import { compactOutcomes, describeRejection, type CampaignOutcome, type CampaignRefusal } from "./reasons";
import { observeConsidered, observeLead, observePing, timed } from "../metrics";

export type PipelineOutcome = {
  leadId: number;
  status: "sold" | "unsold" | "rejected";
  revenueCents: Cents;
  costCents: Cents;
  buyerId: number | null;
  campaignId: number | null;
  matchCount: number;
  rejectionReasons: string[];
  failedSources: string[];
  unsoldReasons: CampaignOutcome[];
  qualityScore: number;
  test: boolean;
  lead: CanonicalLead;
  createdAt: Date;
};

export async function processLead(body: Record<string, unknown>, caller: Caller): Promise<PipelineOutcome> {
  const outcome = await runPipeline(body, caller);
  observeLead(outcome); // metrics: titan_leads_total, titan_ping_posts_total
  return outcome;
}

async function runPipeline(body: Record<string, unknown>, caller: Caller): Promise<PipelineOutcome> {
  const now = new Date();
  const lead = timed("normalize", () => normalizeLead(body)); // 1. one canonical lead
  const setup = await loadSetup(lead, caller, now); //    seller, list, vertical, ping
  // The marketplace decides what the seller is paid (./payout.ts); a refused cost is a 400 here, test mode included.
  const payout = payoutPlan(setup.payoutRule, statedCost(lead.cost), setup.pingCents);
  const reasons = [
    ...timed("validate", () => validateLead(lead, setup.requiredFields)), // 2. format and required fields
    ...(await timed("compliance", () => runCompliance(lead, { db: prisma, list: setup.list, now }))), // 3. consent, DNC, blacklist, dupes, state
  ];
  const record = leadRecord(lead, setup, reasons.length > 0);
  if (reasons.length) return rejected(lead, record, unique(reasons), now);

  const matched = await timed("match", () => matchAndBid(lead, setup, now)); // 4. campaigns that want it, with bids
  const { otherStates } = matched;
  record.matchCount = matched.bids.length;
  const base = {
    lead,
    matchCount: matched.bids.length,
    payout,
    test: lead.test,
    now,
    quality: record.qualityScore,
    otherStates,
  };
  if (lead.test) return preview(matched, base); //    test mode: what would happen

  const pending = { leadId: null as number | null };
  try {
    return await sell({ pending, record, setup, matched, base });
  } catch (err) {
    // Nothing was settled (settle is one statement: all or nothing): never leave the seller a lead
    // stuck in "pending". A crash gets here too, later: the delivery worker sweeps what a dead process left.
    if (pending.leadId !== null) await abandonPendingLead(prisma, pending.leadId).catch(() => {});
    throw err;
  }
}

type Base = {
  lead: CanonicalLead;
  matchCount: number;
  payout: PayoutPlan;
  test: boolean;
  now: Date;
  quality: number;
  otherStates: number;
};

/**
 * Stages 5–6: pick, let synchronous buyers confirm, settle in one statement. The lead row is
 * written by settle itself, unless a buyer must see the lead first (an http_post buyer whose
 * answer decides the sale): then a pending row is written before asking it.
 */
async function sell(s: {
  pending: { leadId: number | null };
  record: LeadRecord;
  setup: Setup;
  matched: Matched;
  base: Base;
}): Promise<PipelineOutcome> {
  const { pending, record, setup, matched, base } = s;
  const { outcomes } = matched;
  let ranked = matched.ranked;
  const { lead, now, payout } = base;
  const excluded = new Map<number, CampaignOutcome>();
  const confirmed = new Map<number, SalePick>();
  const hooks = buyerHooks();
  for (;;) {
    let remaining = ranked.filter((b) => !excluded.has(b.campaign.id));
    if (remaining.length <= env.MAX_SHARED_SALES && ranked.length < matched.bids.length) {
      ranked = rankBids(matched.bids); //    refusals used up the best bids: rank them all
      remaining = ranked.filter((b) => !excluded.has(b.campaign.id));
    }
    const picks = choosePicks(remaining, { exclusiveLead: lead.exclusive, maxShared: env.MAX_SHARED_SALES }); // 5.
    if (
      pending.leadId === null &&
      picks.some((p) => !confirmed.has(p.campaign.id) && (hooks.needsConfirmation?.(p.campaign) ?? true))
    ) {
      pending.leadId = await createPendingLead(prisma, { lead, record }); //    a buyer will see it: pending until settled
    }
    const refused = await timed("confirm", () => confirmPicks(picks, confirmed, lead, pending.leadId)); // buyers' own yes/no, outside any tx
    if (refused.length) {
      for (const o of refused) excluded.set(o.campaignId, o);
      continue;
    }
    const unpicked = remaining.filter((b) => !picks.includes(b));
    const untried = matched.bids.length - ranked.length; //    bids not ranked yet are outbid too
    const result = await timed("settle", () =>
      settleLead(prisma, {
        // 6. one statement, guarded in SQL
        leadId: pending.leadId,
        lead,
        record,
        pingId: setup.ping?.id ?? null,
        now,
        exclusive: lead.exclusive,
        payout,
        picks: picks.map((p) => confirmedPick(confirmed, p)),
        finalRound: unpicked.length === 0 && untried === 0,
        outcomes: compactOutcomes(
          [...outcomes, ...excluded.values(), ...unpicked.map((b) => outbid(b)), ...outbidSummary(untried)],
          base.otherStates,
        ),
      }),
    );
    if (result.kind === "retry") {
      for (const o of result.failed) {
        recordRefusal(o);
        excluded.set(o.campaignId, { campaignId: o.campaignId, buyerId: o.buyerId, reason: o.reason });
      }
      continue;
    }
    if (result.kind === "ping_used") throw new ApiError("ping_used", "This ping was already used by another lead");
    if (result.kind === "duplicate") {
      const failedSources = [describeRejection("duplicate_lead").source];
      return rejectedOutcome(lead, result.leadId, ["duplicate_lead"], failedSources, now);
    }
    learn(result, now);
    const { payout: _plan, ...rest } = base;
    return {
      ...rest,
      ...result,
      rejectionReasons: [],
      failedSources: [],
      unsoldReasons: result.outcomes,
      qualityScore: base.quality,
      createdAt: now,
    };
  }
}

/** This instance's capacity snapshot learns from the sale at once (other instances at their next refresh). */
function learn(result: Settled, now: Date) {
  recordSale(
    result.sold.map((p) => ({
      campaignId: p.campaign.id,
      buyerId: p.campaign.buyerId,
      priceCents: p.priceCents,
      timezone: (p.campaign as IndexedCampaign).m?.timezone,
    })),
    now,
  );
  for (const r of result.refused) recordRefusal(r);
}

export type PingOutcome = {
  pingId: string;
  bidCents: Cents;
  exclusiveBidCents: Cents;
  expiresInSeconds: number;
  matchCount: number;
};

export async function pingLead(body: Record<string, unknown>, caller: Caller): Promise<PingOutcome> {
  const now = new Date();
  const lead = timed("normalize", () => normalizeLead(body));
  const setup = await loadSetup(lead, caller, now, { ping: true });
  const { ranked, bids } = await timed("match", () => matchAndBid(lead, setup, now));
  observePing(bids.length); // metrics: titan_pings_total
  const prices = pingPrices(bids, pingOfferPlan(setup.payoutRule, statedCost(lead.cost), env.PAYOUT_DEFAULT_SHARE_BPS));
  const [ping] = await sql<{ id: string }>(INSERT_PING, [
    setup.sellerId,
    setup.vertical,
    lead.subVertical ?? null,
    lead.consumerState ?? null,
    lead.consumerZip ?? null,
    JSON.stringify(lead.leadData),
    centsToString(prices.bidCents),
    centsToString(prices.exclusiveBidCents),
    bids.length,
    // The bids that set the prices; the whole ranking would grow with the marketplace.
    JSON.stringify(
      ranked.slice(0, PING_BIDS_KEPT).map((b) => ({
        campaignId: b.campaign.id,
        price: centsToString(b.priceCents),
        exclusive: b.campaign.exclusive,
      })),
    ),
    new Date(now.getTime() + env.PING_TTL_SECONDS * 1000).toISOString(),
    now.toISOString(),
  ]);
  return { pingId: ping.id, ...prices, expiresInSeconds: env.PING_TTL_SECONDS, matchCount: bids.length };
}

const PING_BIDS_KEPT = 10;
const INSERT_PING = statement(
  "insert_ping",
  `INSERT INTO "Ping" ("id", "sellerId", "vertical", "subVertical", "consumerState", "consumerZip", "leadData", "bidPrice",
     "exclusiveBidPrice", "matchCount", "bids", "expiresAt", "createdAt")
   VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::jsonb, $7::numeric, $8::numeric, $9, $10::jsonb, $11::timestamp, $12::timestamp)
   RETURNING "id"`,
);

// ---------- the steps ----------

type Setup = Awaited<ReturnType<typeof loadSetup>>;

async function loadSetup(lead: CanonicalLead, caller: Caller, now: Date, opts: { ping?: boolean } = {}) {
  const sellerId = await resolveSeller(caller, lead.sellerId);
  const [index, seller] = await Promise.all([campaignIndex(), sellerSettings(sellerId)]);
  const list = lead.listId ? findList(index.lists, lead.listId, sellerId) : null;
  const vertical = lead.vertical ?? list?.vertical;
  if (!vertical)
    throw new ApiError("validation_failed", "Name the lead's vertical (or its listId)", [
      { field: "vertical", issue: "required" },
    ]);
  const rules = index.verticals.get(vertical);
  if (!rules)
    throw new ApiError("validation_failed", `Unknown vertical ${vertical}`, [
      { field: "vertical", issue: `one of ${[...index.verticals.keys()].join(", ")}` },
    ]);
  lead.vertical = vertical;
  if (list?.subVertical && !lead.subVertical) lead.subVertical = list.subVertical;
  const ping = !opts.ping && lead.pingId ? await loadPing(lead, lead.pingId, sellerId, now) : null;
  const pingCents = ping ? (toCents(lead.exclusive ? ping.exclusiveBidPrice : ping.bidPrice) ?? 0) : null;
  const payoutRule = effectiveRule(list, seller, env.PAYOUT_DEFAULT_SHARE_BPS);
  return {
    sellerId,
    index,
    list,
    vertical,
    ping,
    pingCents,
    payoutRule,
    requiredFields: [...rules.requiredFields, ...(list?.requiredFields ?? [])],
  };
}

/** Sellers post as themselves; an admin names the seller (sellerId in the body). */
async function resolveSeller(caller: Caller, bodySellerId: string | undefined): Promise<number> {
  const named = bodySellerId === undefined ? null : Number(bodySellerId);
  if (caller.role === "seller") {
    if (named !== null && named !== caller.sellerId)
      throw denied("forbidden", "You may only submit leads as your own seller account", caller, {
        reason: "other_account",
        field: "sellerId",
        requested: bodySellerId,
      });
    if (caller.sellerId === null) throw new ApiError("forbidden", "This key belongs to no seller account");
    return caller.sellerId;
  }
  if (named === null || !Number.isInteger(named)) {
    throw new ApiError("validation_failed", "Admins must name the seller", [
      { field: "sellerId", issue: "required for admin callers" },
    ]);
  }
  const seller = await prisma.seller.findUnique({ where: { id: named }, select: { id: true } });
  if (!seller) throw new ApiError("not_found", `No seller with id ${named}`);
  return seller.id;
}

/** The active list from the campaign index (list changes are announced like campaign changes). */
function findList(lists: Map<string, IntakeListRow>, listId: string, sellerId: number) {
  const list = lists.get(listId.toLowerCase());
  // Another seller's list is as unknown as a missing one.
  if (!list || list.sellerId !== sellerId || list.status !== "active" || list.archivedAt)
    throw new ApiError("not_found", `No intake list ${listId} for this seller`);
  return list;
}

type IntakeListRow = Awaited<ReturnType<typeof campaignIndex>>["lists"] extends Map<string, infer L> ? L : never;

async function loadPing(lead: CanonicalLead, id: string, sellerId: number, now: Date) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const ping = uuid ? await prisma.ping.findUnique({ where: { id } }) : null;
  if (!ping || ping.sellerId !== sellerId) throw new ApiError("ping_not_found", `No ping ${id}`);
  if (ping.usedAt) throw new ApiError("ping_used", "This ping was already used by another lead");
  if (ping.expiresAt <= now)
    throw new ApiError("ping_expired", `Ping ${id} expired at ${ping.expiresAt.toISOString()}; ping again`);
  const mismatch = (
    [
      ["vertical", ping.vertical, lead.vertical],
      ["subVertical", ping.subVertical, lead.subVertical],
      ["consumerState", ping.consumerState, lead.consumerState],
      ["consumerZip", ping.consumerZip, lead.consumerZip],
    ] as const
  ).filter(([, pinged, posted]) => pinged && pinged !== posted);
  if (mismatch.length) {
    throw new ApiError(
      "ping_mismatch",
      "The lead does not match its ping",
      mismatch.map(([field, pinged]) => ({ field, issue: `pinged as ${pinged}` })),
    );
  }
  return ping;
}

function leadRecord(lead: CanonicalLead, setup: Setup, isRejected: boolean): LeadRecord {
  return {
    sellerId: setup.sellerId,
    intakeListId: setup.list?.id ?? null,
    externalCampaignId: lead.campaignId ?? null,
    sourceType: lead.sourceType ?? null,
    source: lead.source ?? null,
    vertical: setup.vertical,
    subVertical: lead.subVertical ?? null,
    qualityScore: qualityScore(lead, isRejected),
    matchCount: 0,
  };
}

/**
 * Targeting, advisory capacity, then bids (dynamic campaigns are asked through the buyer seam).
 * Only the campaigns of the lead's state (and the nationwide ones) are looked at; the capacity
 * comes from the instance's snapshot, so no query here grows with the number of campaigns.
 */
type Matched = { ranked: Bid[]; bids: Bid[]; outcomes: CampaignOutcome[]; otherStates: number };

/** How many of the best bids are ranked up front; a sale that runs through them ranks the rest. */
const RANKED = 32;

async function matchAndBid(lead: CanonicalLead, setup: Setup, now: Date): Promise<Matched> {
  const outcomes: CampaignOutcome[] = [];
  const clock = new Clock(now);
  const { campaigns, considered } = candidates(setup.index, setup.vertical, lead.consumerState, lead.subVertical);
  const input = { lead, listId: setup.list?.id ?? null, now, clock };
  observeConsidered(campaigns.length); // metrics: titan_campaigns_considered
  let inState = 0;
  const targeted = campaigns.filter((c) => {
    if (!considers(c, lead)) return false;
    inState++;
    const reason = targetingReason(c, input);
    if (reason) outcomes.push({ campaignId: c.id, buyerId: c.buyerId, reason });
    return !reason;
  });
  const otherStates = considered - inState;
  if (!targeted.length) return { ranked: [], bids: [], outcomes, otherStates };
  const capacity = await capacitySnapshot(setup.index.timezones);
  const eligible = targeted.filter((c) => {
    const reason = capacityReason(c, c.m.priceCents, capacity, clock);
    if (reason) outcomes.push({ campaignId: c.id, buyerId: c.buyerId, reason });
    return !reason;
  });
  const results = eligible.length ? await buyerHooks().collectBids(eligible, hookLead(lead)) : [];
  // The seam answers in the order it was asked; look up by id only if it did not.
  const aligned = results.length === eligible.length && results.every((r, i) => r.campaignId === eligible[i].id);
  const answers = aligned ? null : new Map(results.map((r) => [r.campaignId, r]));
  const bids: Bid[] = [];
  for (let i = 0; i < eligible.length; i++) {
    const c = eligible[i];
    const r = answers ? answers.get(c.id) : results[i];
    if (!r || "skip" in r || r.priceCents <= 0) {
      const skip = r && "skip" in r ? r : null;
      outcomes.push({
        campaignId: c.id,
        buyerId: c.buyerId,
        reason: skip?.skip ?? "no_bid",
        ...(skip?.detail ? { details: skip.detail } : {}),
      });
      continue;
    }
    const leadsToday = capacity.counters.get(c.id)?.get(clock.buckets(c.m.timezone).d)?.leads ?? 0;
    const s =
      r.priceCents === c.m.priceCents && c.m.fixedScore
        ? c.m.fixedScore
        : score(r.priceCents, c.priority, setup.index.returnRates.get(c.buyerId));
    bids.push({ campaign: c, priceCents: r.priceCents, leadsToday, score: s });
  }
  return { ranked: rankBids(bids, RANKED), bids, outcomes, otherStates };
}

/** A pick after confirmPicks accepted it (a refused one sends the loop round again before settling). */
function confirmedPick(confirmed: Map<number, SalePick>, p: Bid): SalePick {
  const pick = confirmed.get(p.campaign.id);
  if (!pick) throw new Error(`campaign ${p.campaign.id} was picked but never confirmed`);
  return pick;
}

/** Asks each newly picked campaign's buyer (http_post buyers decide synchronously); refusals come back. */
async function confirmPicks(
  picks: Bid[],
  confirmed: Map<number, SalePick>,
  lead: CanonicalLead,
  leadId: number | null,
): Promise<CampaignRefusal[]> {
  const hooks = buyerHooks();
  const fresh = picks.filter((p) => !confirmed.has(p.campaign.id));
  const decisions = await Promise.all(
    fresh.map((p) =>
      leadId === null
        ? Promise.resolve<BuyerDecision>({ accepted: true })
        : hooks.confirmWithBuyer(p.campaign, { ...hookLead(lead), id: leadId }, p.priceCents),
    ),
  );
  const refused: CampaignRefusal[] = [];
  fresh.forEach((p, i) => {
    const d = decisions[i];
    if (d.accepted)
      confirmed.set(p.campaign.id, {
        campaign: p.campaign,
        priceCents: d.priceCents ?? p.priceCents,
        buyerLeadId: d.buyerLeadId ?? null,
      });
    // The buyer's answer becomes the campaign's reason (buyer_rejected, buyer_timeout...), its details kept.
    else
      refused.push({
        campaignId: p.campaign.id,
        buyerId: p.campaign.buyerId,
        reason: d.reason || "buyer_rejected",
        ...(d.details === undefined ? {} : { details: d.details }),
      });
  });
  return refused;
}

const outbid = (b: Bid): CampaignOutcome => ({
  campaignId: b.campaign.id,
  buyerId: b.campaign.buyerId,
  reason: "outbid",
});
const outbidSummary = (n: number): CampaignOutcome[] =>
  n > 0 ? [{ campaignId: null, buyerId: null, reason: "outbid", details: { campaigns: n } }] : [];
const unique = (xs: string[]) => [...new Set(xs)];

function hookLead(lead: CanonicalLead): HookLead {
  const { phoneDigits: _p, test: _t, cost: _c, vertical, ...rest } = lead;
  if (!vertical) throw new Error("hookLead before loadSetup named the lead's vertical");
  return { ...rest, vertical };
}

async function rejected(
  lead: CanonicalLead,
  record: LeadRecord,
  reasons: string[],
  now: Date,
): Promise<PipelineOutcome> {
  const failedSources = unique(reasons.map((r) => describeRejection(r).source));
  const id = lead.test ? 0 : await storeRejected(prisma, { lead, record, reasons, failedSources });
  return rejectedOutcome(lead, id, reasons, failedSources, now);
}

function rejectedOutcome(
  lead: CanonicalLead,
  leadId: number,
  reasons: string[],
  failedSources: string[],
  now: Date,
): PipelineOutcome {
  return {
    leadId,
    status: "rejected",
    revenueCents: 0,
    costCents: 0,
    buyerId: null,
    campaignId: null,
    matchCount: 0,
    rejectionReasons: reasons,
    failedSources,
    unsoldReasons: [],
    qualityScore: 0,
    test: lead.test,
    lead,
    createdAt: now,
  };
}

/** Test mode: the sale the pipeline would make now, with nothing written, counted or delivered. */
function preview({ ranked, bids, outcomes }: Matched, base: Base): PipelineOutcome {
  const picks = choosePicks(ranked, { exclusiveLead: base.lead.exclusive, maxShared: env.MAX_SHARED_SALES });
  const revenueCents = picks.reduce((s, p) => s + p.priceCents, 0);
  const sold = picks.length > 0;
  return {
    leadId: 0,
    status: sold ? "sold" : "unsold",
    revenueCents,
    costCents: sold ? payoutCents(base.payout, revenueCents) : 0,
    buyerId: picks[0]?.campaign.buyerId ?? null,
    campaignId: picks[0]?.campaign.id ?? null,
    matchCount: base.matchCount,
    rejectionReasons: [],
    failedSources: [],
    qualityScore: base.quality,
    test: true,
    lead: base.lead,
    createdAt: base.now,
    unsoldReasons: compactOutcomes(
      [
        ...outcomes,
        ...ranked.filter((b) => !picks.includes(b)).map(outbid),
        ...outbidSummary(bids.length - ranked.length),
      ],
      base.otherStates,
    ),
  };
}
