// The lead journey, one stage per file:
//   normalize → validate → compliance → match → price/route → (buyer confirms) → settle → delivery outbox
// `processLead` below is the whole of it; `pingLead` runs the match and price stages only.
import { prisma } from "../db";
import { env } from "../env";
import { ApiError } from "../api/errors";
import type { Caller } from "../auth";
import { centsToDecimal, centsToString, toCents, type Cents } from "../money";
import { normalizeLead, type CanonicalLead } from "./normalize";
import { validateLead } from "./validate";
import { runCompliance } from "./compliance";
import { campaignIndex } from "./campaign-index";
import { considers, targetingReason, capacityReason, buckets, scheduleOf, type Capacity } from "./match";
import { rankBids, choosePicks, pingPrices, leadCost, qualityScore, score, type Bid } from "./price";
import { abandonPendingLead, createPendingLead, settleLead, storeRejected, type SalePick, type LeadRecord } from "./settle";
import { buyerHooks, type HookLead } from "./buyer-hooks";
import { describeRejection, type CampaignOutcome } from "./reasons";
import { observeConsidered, observeLead, observePing, timed } from "../metrics"; // metrics (issue 19)

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
  const lead = timed("normalize", () => normalizeLead(body));              // 1. one canonical lead
  const setup = await loadSetup(lead, caller, now);                        //    seller, list, vertical, ping
  const reasons = [
    ...timed("validate", () => validateLead(lead, setup.requiredFields)),  // 2. format and required fields
    ...(await timed("compliance", () => runCompliance(lead, { db: prisma, list: setup.list, now }))), // 3. consent, DNC, blacklist, dupes, state
  ];
  const record = leadRecord(lead, setup, reasons.length > 0);
  if (reasons.length) return rejected(lead, record, unique(reasons), now);

  const { ranked, outcomes } = await timed("match", () => matchAndBid(lead, setup, now)); // 4. campaigns that want it, with bids
  record.matchCount = ranked.length;
  const costCents = setup.pingCents ?? leadCost(lead, null, setup.list?.price);
  const base = { lead, matchCount: ranked.length, costCents, test: lead.test, now, quality: record.qualityScore };
  if (lead.test) return preview(ranked, outcomes, base);                   //    test mode: what would happen

  const leadId = await createPendingLead(prisma, { lead, record });       //    pending until settled
  try {
    return await sellPending({ leadId, record, setup, ranked, outcomes, base });
  } catch (err) {
    // Nothing was settled (the transaction rolled back): never leave the seller a lead stuck in
    // "pending". A crash gets here too, later: the delivery worker sweeps what a dead process left.
    await abandonPendingLead(prisma, leadId).catch(() => {});
    throw err;
  }
}

type Base = { lead: CanonicalLead; matchCount: number; costCents: Cents; test: boolean; now: Date; quality: number };

/** Stages 5–6 for a lead whose pending row exists: buyers confirm, then one settle transaction. */
async function sellPending(s: { leadId: number; record: LeadRecord; setup: Setup; ranked: Bid[]; outcomes: CampaignOutcome[]; base: Base }): Promise<PipelineOutcome> {
  const { leadId, record, setup, ranked, outcomes, base } = s;
  const { lead, now, costCents } = base;
  const excluded = new Map<number, CampaignOutcome>();
  const confirmed = new Map<number, SalePick>();
  for (;;) {
    const remaining = ranked.filter((b) => !excluded.has(b.campaign.id));
    const picks = choosePicks(remaining, { exclusiveLead: lead.exclusive, maxShared: env.MAX_SHARED_SALES }); // 5.
    const refused = await timed("confirm", () => confirmPicks(picks, confirmed, lead, leadId)); // buyers' own yes/no, outside any tx
    if (refused.length) { refused.forEach((o) => excluded.set(o.campaignId, o)); continue; }
    const unpicked = remaining.filter((b) => !picks.includes(b));
    const result = await timed("settle", () => settleLead(prisma, {       // 6. one transaction, guarded in SQL
      leadId, lead, record, costCents, pingId: setup.ping?.id ?? null, now, exclusive: lead.exclusive,
      picks: picks.map((p) => confirmed.get(p.campaign.id)!),
      finalRound: unpicked.length === 0,
      outcomes: [...outcomes, ...excluded.values(), ...unpicked.map((b) => outbid(b))],
    }));
    if (result.kind === "retry") { result.failed.forEach((o) => excluded.set(o.campaignId, o)); continue; }
    if (result.kind === "ping_used") throw new ApiError("ping_used", "This ping was already used by another lead");
    if (result.kind === "duplicate") return rejected(lead, record, ["duplicate_lead"], now, leadId);
    return { ...base, ...result, rejectionReasons: [], failedSources: [], unsoldReasons: result.outcomes, qualityScore: base.quality, createdAt: now };
  }
}

