// Consumer opt-outs ("stop contacting me" / "delete my data"): from the public page, the API, or
// entered by an admin for a request received by phone or mail. One transaction puts the consumer's
// identifier hashes on the suppression list (no new lead is accepted: suppressed_consumer), marks
// their leads consent-revoked, queues a signed consent.revoked notice for every sale of them in the
// look-back window, and for "delete" erases them (lib/consumer/erase.ts). The answer is the same
// whether or not we hold anything about the person.
import { createHash } from "node:crypto";
import { prisma, type Db, type Tx } from "../db";
import { env } from "../env";
import { ApiError, type ErrorDetail } from "../api/errors";
import { audit } from "../audit";
import type { Caller } from "../auth/types";
import { enqueueConsumerNotices, notifyDeliveryWorkers } from "../delivery/outbox";
import { canonicalEmail, canonicalPhone, emailHint, identifierHash, phoneHint } from "./identifiers";
import { eraseConsumer } from "./erase";
import type { OptOutQueueJson, OptOutReceiptJson } from "../openapi/types";

export type OptOutInput = { phone?: string; email?: string; request: "stop_contact" | "delete"; note?: string };
/** The receipt (the OptOutReceipt response schema); the public route adds its `message`. */
export type OptOutReceipt = OptOutReceiptJson;

/** The identifiers in canonical form, or a 400 naming each bad field. */
export function canonicalIdentifiers(input: { phone?: string; email?: string }) {
  const details: ErrorDetail[] = [];
  const phone = input.phone?.trim() ? canonicalPhone(input.phone) : null;
  const email = input.email?.trim() ? canonicalEmail(input.email) : null;
  if (input.phone?.trim() && !phone) details.push({ field: "phone", issue: "not a valid 10-digit US phone number" });
  if (input.email?.trim() && !email) details.push({ field: "email", issue: "not a valid email address" });
  if (details.length) throw new ApiError("validation_failed", "Check the phone number or email address", details);
  if (!phone && !email)
    throw new ApiError("validation_failed", "Give a phone number, an email address, or both", [
      { field: "phone", issue: "a phone number or an email address is required" },
    ]);
  return { phone, email };
}

/** Days of sales whose buyers an opt-out notifies: env, else the longest return window plus 30 days. */
export async function revocationLookbackDays(db: Db | Tx = prisma): Promise<number> {
  if (env.CONSENT_REVOCATION_LOOKBACK_DAYS) return env.CONSENT_REVOCATION_LOOKBACK_DAYS;
  const [row] = await db.$queryRaw<
    { h: number | null }[]
  >`SELECT max("returnWindowHours")::int AS h FROM "BuyerCampaign"`;
  return Math.ceil((row?.h ?? 48) / 24) + 30;
}

