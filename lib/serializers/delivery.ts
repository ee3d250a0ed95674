// Deliveries as the API shows them: no secrets, ISO dates, attempts newest first.
import type { Delivery, DeliveryAttempt } from "../generated/prisma/client";

export function serializeAttempt(a: DeliveryAttempt) {
  return {
    attemptNo: a.attemptNo,
    startedAt: a.startedAt.toISOString(),
    durationMs: a.durationMs,
    requestUrl: a.requestUrl,
    responseStatus: a.responseStatus,
    responseBody: a.responseBody,
    error: a.error,
    outcome: a.outcome,
  };
}

export function serializeDelivery(d: Delivery & { attemptsLog?: DeliveryAttempt[] }) {
  return {
    id: d.id,
    leadId: d.leadId,
    saleId: d.saleId,
    campaignId: d.campaignId,
    buyerId: d.buyerId,
    method: d.method,
    event: d.event,
    target: d.target,
    messageId: d.messageId,
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    ...(d.attemptsLog ? { attemptLog: d.attemptsLog.map(serializeAttempt) } : {}),
  };
}
