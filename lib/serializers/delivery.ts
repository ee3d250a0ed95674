// Deliveries as the API shows them: no secrets, ISO dates. The attempt log comes in the order the
// caller's query gives it (a delivery's detail: newest first; a lead's detail: oldest first).
import type { Delivery, DeliveryAttempt } from "../generated/prisma/client";
import type { DeliveryAttemptJson, DeliveryJson } from "../openapi/types";

/** One attempt: the same object in GET /api/deliveries/{id} and in a lead's deliveries[].attemptLog. */
export function serializeAttempt(a: DeliveryAttempt): DeliveryAttemptJson {
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

/** The column is a plain string; the outbox only ever writes these events. */
export function deliveryEvent(event: string): DeliveryJson["event"] {
  return event as DeliveryJson["event"];
}

export function serializeDelivery(d: Delivery & { attemptsLog?: DeliveryAttempt[] }): DeliveryJson {
  return {
    id: d.id,
    leadId: d.leadId,
    saleId: d.saleId,
    campaignId: d.campaignId,
    buyerId: d.buyerId,
    method: d.method,
    event: deliveryEvent(d.event),
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