export type PingOutcome = { pingId: string; bidCents: Cents; exclusiveBidCents: Cents; expiresInSeconds: number; matchCount: number };

export async function pingLead(body: Record<string, unknown>, caller: Caller): Promise<PingOutcome> {
  const now = new Date();
  const lead = timed("normalize", () => normalizeLead(body));
  const setup = await loadSetup(lead, caller, now, { ping: true });
  const { ranked } = await timed("match", () => matchAndBid(lead, setup, now));
  observePing(ranked.length); // metrics: titan_pings_total
  const prices = pingPrices(ranked);
  const ping = await prisma.ping.create({
    data: {
      sellerId: setup.sellerId,
      vertical: setup.vertical,
      subVertical: lead.subVertical ?? null,
      consumerState: lead.consumerState ?? null,
      consumerZip: lead.consumerZip ?? null,
      leadData: lead.leadData as object,
      bidPrice: centsToDecimal(prices.bidCents),
      exclusiveBidPrice: centsToDecimal(prices.exclusiveBidCents),
      matchCount: ranked.length,
      bids: ranked.map((b) => ({ campaignId: b.campaign.id, price: centsToString(b.priceCents), exclusive: b.campaign.exclusive })),
      expiresAt: new Date(now.getTime() + env.PING_TTL_SECONDS * 1000),
    },
    select: { id: true },
  });
  return { pingId: ping.id, ...prices, expiresInSeconds: env.PING_TTL_SECONDS, matchCount: ranked.length };
}

// ---------- the steps ----------

type Setup = Awaited<ReturnType<typeof loadSetup>>;

async function loadSetup(lead: CanonicalLead, caller: Caller, now: Date, opts: { ping?: boolean } = {}) {
  const sellerId = await resolveSeller(caller, lead.sellerId);
  const index = await campaignIndex();
  const list = lead.listId ? await loadList(lead.listId, sellerId) : null;
  const vertical = lead.vertical ?? list?.vertical;
  if (!vertical) throw new ApiError("validation_failed", "Name the lead's vertical (or its listId)", [{ field: "vertical", issue: "required" }]);
  const rules = index.verticals.get(vertical);
  if (!rules) throw new ApiError("validation_failed", `Unknown vertical ${vertical}`, [{ field: "vertical", issue: `one of ${[...index.verticals.keys()].join(", ")}` }]);
  lead.vertical = vertical;
  if (list?.subVertical && !lead.subVertical) lead.subVertical = list.subVertical;
  if (lead.cost !== undefined && lead.cost !== null && lead.cost !== "" && (toCents(lead.cost) ?? -1) < 0) {
    throw new ApiError("validation_failed", "cost must be a money amount like \"28.00\"", [{ field: "cost", issue: "invalid amount" }]);
  }
  const ping = !opts.ping && lead.pingId ? await loadPing(lead, sellerId, now) : null;
  const pingCents = ping ? (toCents(lead.exclusive ? ping.exclusiveBidPrice : ping.bidPrice) ?? 0) : null;
  return { sellerId, index, list, vertical, ping, pingCents, requiredFields: [...rules.requiredFields, ...(list?.requiredFields ?? [])] };
}

/** Sellers post as themselves; an admin names the seller (sellerId in the body). */
async function resolveSeller(caller: Caller, bodySellerId: string | undefined): Promise<number> {
  const named = bodySellerId === undefined ? null : Number(bodySellerId);
  if (caller.role === "seller") {
    if (named !== null && named !== caller.sellerId) throw new ApiError("forbidden", "You may only submit leads as your own seller account");
    return caller.sellerId!;
  }
  if (named === null || !Number.isInteger(named)) {
    throw new ApiError("validation_failed", "Admins must name the seller", [{ field: "sellerId", issue: "required for admin callers" }]);
  }
  const seller = await prisma.seller.findUnique({ where: { id: named }, select: { id: true } });
  if (!seller) throw new ApiError("not_found", `No seller with id ${named}`);
  return seller.id;
}

