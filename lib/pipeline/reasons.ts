// Every code a lead can be rejected or left unsold with, and how the compliance endpoint's
// documented response names it: a source ("TCPA", "Phone Validation"...) and a sentence.

export const REJECTION_SOURCES = {
  invalid_phone_format: ["Phone Validation", "Phone number is not a valid 10 or 11 digit US number"],
  fake_phone_number: ["Phone Validation", "Phone number is a known test/fake number"],
  voip_number: ["Phone Validation", "VoIP numbers are not accepted"],
  disconnected_number: ["Phone Validation", "Disconnected number"],
  invalid_email_format: ["Email Validation", "Email address does not pass format validation"],
  disposable_email: ["Email Validation", "Email uses a known disposable/temporary email provider"],
  duplicate_lead: ["Duplicate Detection", "Lead matches an existing record within the dedupe window"],
  missing_consent: ["TCPA", "No TCPA consent (consent text and timestamp, or a TrustedForm certificate URL)"],
  invalid_trustedform_cert: ["TCPA", "TrustedForm certificate URL is missing or malformed"],
  trustedform_claim_failed: ["TCPA", "TrustedForm certificate could not be verified"],
  dnc_listed: ["TCPA", "Number on Do Not Call registry"],
  blacklisted: ["Blacklist", "Consumer is on the blacklist"],
  suppressed_consumer: ["Consumer Opt-Out", "The consumer opted out or asked for their data to be deleted"],
  state_not_accepted: ["State Eligibility", "State is not accepted by this list"],
  invalid_state: ["State Eligibility", "State is not a two-letter US state code"],
  invalid_zip_format: ["Required Fields", "ZIP code must have 5 digits"],
  unknown_vertical: ["Required Fields", "Unknown vertical"],
  // Not the lead's fault: its request failed or our server stopped before it was settled. Nothing
  // was sold, charged or paid; resubmitting it (same Idempotency-Key) processes it again.
  processing_interrupted: [
    "Processing",
    "Processing was interrupted before the lead was settled; nothing was charged. Resubmit it",
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type RejectionCode = keyof typeof REJECTION_SOURCES | `missing_field_${string}`;

/** The compliance endpoint's source and sentence for a rejection code. */
export function describeRejection(code: string): { source: string; message: string } {
  if (code.startsWith("missing_field_")) {
    return { source: "Required Fields", message: `Missing required field ${code.slice("missing_field_".length)}` };
  }
  const entry = (REJECTION_SOURCES as Record<string, readonly [string, string]>)[code];
  return entry ? { source: entry[0], message: entry[1] } : { source: "Compliance", message: code };
}

/** Why a considered campaign did not buy; stored per campaign in Lead.unsoldReasons. */
export const UNSOLD_REASONS = [
  "geo_mismatch",
  "source_mismatch",
  "filter_mismatch",
  "outside_schedule",
  "cap_reached",
  "budget_reached",
  "insufficient_balance",
  "no_bid",
  "outbid",
  "buyer_rejected",
  // From the synchronous buyer call (lib/delivery/confirm.ts): the buyer could not be asked.
  "buyer_timeout",
  "buyer_unavailable",
] as const;
export type UnsoldReason = (typeof UNSOLD_REASONS)[number] | string;

/** The gap report's name for an unsold lead that no campaign considered (none in its vertical). */
export const NO_CAMPAIGN = "no_campaign";
/** Every reason the gap report answers and its drill-down filters on. */
export const UNSOLD_REASON_FILTERS = [...UNSOLD_REASONS, NO_CAMPAIGN] as const;

/**
 * One campaign's reason; campaignId and buyerId are null on a summary entry that stands for many
 * campaigns (details.campaigns says how many): the campaigns of the vertical that do not buy the
 * lead's state, and, for each reason, the campaigns beyond the first MAX_LISTED_PER_REASON. A
 * lead's stored reasons so stay a bounded size however many campaigns a marketplace has.
 */
export type CampaignOutcome = {
  campaignId: number | null;
  buyerId: number | null;
  reason: UnsoldReason;
  details?: unknown;
};

/** One named campaign's refusal of a lead (never a summary entry). */
export type CampaignRefusal = CampaignOutcome & { campaignId: number; buyerId: number };

export const MAX_LISTED_PER_REASON = 10;

/** The outcomes as stored: up to MAX_LISTED_PER_REASON campaigns per reason (in order), a summary for the rest. */
export function compactOutcomes(outcomes: CampaignOutcome[], otherStates: number): CampaignOutcome[] {
  const out: CampaignOutcome[] = [];
  const seen = new Map<string, number>();
  const summarised = new Map<string, number>();
  const add = (reason: string, n: number) => summarised.set(reason, (summarised.get(reason) ?? 0) + n);
  for (const o of outcomes) {
    if (o.campaignId === null) {
      add(o.reason, Number((o.details as { campaigns?: unknown } | undefined)?.campaigns) || 1);
      continue;
    }
    const n = (seen.get(o.reason) ?? 0) + 1;
    seen.set(o.reason, n);
    if (n <= MAX_LISTED_PER_REASON) out.push(o);
    else add(o.reason, 1);
  }
  if (otherStates > 0) add("geo_mismatch", otherStates);
  for (const [reason, campaigns] of summarised)
    out.push({ campaignId: null, buyerId: null, reason, details: { campaigns } });
  return out;
}
