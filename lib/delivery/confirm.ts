// Synchronous http_post: a buyer whose API decides the sale (the compliance-style API answers success/bid) is called
// inside the ingest request, outside any transaction, with DELIVERY_TIMEOUT_MS. The call is recorded
// as a Delivery row (saleId null, status delivered/failed) with its attempt, so it shows on the lead;
// settling the sale (the tlg_settle SQL function) then attaches the accepted row to the sale instead
// of posting the lead twice.
import type { BuyerCampaign } from "../generated/prisma/client";
import type { BuyerDecision, HookLead } from "../pipeline/buyer-hooks";
import { prisma } from "../db";
import { env } from "../env";
import { parseDeliveryConfig } from "./config";
import { buildPost, interpretResponse, resolvePostConfig } from "./http-post";
import { safeRequest, allowHosts, OutboundError, type OutboundResponse } from "./ssrf";
import { recordFailure, recordSuccess } from "./circuit-breaker";
import { centsToString } from "../money";
import { randomUUID } from "node:crypto";
import { logger } from "../log";
import { observeDelivery, type FailureKind } from "../metrics";
import { currentRequestId } from "../request-context";

export function isSynchronousPost(c: Pick<BuyerCampaign, "deliveryMethod" | "deliveryConfig">): boolean {
  return c.deliveryMethod === "http_post" && parseDeliveryConfig(c.deliveryConfig).synchronous;
}

export async function confirmWithBuyer(
  campaign: BuyerCampaign,
  lead: HookLead & { id: number },
  priceCents: number,
  allow = allowHosts(),
): Promise<BuyerDecision> {
  if (!isSynchronousPost(campaign)) return { accepted: true };
  const cfg = parseDeliveryConfig(campaign.deliveryConfig);
  const pc = resolvePostConfig(cfg);
  if (!pc.url)
    return { accepted: false, reason: "buyer_misconfigured", details: { issue: "campaign deliveryConfig has no url" } };
  const built = buildPost(pc, { ...lead, leadId: lead.id, price: centsToString(priceCents) });
  // Never post a lead the buyer's own rules reject (the compliance-style API's accepted states): no call, no record.
  if ("reason" in built) return { accepted: false, reason: built.reason, details: built.details };

  const messageId = randomUUID();
  const requestId = currentRequestId();
  const startedAt = new Date();
  let failure: FailureKind | null = null;
  let res: OutboundResponse | null = null;
  let decision: BuyerDecision;
  let error: string | null = null;
  let durationMs = 0;
  try {
    const headers = {
      ...built.headers,
      "idempotency-key": messageId,
      ...(requestId ? { "x-request-id": requestId } : {}),
    };
    res = await safeRequest({
      url: pc.url,
      body: built.body,
      headers,
      timeoutMs: cfg.timeoutMs ?? env.DELIVERY_TIMEOUT_MS,
      allow,
    });
    durationMs = res.durationMs;
    const outcome = interpretResponse(pc, res.status, res.body);
    if (outcome?.kind === "accepted") {
      decision = { accepted: true, buyerLeadId: outcome.buyerLeadId, priceCents: outcome.priceCents };
    } else {
      decision = {
        accepted: false,
        reason: "buyer_rejected",
        details: outcome
          ? { error: outcome.error, details: outcome.details, status: res.status }
          : { status: res.status, body: res.body.slice(0, 500) },
      };
      error = outcome?.error ?? `HTTP ${res.status}`;
      failure = outcome ? "rejected" : res.status >= 500 ? "http_5xx" : "http_4xx";
    }
    if (res.status >= 500) await recordFailure(campaign.id, `HTTP ${res.status}`);
    else await recordSuccess(campaign.id);
  } catch (e) {
    const err = e instanceof OutboundError ? e : new OutboundError(String(e), "network", 0);
    durationMs = err.durationMs;
    error = `${err.kind}: ${err.message}`;
    failure = err.kind === "ssrf" ? "refused" : err.kind;
    decision = {
      accepted: false,
      reason:
        err.kind === "timeout" ? "buyer_timeout" : err.kind === "ssrf" ? "buyer_url_refused" : "buyer_unavailable",
      details: { error: err.message },
    };
    if (err.kind !== "ssrf") await recordFailure(campaign.id, error);
  }
  await prisma.delivery
    .create({
      data: {
        leadId: lead.id,
        campaignId: campaign.id,
        buyerId: campaign.buyerId,
        method: "http_post",
        target: pc.url,
        messageId,
        status: decision.accepted ? "delivered" : "failed",
        attempts: 1,
        maxAttempts: 1,
        deliveredAt: decision.accepted ? new Date() : null,
        requestId,
        lastError: error?.slice(0, 500) ?? null,
        attemptsLog: {
          create: {
            attemptNo: 1,
            startedAt,
            durationMs,
            requestUrl: pc.url,
            responseStatus: res?.status ?? null,
            responseBody: res?.body.slice(0, 2048) ?? null,
            error: error?.slice(0, 1000) ?? null,
            outcome: decision.accepted ? "accepted" : "rejected",
          },
        },
      },
    })
    .catch((e) =>
      logger.error({ err: e, leadId: lead.id, campaignId: campaign.id }, "delivery: could not record synchronous post"),
    );
  const outcome = decision.accepted ? "accepted" : "rejected";
  observeDelivery({
    method: "http_post_sync",
    outcome,
    seconds: durationMs / 1000,
    buyerId: campaign.buyerId,
    failure,
  });
  logger.info(
    {
      leadId: lead.id,
      campaignId: campaign.id,
      buyerId: campaign.buyerId,
      messageId,
      outcome,
      failure,
      status: res?.status ?? null,
      ms: durationMs,
    },
    "buyer confirmation",
  );
  return decision;
}