async function loadList(listId: string, sellerId: number) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(listId);
  const list = uuid ? await prisma.intakeList.findUnique({ where: { id: listId } }) : null;
  // Another seller's list is as unknown as a missing one.
  if (!list || list.sellerId !== sellerId || list.status !== "active") throw new ApiError("not_found", `No intake list ${listId} for this seller`);
  return list;
}

async function loadPing(lead: CanonicalLead, sellerId: number, now: Date) {
  const id = lead.pingId!;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const ping = uuid ? await prisma.ping.findUnique({ where: { id } }) : null;
  if (!ping || ping.sellerId !== sellerId) throw new ApiError("ping_not_found", `No ping ${id}`);
  if (ping.usedAt) throw new ApiError("ping_used", "This ping was already used by another lead");
  if (ping.expiresAt <= now) throw new ApiError("ping_expired", `Ping ${id} expired at ${ping.expiresAt.toISOString()}; ping again`);
  const mismatch = (
    [["vertical", ping.vertical, lead.vertical], ["subVertical", ping.subVertical, lead.subVertical],
     ["consumerState", ping.consumerState, lead.consumerState], ["consumerZip", ping.consumerZip, lead.consumerZip]] as const
  ).filter(([, pinged, posted]) => pinged && pinged !== posted);
  if (mismatch.length) {
    throw new ApiError("ping_mismatch", "The lead does not match its ping", mismatch.map(([field, pinged]) => ({ field, issue: `pinged as ${pinged}` })));
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

/** Targeting, advisory capacity, then bids (dynamic campaigns are asked through the buyer seam). */
async function matchAndBid(lead: CanonicalLead, setup: Setup, now: Date): Promise<{ ranked: Bid[]; outcomes: CampaignOutcome[] }> {
  const outcomes: CampaignOutcome[] = [];
  const candidates = setup.index.byVertical.get(setup.vertical) ?? [];
  observeConsidered(candidates.length); // metrics: titan_campaigns_considered
  const targeted = candidates.filter((c) => {
    if (!considers(c, lead)) return false;
    const reason = targetingReason(c, { lead, listId: setup.list?.id ?? null, now });
    if (reason) outcomes.push({ campaignId: c.id, buyerId: c.buyerId, reason });
    return !reason;
  });
  if (!targeted.length) return { ranked: [], outcomes };
  const capacity = await loadCapacity(targeted, now);
  const eligible = targeted.filter((c) => {
    const reason = capacityReason(c, toCents(c.pricePerLead) ?? 0, capacity, now);
    if (reason) outcomes.push({ campaignId: c.id, buyerId: c.buyerId, reason });
    return !reason;
  });
  const results = eligible.length ? await buyerHooks().collectBids(eligible, hookLead(lead)) : [];
  const bids: Bid[] = [];
  for (const c of eligible) {
    const r = results.find((x) => x.campaignId === c.id);
    if (!r || "skip" in r || r.priceCents <= 0) {
      const skip = r && "skip" in r ? r : null;
      outcomes.push({ campaignId: c.id, buyerId: c.buyerId, reason: skip?.skip ?? "no_bid", ...(skip?.detail ? { details: skip.detail } : {}) });
      continue;
    }
    const leadsToday = capacity.counters.get(c.id)?.get(buckets(now, scheduleOf(c)?.timezone).d)?.leads ?? 0;
    bids.push({ campaign: c, priceCents: r.priceCents, leadsToday, score: score(r.priceCents, c.priority, setup.index.returnRates.get(c.buyerId)) });
  }
  return { ranked: rankBids(bids), outcomes };
}

async function loadCapacity(campaigns: { id: number; buyerId: number; schedule: unknown }[], now: Date): Promise<Capacity> {
  const keys = campaigns.flatMap((c) => Object.values(buckets(now, scheduleOf(c as never)?.timezone)).map((bucket) => ({ campaignId: c.id, bucket })));
  const [rows, buyers] = await Promise.all([
    prisma.campaignCounter.findMany({ where: { OR: keys } }),
    prisma.buyer.findMany({ where: { id: { in: [...new Set(campaigns.map((c) => c.buyerId))] } }, select: { id: true, balance: true, creditLimit: true } }),
  ]);
  const counters: Capacity["counters"] = new Map();
  for (const r of rows) {
    if (!counters.has(r.campaignId)) counters.set(r.campaignId, new Map());
    counters.get(r.campaignId)!.set(r.bucket, { leads: r.leads, spendCents: toCents(r.spend) ?? 0 });
  }
  const headroom = new Map(buyers.map((b) => [b.id, (toCents(b.balance) ?? 0) + (toCents(b.creditLimit) ?? 0)]));
  return { counters, headroom };
}

/** Asks each newly picked campaign's buyer (http_post buyers decide synchronously); refusals come back. */
async function confirmPicks(picks: Bid[], confirmed: Map<number, SalePick>, lead: CanonicalLead, leadId: number): Promise<CampaignOutcome[]> {
  const fresh = picks.filter((p) => !confirmed.has(p.campaign.id));
  const decisions = await Promise.all(fresh.map((p) => buyerHooks().confirmWithBuyer(p.campaign, { ...hookLead(lead), id: leadId }, p.priceCents)));
  const refused: CampaignOutcome[] = [];
  fresh.forEach((p, i) => {
    const d = decisions[i];
    if (d.accepted) confirmed.set(p.campaign.id, { campaign: p.campaign, priceCents: d.priceCents ?? p.priceCents, buyerLeadId: d.buyerLeadId ?? null });
    // The buyer's answer becomes the campaign's reason (buyer_rejected, buyer_timeout...), its details kept.
    else refused.push({ campaignId: p.campaign.id, buyerId: p.campaign.buyerId, reason: d.reason || "buyer_rejected", ...(d.details === undefined ? {} : { details: d.details }) });
  });
  return refused;
}

const outbid = (b: Bid): CampaignOutcome => ({ campaignId: b.campaign.id, buyerId: b.campaign.buyerId, reason: "outbid" });
const unique = (xs: string[]) => [...new Set(xs)];

function hookLead(lead: CanonicalLead): HookLead {
  const { phoneDigits: _p, test: _t, cost: _c, ...rest } = lead;
  return { ...rest, vertical: lead.vertical! };
}

async function rejected(lead: CanonicalLead, record: LeadRecord, reasons: string[], now: Date, leadId?: number): Promise<PipelineOutcome> {
  const failedSources = unique(reasons.map((r) => describeRejection(r).source));
  const id = lead.test ? 0 : await storeRejected(prisma, { leadId, lead, record, reasons, failedSources });
  return {
    leadId: id, status: "rejected", revenueCents: 0, costCents: 0, buyerId: null, campaignId: null, matchCount: 0,
    rejectionReasons: reasons, failedSources, unsoldReasons: [], qualityScore: 0, test: lead.test, lead, createdAt: now,
  };
}

/** Test mode: the sale the pipeline would make now, with nothing written, counted or delivered. */
function preview(ranked: Bid[], outcomes: CampaignOutcome[], base: { lead: CanonicalLead; matchCount: number; costCents: Cents; now: Date; quality: number }): PipelineOutcome {
  const picks = choosePicks(ranked, { exclusiveLead: base.lead.exclusive, maxShared: env.MAX_SHARED_SALES });
  const revenueCents = picks.reduce((s, p) => s + p.priceCents, 0);
  const sold = picks.length > 0;
  return {
    leadId: 0, status: sold ? "sold" : "unsold", revenueCents, costCents: sold ? base.costCents : 0,
    buyerId: picks[0]?.campaign.buyerId ?? null, campaignId: picks[0]?.campaign.id ?? null, matchCount: base.matchCount,
    rejectionReasons: [], failedSources: [], qualityScore: base.quality, test: true, lead: base.lead, createdAt: base.now,
    unsoldReasons: [...outcomes, ...ranked.filter((b) => !picks.includes(b)).map(outbid)],
  };
}
