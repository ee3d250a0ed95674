// Buyer/admin actions on deliveries and campaign secrets. Ownership: admins see everything, a buyer
// only its own rows; another buyer's row addressed by id is a 404 (its existence is not revealed),
// audit-logged like every cross-account refusal (lib/auth/ownership.ts).
import { prisma } from "../db";
import type { Caller } from "../auth/types";
import { ApiError } from "../api/errors";
import { notFound, notYours, scopeBuyerId } from "../auth/ownership";
import { audit } from "../audit";
import { generateWebhookSecret } from "./webhook";
import type { ListDeliveriesQuery } from "../validation/delivery";
import { DEFAULT_MAX_ATTEMPTS } from "./worker";
import type { RotatedSecretJson } from "../openapi/types";

/** Deliveries are a buyer's: admins see all, a buyer its own; any other login is refused (and audited). */
function ownerFilter(caller: Caller): { buyerId?: number } {
  return caller.role === "admin" ? {} : { buyerId: scopeBuyerId(caller, undefined, { required: true }) };
}

/** A new webhook secret for a campaign; the old one stops verifying at once. Returned once. */
export async function rotateCampaignSecret(
  caller: Caller,
  campaignId: number,
  ip?: string | null,
): Promise<RotatedSecretJson> {
  const secret = generateWebhookSecret();
  const updated = await prisma.buyerCampaign.updateMany({
    where: { id: campaignId, ...ownerFilter(caller) },
    data: { webhookSecret: secret },
  });
  if (updated.count === 0) {
    const c = await prisma.buyerCampaign.findUnique({ where: { id: campaignId }, select: { buyerId: true } });
    throw c ? notYours(caller, "campaign", campaignId, c) : notFound("campaign", campaignId);
  }
  await audit({ action: "campaign.secret_rotated", caller, targetType: "BuyerCampaign", targetId: campaignId, ip });
  return { campaignId, webhookSecret: secret };
}

/**
 * Puts a dead or failed delivery back in the queue, due now, with a fresh allowance of attempts.
 * Conditional update: two replays (or a replay racing the worker) cannot both fire.
 * Synchronous acceptance checks (no sale) are not replayable: the lead was never sold to this buyer.
 */
export async function replayDelivery(caller: Caller, id: number, ip?: string | null) {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE "Delivery" SET status = 'pending', "nextAttemptAt" = now(), "maxAttempts" = attempts + ${DEFAULT_MAX_ATTEMPTS},
           "lockedAt" = NULL, "lockedBy" = NULL, "updatedAt" = now()
     WHERE id = ${id} AND status IN ('dead', 'failed') AND "saleId" IS NOT NULL
       AND (${caller.role === "admin"} OR "buyerId" = ${caller.buyerId ?? -1})
     RETURNING id`;
  if (!rows.length) {
    const d = await prisma.delivery.findFirst({
      where: { id, ...ownerFilter(caller) },
      select: { status: true, saleId: true },
    });
    if (!d) throw await missingDelivery(caller, id);
    if (d.saleId === null)
      throw new ApiError(
        "conflict",
        "This was a synchronous acceptance check for a sale that did not happen; there is nothing to deliver",
      );
    throw new ApiError("conflict", `Only dead or failed deliveries can be replayed; this one is ${d.status}`);
  }
  await prisma.$executeRaw`SELECT pg_notify('tlg_delivery', '')`;
  await audit({ action: "delivery.replayed", caller, targetType: "Delivery", targetId: id, ip });
  return prisma.delivery.findUniqueOrThrow({
    where: { id },
    include: { attemptsLog: { orderBy: { attemptNo: "desc" } } },
  });
}

export async function listDeliveries(caller: Caller, q: ListDeliveriesQuery) {
  ownerFilter(caller);
  const rows = await prisma.delivery.findMany({
    where: {
      buyerId: scopeBuyerId(caller, q.buyerId),
      status: q.status,
      leadId: q.leadId,
      id: q.cursor ? { lt: q.cursor } : undefined,
    },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { deliveries: page, nextCursor: more ? page[page.length - 1].id : null };
}

export async function getDelivery(caller: Caller, id: number) {
  const d = await prisma.delivery.findFirst({
    where: { id, ...ownerFilter(caller) },
    include: { attemptsLog: { orderBy: { attemptNo: "desc" } } },
  });
  if (!d) throw await missingDelivery(caller, id);
  return d;
}

/** Not found for this caller: another buyer's delivery is refused (and audited), a missing one is not. */
async function missingDelivery(caller: Caller, id: number): Promise<ApiError> {
  const other = await prisma.delivery.findUnique({ where: { id }, select: { buyerId: true } });
  return other ? notYours(caller, "delivery", id, other) : notFound("delivery", id);
}