function lockKey(s: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update(`tlg-optout:${s}`).digest("hex").slice(0, 16)}`));
}

export async function submitOptOut(
  input: OptOutInput,
  ctx: { ip: string; channel: "web" | "admin"; caller?: Caller },
): Promise<OptOutReceipt> {
  const { phone, email } = canonicalIdentifiers(input);
  const hashes = [phone, email].filter((v): v is string => !!v).map(identifierHash);
  const lookback = await revocationLookbackDays();
  const now = new Date();
  const result = await prisma.$transaction(async (tx) => {
    if (ctx.channel === "web") {
      // Per-address limit held in PostgreSQL across instances (as lib/auth/login-throttle.ts): the
      // advisory lock makes count-then-insert exact under parallel requests from one address.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey(ctx.ip)}::bigint)`;
      const window = env.CONSUMER_OPT_OUT_WINDOW_SECONDS;
      const [blocked] = await tx.$queryRaw<{ retry: number }[]>`
        SELECT ceil(extract(epoch FROM "createdAt" + make_interval(secs => ${window}) - (now() AT TIME ZONE 'UTC')))::int AS retry
          FROM "ConsumerRequest"
         WHERE ip = ${ctx.ip} AND channel = 'web' AND "createdAt" > (now() AT TIME ZONE 'UTC') - make_interval(secs => ${window})
         ORDER BY "createdAt" DESC OFFSET ${env.CONSUMER_OPT_OUT_MAX_PER_IP - 1} LIMIT 1`;
      if (blocked) {
        const retry = Math.max(1, Number(blocked.retry));
        throw new ApiError("rate_limited", "Too many requests from your address; try again later", [], {
          "retry-after": String(retry),
        });
      }
    }
    const request = await tx.consumerRequest.create({
      data: {
        request: input.request,
        channel: ctx.channel,
        phoneHash: phone ? identifierHash(phone) : null,
        emailHash: email ? identifierHash(email) : null,
        phoneHint: phone ? phoneHint(phone) : null,
        emailHint: email ? emailHint(email) : null,
        ip: ctx.ip,
        note: input.note ?? null,
        createdById: ctx.caller?.userId ?? null,
      },
      select: { id: true },
    });
    await tx.suppression.createMany({
      data: hashes.map((value) => ({
        kind: "consumer" as const,
        type: "sha256" as const,
        value,
        source: input.request === "delete" ? "consumer_deletion_request" : "consumer_opt_out",
        reason: `consumer request ${request.id}`,
        createdById: ctx.caller?.userId ?? null,
      })),
      skipDuplicates: true,
    });
    // Marked once (WHERE … IS NULL): a repeated opt-out does not notify the same buyers again.
    const revoked = await tx.$queryRaw<{ id: number }[]>`
      UPDATE "Lead" SET "consentRevokedAt" = ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC', "updatedAt" = now()
       WHERE ("phoneHash" = ANY(${hashes}::text[]) OR "emailHash" = ANY(${hashes}::text[])) AND "consentRevokedAt" IS NULL
      RETURNING id`;
    const leadIds = revoked.map((r) => r.id);
    const since = new Date(now.getTime() - lookback * 86_400_000);
    let noticeIds = await enqueueConsumerNotices(tx, leadIds, "consent.revoked", now, since);
    let erased = 0;
    if (input.request === "delete") {
      const e = await eraseConsumer(tx, hashes, now);
      erased = e.leadIds.length;
      noticeIds = [...noticeIds, ...e.noticeIds];
    }
    await tx.consumerRequest.update({
      where: { id: request.id },
      data: {
        leadsRevoked: leadIds.length,
        noticesQueued: noticeIds.length,
        noticeIds,
        leadsErased: erased,
        suppressedAt: now,
        completedAt: new Date(),
      },
    });
    return { id: request.id, notices: noticeIds.length };
  });
  if (result.notices) await notifyDeliveryWorkers(prisma);
  await audit({
    action: `consumer.${input.request}`,
    caller: ctx.caller,
    targetType: "ConsumerRequest",
    targetId: result.id,
    ip: ctx.ip,
    details: { channel: ctx.channel },
  });
  return { reference: result.id, request: input.request, receivedAt: now.toISOString() };
}

/** The admin opt-out queue: each request and how it was honoured, with the delivery status of each notice. */
export async function listOptOuts(q: { limit: number; cursor?: string }): Promise<OptOutQueueJson> {
  const rows = await prisma.consumerRequest.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const noticeIds = rows.flatMap((r) => r.noticeIds);
  const notices = noticeIds.length
    ? await prisma.delivery.findMany({
        where: { id: { in: noticeIds } },
        select: {
          id: true,
          event: true,
          buyerId: true,
          leadId: true,
          status: true,
          attempts: true,
          deliveredAt: true,
          lastError: true,
        },
      })
    : [];
  const byId = new Map(notices.map((n) => [n.id, n]));
  return rows.map((r) => ({
    id: r.id,
    request: r.request as "stop_contact" | "delete",
    channel: r.channel as "web" | "admin",
    phone: r.phoneHint,
    email: r.emailHint,
    note: r.note,
    leadsRevoked: r.leadsRevoked,
    leadsErased: r.leadsErased,
    suppressedAt: r.suppressedAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    notices: r.noticeIds.flatMap((id) => {
      const n = byId.get(id);
      return n
        ? [
            {
              deliveryId: n.id,
              event: n.event,
              buyerId: n.buyerId,
              leadId: n.leadId,
              status: n.status,
              attempts: n.attempts,
              deliveredAt: n.deliveredAt?.toISOString() ?? null,
              lastError: n.lastError,
            },
          ]
        : [];
    }),
  }));
}
