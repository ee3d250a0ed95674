// Returning a purchased lead. One database transaction does all of it, or none:
//   LeadSale sold → returned (conditional UPDATE: of N parallel returns exactly one matches),
//   the monthly return cap (checked under a campaign row lock), a LeadReturn row (saleId UNIQUE,
//   a second guard), Lead → returned once all its sales are returned, a return_credit to the buyer
//   for the sale price, and (RETURN_CLAWBACK) a negative adjustment clawing back the seller's payout.
//
// Clawback policy: the seller was paid once per lead (its lead_purchase rows). Each returned sale
// claws back that payout × price / (sum of the lead's sale prices), rounded half up to the cent;
// the sale that completes the return of the whole lead takes the remainder, so a fully returned
// lead claws back exactly what was paid, never more, never a cent less.
import "server-only";
import { prisma, type Tx } from "./db";
import { ApiError } from "./api/errors";
import { audit } from "./audit";
import { env } from "./env";
import { Prisma } from "./generated/prisma/client";
import { postLedger, type LedgerEntry } from "./ledger";
import { decimalToCents, toCents, type Cents } from "./money";
import { notFound, notYours, scopeBuyerId, type Viewer } from "./auth/ownership";
import type { ReturnBody } from "./validation/lead-query";
import type { MessageJson } from "./openapi/types";

export const RETURN_SUCCESS = { message: "Lead returned successfully" } as const;

export type ReturnOptions = {
  now?: Date;
  ip?: string | null;
  /** Overrides env.RETURN_CLAWBACK (tests). */
  clawback?: boolean;
  apiKeyId?: string | null;
};

/** The sale a caller returns: a buyer's own purchase of the lead; an admin may name the buyer. */
async function findSale(viewer: Viewer, leadId: number, body: ReturnBody) {
  const buyerId = scopeBuyerId(viewer, body.buyerId);
  if (buyerId === undefined && viewer.role !== "admin") throw notYours(viewer, "lead", leadId);
  const sales = await prisma.leadSale.findMany({
    where: { leadId, ...(buyerId !== undefined ? { buyerId } : {}) },
    select: { id: true, buyerId: true, status: true },
    orderBy: { id: "asc" },
  });
  if (!sales.length) {
    // A buyer asking about a lead that exists but is not its purchase is refused (and audited);
    // a lead that does not exist, or an admin naming a buyer that did not buy it, is just not found.
    const lead =
      viewer.role === "admin"
        ? null
        : await prisma.lead.findUnique({ where: { id: leadId }, select: { sellerId: true } });
    throw lead ? notYours(viewer, "lead", leadId, lead) : notFound("lead", leadId);
  }
  const buyers = new Set(sales.map((s) => s.buyerId));
  if (buyers.size > 1) {
    throw new ApiError("validation_failed", "This lead was sold to several buyers; say whose purchase to return", [
      { field: "buyerId", issue: `one of ${[...buyers].join(", ")}` },
    ]);
  }
  // A buyer whose two campaigns both bought the lead returns the one still sold first.
  return sales.find((s) => s.status === "sold") ?? sales[0];
}

function monthOf(d: Date): [Date, Date] {
  return [
    new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
    new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)),
  ];
}

async function sumCents(tx: Tx, where: Prisma.TransactionWhereInput): Promise<Cents> {
  const r = await tx.transaction.aggregate({ where, _sum: { amount: true } });
  return r._sum.amount ? (toCents(r._sum.amount) ?? 0) : 0;
}

