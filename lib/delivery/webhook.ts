// Standard Webhooks (standardwebhooks.com): webhook-id, webhook-timestamp, webhook-signature =
// "v1," + base64(HMAC-SHA256(secret, `${id}.${timestamp}.${body}`)) with the campaign's "whsec_" secret.
// The id is Delivery.messageId, identical on every retry, so receivers deduplicate on it.
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** A new campaign secret: 24 random bytes, shown to the buyer once. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

export function signWebhook(secret: string, msgId: string, timestampSec: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  const sig = createHmac("sha256", key).update(`${msgId}.${timestampSec}.${body}`).digest("base64");
  return `v1,${sig}`;
}

/** Headers for one signed POST. Idempotency-Key repeats the id for receivers that key on that instead. */
export function webhookHeaders(
  secret: string | null,
  msgId: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const ts = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": msgId,
    "webhook-timestamp": String(ts),
    ...(secret ? { "webhook-signature": signWebhook(secret, msgId, ts, body) } : {}),
    "idempotency-key": msgId,
  };
}

export type WebhookLead = Record<string, unknown>;

/** The event body: { type, timestamp, data } as Standard Webhooks recommends. */
export function webhookBody(
  type: "lead.sold" | "campaign.probe" | "consent.revoked" | "consumer.deleted",
  data: WebhookLead,
  now = new Date(),
): string {
  return JSON.stringify({ type, timestamp: now.toISOString(), data });
}
