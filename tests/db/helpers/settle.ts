// Sales made the way every real sale is made: settleLead (lib/pipeline/settle.ts), i.e. the one
// call of the tlg_settle SQL function that writes the lead, its sales, the ledger, the counters and
// the delivery outbox. Tests that need a sold lead with its queued delivery use this rather than
// writing those rows themselves, so the outbox rules (portal: nothing queued; a synchronous
// http_post buyer's recorded call attached to the sale; the buyer's lead id on the sale) live in
// the SQL function only.
import type { BuyerCampaign } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { normalizeLead } from "@/lib/pipeline/normalize";
import { settleLead, type LeadRecord, type Settled } from "@/lib/pipeline/settle";

export type PickSpec = { campaign: BuyerCampaign; priceCents: number; buyerLeadId?: string | null };

/**
 * Sells one lead to every pick (best first) and returns what settle returned. Throws unless every
 * pick was sold, so a fixture that could not sell (a duplicate consumer, a buyer without funds)
 * fails loudly rather than leaving a test without its sale.
 */
export async function settleSale(spec: {
  sellerId: number;
  /** The lead as a seller posts it (any field spelling normalizeLead accepts). */
  lead: Record<string, unknown>;
  picks: PickSpec[];
  /** A pending lead already stored (createPendingLead, or a row a synchronous buyer was asked about). */
  leadId?: number;
  /** What the seller is paid (a fixed payout), in cents. */
  costCents?: number;
}): Promise<Settled> {
  const lead = normalizeLead(spec.lead);
  const record: LeadRecord = {
    sellerId: spec.sellerId,
    intakeListId: null,
    externalCampaignId: null,
    sourceType: null,
    source: null,
    vertical: lead.vertical ?? spec.picks[0].campaign.vertical,
    subVertical: lead.subVertical ?? null,
    qualityScore: 80,
    matchCount: spec.picks.length,
  };
  const result = await settleLead(prisma, {
    leadId: spec.leadId ?? null,
    lead,
    record,
    payout: { kind: "fixed", cents: spec.costCents ?? 0, capAtRevenue: false },
    pingId: null,
    picks: spec.picks,
    finalRound: true,
    outcomes: [],
    exclusive: false,
    now: new Date(),
  });
  if (result.kind !== "settled" || result.saleIds.length !== spec.picks.length)
    throw new Error(`settleSale: expected ${spec.picks.length} sale(s), got ${JSON.stringify(result)}`);
  return result;
}
