// Ping/post: at match time every dynamic-bid campaign's pingUrl gets the lead's non-PII fields in
// parallel; bids that arrive within the bid window count, late or failed pings skip the campaign
// with a reason. Fixed campaigns bid their pricePerLead without a call.
import type { BuyerCampaign } from "../generated/prisma/client";
import type { BidResult, HookLead } from "../pipeline/buyer-hooks";
import { toCents } from "../money";
import { parseDeliveryConfig } from "./config";
import { getPath } from "./http-post";
import { safeRequest, allowHosts, OutboundError } from "./ssrf";
import { webhookHeaders } from "./webhook";
import { recordFailure, recordSuccess } from "./circuit-breaker";
import { randomUUID } from "node:crypto";

/** Fields a bidder may see before it buys: nothing that identifies or reaches the consumer. */
export const NON_PII_FIELDS = [
  "vertical",
  "subVertical",
  "consumerState",
  "consumerZip",
  "consumerCity",
  "ageRange",
  "incomeBracket",
  "homeownerStatus",
  "source",
] as const;

export function pingPayload(lead: HookLead): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of NON_PII_FIELDS) if (lead[k] !== undefined && lead[k] !== null) out[k] = lead[k];
  // Zip narrowed to 3 digits: a full zip plus the other fields can single out a household.
  if (typeof out.consumerZip === "string") out.consumerZip = (out.consumerZip as string).slice(0, 3);
  out.hasTrustedForm = Boolean(lead.trustedFormCertUrl);
  return out;
}

const fixedPrice = (c: BuyerCampaign & { m?: { priceCents: number } }) =>
  c.m?.priceCents ?? toCents(c.pricePerLead) ?? 0;

export async function collectBids(
  campaigns: BuyerCampaign[],
  lead: HookLead,
  allow = allowHosts(),
): Promise<BidResult[]> {
  // Fixed campaigns bid their price without a call (the campaign index has it in cents already).
  if (!campaigns.some((c) => c.bidType === "dynamic"))
    return campaigns.map((c) => ({ campaignId: c.id, priceCents: fixedPrice(c) }));
  const payload = JSON.stringify({ type: "lead.ping", lead: pingPayload(lead) });
  return Promise.all(
    campaigns.map(async (c): Promise<BidResult> => {
      if (c.bidType !== "dynamic") return { campaignId: c.id, priceCents: fixedPrice(c) };
      if (!c.pingUrl) return { campaignId: c.id, skip: "no_ping_url", detail: "dynamic-bid campaign has no pingUrl" };
      const cfg = parseDeliveryConfig(c.deliveryConfig);
      try {
        const res = await safeRequest({
          url: c.pingUrl,
          body: payload,
          timeoutMs: cfg.bidWindowMs,
          allow,
          headers: webhookHeaders(c.webhookSecret, randomUUID(), payload),
          maxBodyBytes: 8192,
        });
        if (res.status >= 500) {
          await recordFailure(c.id, `ping HTTP ${res.status}`);
          return { campaignId: c.id, skip: "ping_failed", detail: `HTTP ${res.status}` };
        }
        if (c.failureStreak > 0) await recordSuccess(c.id);
        if (res.status < 200 || res.status >= 300)
          return { campaignId: c.id, skip: "ping_failed", detail: `HTTP ${res.status}` };
        let bid: unknown;
        try {
          bid = getPath(JSON.parse(res.body), cfg.bidPath);
        } catch {
          return { campaignId: c.id, skip: "bad_bid", detail: "ping answer is not JSON" };
        }
        const cents = toCents(typeof bid === "string" || typeof bid === "number" ? bid : null);
        if (cents === null) return { campaignId: c.id, skip: "bad_bid", detail: `no ${cfg.bidPath} in the answer` };
        if (cents <= 0) return { campaignId: c.id, skip: "no_bid", detail: "bidder passed" };
        return { campaignId: c.id, priceCents: cents };
      } catch (e) {
        const err = e instanceof OutboundError ? e : null;
        if (err?.kind === "timeout") {
          await recordFailure(c.id, "ping timeout").catch(() => {});
          return { campaignId: c.id, skip: "bid_timeout", detail: `no bid within ${cfg.bidWindowMs} ms` };
        }
        if (err?.kind === "ssrf") return { campaignId: c.id, skip: "ping_refused", detail: err.message };
        await recordFailure(c.id, `ping ${(e as Error).message}`).catch(() => {});
        return { campaignId: c.id, skip: "ping_failed", detail: (e as Error).message };
      }
    }),
  );
}
