// Erasing a consumer's personal data while keeping what money and reporting need: ids, amounts,
// vertical, state, status, timestamps, ledger rows. One statement set, shared by deletion requests
// (everything, consent evidence too) and retention (consent evidence kept for its own period).
// Always inside the caller's transaction, on rows it has locked: a consumer is erased whole or not at all.
import type { Tx } from "../db";
import { enqueueConsumerNotices } from "../delivery/outbox";

export type EraseMode = {
  /** Also erase consent evidence (consent JSON, IP, TrustedForm URL) and the identifier hashes. */
  consent: boolean;
  reason: "deletion_request" | "retention" | "consent_retention";
};

/** Erases the personal fields of these leads and every copy of them (pings, buyer replies, idempotency replays). */
export async function eraseLeadRows(tx: Tx, leadIds: number[], mode: EraseMode): Promise<void> {
  if (!leadIds.length) return;
  const ids = leadIds;
  const c = mode.consent;
  // Replayed compliance-endpoint answers echo the consumer's name, phone and email: blank them,
  // keeping the answer's shape. Matched before the lead's phone is erased.
  await tx.$executeRaw`
    UPDATE "IdempotencyRecord" r
       SET "responseBody" = CASE WHEN r."responseBody" ? 'data'
             THEN jsonb_set(r."responseBody", '{data}', (r."responseBody"->'data') || '{"first_name":null,"last_name":null,"phone":null,"email":null}'::jsonb)
             ELSE jsonb_set(r."responseBody", '{details,phoneNumber}', 'null'::jsonb) END
     WHERE r.scope LIKE 'compliance:%' AND r."responseBody" IS NOT NULL
       AND (r."responseBody"->>'lead_id' = ANY(${ids.map(String)}::text[])
            OR r."responseBody"->'details'->>'phoneNumber' IN
               (SELECT l."consumerPhone" FROM "Lead" l WHERE l.id = ANY(${ids}::int[]) AND l."consumerPhone" IS NOT NULL))`;
  await tx.$executeRaw`
    UPDATE "Lead" SET
      "firstName" = NULL, "lastName" = NULL, "consumerName" = NULL, "consumerEmail" = NULL, "consumerPhone" = NULL,
      "consumerZip" = NULL, "consumerCity" = NULL, "consumerAddress" = NULL, dob = NULL, "ageRange" = NULL,
      "incomeBracket" = NULL, "homeownerStatus" = NULL, "normalizedPhone" = NULL, "normalizedEmail" = NULL,
      "leadData" = '{}'::jsonb,
      "erasedAt" = coalesce("erasedAt", now()), "erasureReason" = coalesce("erasureReason", ${mode.reason}),
      "ipAddress" = CASE WHEN ${c} THEN NULL ELSE "ipAddress" END,
      "trustedFormCertUrl" = CASE WHEN ${c} THEN NULL ELSE "trustedFormCertUrl" END,
      consent = CASE WHEN ${c} THEN '{}'::jsonb ELSE consent END,
      "phoneHash" = CASE WHEN ${c} THEN NULL ELSE "phoneHash" END,
      "emailHash" = CASE WHEN ${c} THEN NULL ELSE "emailHash" END,
      "consentErasedAt" = CASE WHEN ${c} THEN coalesce("consentErasedAt", now()) ELSE "consentErasedAt" END,
      "updatedAt" = now()
     WHERE id = ANY(${ids}::int[])`;
  await tx.$executeRaw`UPDATE "Ping" SET "leadData" = '{}'::jsonb, "consumerZip" = NULL WHERE "leadId" = ANY(${ids}::int[])`;
  // A buyer's reply may echo the lead; the attempt log keeps status, timing and outcome.
  await tx.$executeRaw`
    UPDATE "DeliveryAttempt" SET "responseBody" = NULL
     WHERE "responseBody" IS NOT NULL AND "deliveryId" IN (SELECT id FROM "Delivery" WHERE "leadId" = ANY(${ids}::int[]))`;
  // Free text a buyer wrote when returning the lead may name the consumer.
  await tx.$executeRaw`UPDATE "LeadReturn" SET note = NULL WHERE note IS NOT NULL AND "leadId" = ANY(${ids}::int[])`;
}

/**
 * Erases every lead of one consumer (any of these identifier hashes), consent evidence included,
 * and queues a consumer.deleted notice to each buyer that bought one. Locks the leads first
 * (FOR UPDATE), so parallel requests for the same consumer erase and notify once: the second
 * finds no lead left with these hashes.
 */
export async function eraseConsumer(
  tx: Tx,
  hashes: string[],
  at = new Date(),
): Promise<{ leadIds: number[]; noticeIds: number[] }> {
  if (!hashes.length) return { leadIds: [], noticeIds: [] };
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT id FROM "Lead" WHERE "phoneHash" = ANY(${hashes}::text[]) OR "emailHash" = ANY(${hashes}::text[])
     ORDER BY id FOR UPDATE`;
  const leadIds = rows.map((r) => r.id);
  if (!leadIds.length) return { leadIds, noticeIds: [] };
  await eraseLeadRows(tx, leadIds, { consent: true, reason: "deletion_request" });
  const noticeIds = await enqueueConsumerNotices(tx, leadIds, "consumer.deleted", at);
  return { leadIds, noticeIds };
}
