// Stage 5: price and route. Each bidding campaign gets a score (its price, weighted by the
// campaign's priority and discounted by the buyer's recent return rate); the highest score
// wins. An exclusive winner buys alone; a shared winner is joined by the next shared
// campaigns of other buyers, up to MAX_SHARED_SALES. Ties go to the campaign that has
// bought fewer leads today, so equal buyers take turns (stateless: read from the counters).
import type { BuyerCampaign } from "../generated/prisma/client";
import type { Cents } from "../money";
import type { CanonicalLead } from "./normalize";
import { payoutCents, type PayoutPlan } from "./payout";

export type Bid = { campaign: BuyerCampaign; priceCents: Cents; score: number; leadsToday: number };

export function score(priceCents: Cents, priority: number, returnRate = 0): number {
  const weight = 1 + 0.1 * (Math.max(1, priority) - 1);
  return priceCents * weight * (1 - Math.min(Math.max(returnRate, 0), 0.9));
}

const better = (a: Bid, b: Bid) => b.score - a.score || a.leadsToday - b.leadsToday || a.campaign.id - b.campaign.id;

/**
 * Best first. With `limit`, only the best `limit` bids, found in one pass (a marketplace's large
 * states have thousands of bidding campaigns, of which a sale needs the first few).
 */
export function rankBids(bids: Bid[], limit = Infinity): Bid[] {
  if (bids.length <= limit) return [...bids].sort(better);
  const top: Bid[] = [];
  for (const b of bids) {
    if (top.length === limit && better(b, top[limit - 1]) >= 0) continue;
    let i = top.length === limit ? limit - 1 : top.length;
    if (top.length === limit) top.pop();
    while (i > 0 && better(b, top[i - 1]) < 0) i--;
    top.splice(i, 0, b);
  }
  return top;
}

/**
 * The campaigns to sell to, best first: the top bid alone when it (or the seller's post)
 * is exclusive, else the top shared bids of distinct buyers.
 */
export function choosePicks(ranked: Bid[], opts: { exclusiveLead: boolean; maxShared: number }): Bid[] {
  const top = ranked[0];
  if (!top) return [];
  if (opts.exclusiveLead || top.campaign.exclusive) return [top];
  const picks: Bid[] = [];
  const buyers = new Set<number>();
  for (const b of ranked) {
    if (b.campaign.exclusive || buyers.has(b.campaign.buyerId)) continue;
    picks.push(b);
    buyers.add(b.campaign.buyerId);
    if (picks.length >= opts.maxShared) break;
  }
  return picks;
}

/** Ping prices: what the seller's payout rule pays on one shared sale's worth and on the best sole-buyer price. */
export function pingPrices(ranked: Bid[], offer: PayoutPlan): { bidCents: Cents; exclusiveBidCents: Cents } {
  const payout = (c: Cents) => (c > 0 ? payoutCents(offer, c) : 0);
  const shared = ranked.filter((b) => !b.campaign.exclusive).map((b) => b.priceCents);
  const all = ranked.map((b) => b.priceCents);
  return {
    bidCents: payout(shared.length ? Math.max(...shared) : 0),
    exclusiveBidCents: payout(all.length ? Math.max(...all) : 0),
  };
}

/** 0–100: zero for rejected leads, else how complete and well-evidenced the lead is. */
export function qualityScore(lead: CanonicalLead, rejected: boolean): number {
  if (rejected) return 0;
  const signals = [
    !!lead.consumerEmail,
    !!(lead.firstName && lead.lastName),
    !!(lead.consumerAddress || lead.consumerCity),
    !!lead.consumerZip,
    !!(lead.trustedFormCertUrl || (lead.consent.text && lead.consent.timestamp)),
    !!(lead.dob || lead.ageRange || Object.keys(lead.leadData).length),
  ];
  return 40 + 10 * signals.filter(Boolean).length;
}