export async function returnLead(
  viewer: Viewer & { apiKeyId?: string | null },
  leadId: number,
  body: ReturnBody,
  opts: ReturnOptions = {},
): Promise<MessageJson> {
  const now = opts.now ?? new Date();
  const clawbackOn = opts.clawback ?? env.RETURN_CLAWBACK;
  const target = await findSale(viewer, leadId, body);

  await prisma.$transaction(async (tx) => {
    // Serialise returns of one lead: "all sales returned" (the lead's status, the clawback
    // remainder) must be decided with the other sales' outcome known.
    const locked = await tx.$queryRaw<{ sellerId: number }[]>`
      SELECT "sellerId" FROM "Lead" WHERE "id" = ${leadId} FOR NO KEY UPDATE`;
    if (!locked.length) throw notFound("lead", leadId);
    const sellerId = locked[0].sellerId;

    const updated = await tx.leadSale.updateMany({
      where: { id: target.id, status: "sold", returnDeadline: { gte: now } },
      data: { status: "returned" },
    });
    if (updated.count !== 1) {
      const sale = await tx.leadSale.findUniqueOrThrow({
        where: { id: target.id },
        select: { status: true, returnDeadline: true },
      });
      if (sale.status === "returned")
        throw new ApiError("already_returned", `Lead ${leadId} has already been returned`);
      if (sale.status !== "sold")
        throw new ApiError("conflict", `Lead ${leadId}'s sale is not settled yet; try again shortly`);
      throw new ApiError(
        "return_window_expired",
        `The return window for lead ${leadId} closed at ${sale.returnDeadline.toISOString()}`,
      );
    }
    const sale = await tx.leadSale.findUniqueOrThrow({ where: { id: target.id } });

    // The campaign row lock makes the cap hold under parallel returns of different leads;
    // NO KEY UPDATE does not block the pipeline inserting new sales that reference it.
    const [campaign] = await tx.$queryRaw<{ returnCapPercent: number | null }[]>`
      SELECT "returnCapPercent" FROM "BuyerCampaign" WHERE "id" = ${sale.campaignId} FOR NO KEY UPDATE`;
    if (campaign?.returnCapPercent != null) {
      // Of the sales a campaign bought in one calendar month (UTC), at most returnCapPercent % may come back.
      const [start, end] = monthOf(sale.createdAt);
      const inMonth = { campaignId: sale.campaignId, createdAt: { gte: start, lt: end } };
      const [bought, returned] = await Promise.all([
        tx.leadSale.count({ where: inMonth }),
        tx.leadSale.count({ where: { ...inMonth, status: "returned" } }), // includes this one
      ]);
      if (returned * 100 > campaign.returnCapPercent * bought) {
        throw new ApiError(
          "return_limit_reached",
          `Campaign ${sale.campaignId} may return at most ${campaign.returnCapPercent}% of the leads it bought in ${start.toISOString().slice(0, 7)} (${returned - 1} of ${bought} already returned)`,
        );
      }
    }

    const priceCents = decimalToCents(sale.price);
    try {
      await tx.leadReturn.create({
        data: {
          saleId: sale.id,
          leadId,
          buyerId: sale.buyerId,
          reason: body.reason,
          note: body.note ?? null,
          creditAmount: sale.price,
          createdById: viewer.userId ?? null,
          createdAt: now,
        },
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
        throw new ApiError("already_returned", `Lead ${leadId} has already been returned`);
      }
      throw e;
    }

    const leadDone = await tx.lead.updateMany({
      where: { id: leadId, status: "sold", sales: { none: { status: { not: "returned" } } } },
      data: { status: "returned" },
    });

    const entries: LedgerEntry[] = [
      {
        type: "return_credit",
        amountCents: priceCents,
        buyerId: sale.buyerId,
        leadId,
        saleId: sale.id,
        note: `Return: ${body.reason}`,
        createdById: viewer.userId ?? null,
      },
    ];
    if (clawbackOn) {
      const paid = await sumCents(tx, { leadId, sellerId, type: "lead_purchase" });
      const clawedBack = -(await sumCents(tx, { leadId, sellerId, type: "adjustment", saleId: { not: null } }));
      const remaining = paid - clawedBack;
      const allReturned =
        leadDone.count === 1 || (await tx.leadSale.count({ where: { leadId, status: { not: "returned" } } })) === 0;
      let share: Cents;
      if (allReturned) share = remaining;
      else {
        const prices = await tx.leadSale.aggregate({ where: { leadId }, _sum: { price: true } });
        const total = toCents(prices._sum.price ?? 0) ?? 0;
        share = total > 0 ? Math.floor((2 * paid * priceCents + total) / (2 * total)) : 0;
      }
      share = Math.min(share, remaining);
      if (share > 0) {
        entries.push({
          type: "adjustment",
          amountCents: -share,
          sellerId,
          leadId,
          saleId: sale.id,
          note: `Return clawback: sale ${sale.id} returned (${body.reason})`,
          createdById: viewer.userId ?? null,
        });
      }
    }
    await postLedger(tx, entries);
    await audit(
      {
        action: "lead.return",
        caller: { userId: viewer.userId ?? null, apiKeyId: viewer.apiKeyId ?? null, role: viewer.role },
        targetType: "lead",
        targetId: leadId,
        ip: opts.ip ?? null,
        details: {
          saleId: sale.id,
          buyerId: sale.buyerId,
          reason: body.reason,
          credit: sale.price.toFixed(2),
          clawback: entries[1] ? -entries[1].amountCents : 0,
        },
      },
      tx,
    );
  });
  return RETURN_SUCCESS;
}
