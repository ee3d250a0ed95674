// The two points where the pipeline talks to buyers' own systems (see lib/delivery/):
//   collectBids      — at match time, dynamic-bid campaigns (`bidType: "dynamic"`, a pingUrl) are pinged
//                      in parallel with non-PII fields for a price; fixed campaigns bid their pricePerLead.
//   confirmWithBuyer — before a sale settles, `http_post` campaigns whose acceptance decides the sale are
//                      posted synchronously (the compliance endpoint's style: success/bid); a refusal sends the lead on to
//                      the next buyer. Called OUTSIDE any database transaction (it waits on the network).
// The pipeline (lib/pipeline/) calls these; the delivery work (lib/delivery/) implements the network side.
import type { BuyerCampaign } from "../generated/prisma/client";
import { toCents } from "../money";
import { collectBids as networkBids } from "../delivery/dynamic-bids";
import { confirmWithBuyer as networkConfirm, isSynchronousPost } from "../delivery/confirm";

/** Canonical lead fields (platform names: firstName, lastName, consumerName, consumerEmail, consumerPhone,
 *  consumerState, consumerZip, consumerCity, consumerAddress, dob, ageRange, incomeBracket, homeownerStatus,
 *  trustedFormCertUrl, vertical, subVertical, leadData, consent, ...). */
export type HookLead = Record<string, unknown> & { vertical: string };

export type BidResult =
  | { campaignId: number; priceCents: number }
  | { campaignId: number; skip: string; detail?: string };

export type BuyerDecision =
  | { accepted: true; buyerLeadId?: string | null; priceCents?: number | null }
  | { accepted: false; reason: string; details?: unknown };

export type BuyerHooks = {
  collectBids(campaigns: BuyerCampaign[], lead: HookLead): Promise<BidResult[]>;
  confirmWithBuyer(
    campaign: BuyerCampaign,
    lead: HookLead & { id: number },
    priceCents: number,
  ): Promise<BuyerDecision>;
  /**
   * Whether confirmWithBuyer must be asked about this campaign (it then sees the lead's id, so
   * the lead row is written before settling). Absent: every pick is asked.
   */
  needsConfirmation?(campaign: BuyerCampaign): boolean;
};

/** No network: every campaign bids pricePerLead and every buyer accepts (tests of the pipeline alone). */
export const fixedHooks: BuyerHooks = {
  async collectBids(campaigns) {
    return campaigns.map((c) => ({ campaignId: c.id, priceCents: toCents(c.pricePerLead) ?? 0 }));
  },
  async confirmWithBuyer() {
    return { accepted: true };
  },
  needsConfirmation: () => false,
};

/** The real thing: dynamic bids pinged in parallel, synchronous http_post buyers asked before settling. */
export const networkedHooks: BuyerHooks = {
  collectBids: (campaigns, lead) => networkBids(campaigns, lead),
  confirmWithBuyer: (campaign, lead, priceCents) => networkConfirm(campaign, lead, priceCents),
  needsConfirmation: (campaign) => isSynchronousPost(campaign),
};

let hooks: BuyerHooks = networkedHooks;

/** Tests may register fakes (or fixedHooks); production uses networkedHooks. */
export function setBuyerHooks(next: BuyerHooks) {
  hooks = next;
}

export function buyerHooks(): BuyerHooks {
  return hooks;
}
