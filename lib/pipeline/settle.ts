// Stage 6: settle. ONE database transaction writes the lead, its sales, the ledger, the cap
// counters, the dedupe fingerprints and the delivery outbox, or nothing at all. Every limit
// is decided by PostgreSQL (conditional upserts and updates), so N parallel ingests against
// a cap of C sell exactly min(N, C), and of M parallel posts of one consumer exactly one is
// accepted. A sale that trips a guard is undone to its savepoint and the next buyer is tried.
import { Prisma, type BuyerCampaign } from "../generated/prisma/client";
import type { Db, Tx } from "../db";
import { env } from "../env";
import { postLedger, InsufficientFundsError } from "../ledger";
import { enqueueDelivery } from "../delivery/outbox";
import { centsToDecimal, centsToString, toCents, type Cents } from "../money";
import { buckets, scheduleOf } from "./match";
import { dedupeKeys, dedupeWindowStart } from "./compliance";
import type { CanonicalLead } from "./normalize";
import type { CampaignOutcome } from "./reasons";

/** The Lead columns a settled lead is stored with (status and money are added here). */
export type LeadRecord = {
  sellerId: number;
  intakeListId: string | null;
  externalCampaignId: string | null;
  sourceType: string | null;
  source: string | null;
  vertical: string;
  subVertical: string | null;
  qualityScore: number;
  matchCount: number;
};

export type SalePick = { campaign: BuyerCampaign; priceCents: Cents; buyerLeadId?: string | null };

export type SettleInput = {
  leadId: number;
  lead: CanonicalLead;
  record: LeadRecord;
  costCents: Cents;
  pingId: string | null;
  /** Confirmed picks, best first. */
  picks: SalePick[];
  /** Whether a pick that fails a guard may leave the lead with fewer sales (no one left to try). */
  finalRound: boolean;
  /** Reasons for campaigns that did not get this far (targeting, bids, buyer refusals). */
  outcomes: CampaignOutcome[];
  exclusive: boolean;
  now: Date;
};

export type Settled = {
  kind: "settled";
  leadId: number;
  status: "sold" | "unsold";
  revenueCents: Cents;
  costCents: Cents;
  buyerId: number | null;
  campaignId: number | null;
  saleIds: number[];
  outcomes: CampaignOutcome[];
};

export type SettleResult =
  | Settled
  | { kind: "duplicate" }
  | { kind: "ping_used" }
  /** Some picks failed a guard while untried campaigns remain: nothing was written. */
  | { kind: "retry"; failed: CampaignOutcome[] };

class Abort extends Error {
  constructor(readonly result: SettleResult) {
    super(result.kind);
  }
}

/**
 * The lead row exists (status "pending") before buyers are asked: a synchronous buyer call is
 * recorded against it (lib/delivery/confirm.ts). Settling then decides its status in one transaction.
 */
export async function createPendingLead(db: Db, input: { lead: CanonicalLead; record: LeadRecord }): Promise<number> {
  const row = await db.lead.create({ data: { ...leadColumns(input), status: "pending" }, select: { id: true } });
  return row.id;
}

const RETRYABLE = /deadlock|40P01|40001|could not serialize|P2034|write conflict/i;

/** Runs `fn` in a transaction, retrying when PostgreSQL aborts it as a deadlock victim. */
async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { maxWait: 20_000, timeout: 20_000 });
    } catch (err) {
      if (err instanceof Abort || attempt >= 5 || !RETRYABLE.test(String((err as Error)?.message ?? err))) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

export async function settleLead(db: Db, input: SettleInput): Promise<SettleResult> {
  try {
    return await inTransaction(db, (tx) => settleInTx(tx, input));
  } catch (err) {
    if (err instanceof Abort) return err.result;
    throw err;
  }
}

async function settleInTx(tx: Tx, input: SettleInput): Promise<Settled> {
  const { leadId, lead, now } = input;
  // The consumer is claimed first: of M parallel posts one claim succeeds, the others see its row.
  const keys = env.DEDUPE_WINDOW_DAYS > 0 ? dedupeKeys(lead) : [];
  if (keys.length) {
    const values = Prisma.join(keys.map((k) => Prisma.sql`(${k.kind}, ${k.value}, ${leadId}, ${now})`));
    const claimed = await tx.$queryRaw<{ kind: string }[]>`
      INSERT INTO "DedupeFingerprint" ("kind", "value", "leadId", "lastAcceptedAt") VALUES ${values}
      ON CONFLICT ("kind", "value") DO UPDATE SET "leadId" = EXCLUDED."leadId", "lastAcceptedAt" = EXCLUDED."lastAcceptedAt"
      WHERE "DedupeFingerprint"."lastAcceptedAt" < ${dedupeWindowStart(now)}
      RETURNING "kind"`;
    if (claimed.length < keys.length) throw new Abort({ kind: "duplicate" });
  }
  if (input.pingId) {
    const used = await tx.$executeRaw`
      UPDATE "Ping" SET "usedAt" = ${now}, "leadId" = ${leadId}
      WHERE "id" = ${input.pingId}::uuid AND "usedAt" IS NULL`;
    if (used !== 1) throw new Abort({ kind: "ping_used" });
  }

  const outcomes = [...input.outcomes];
  const failed: CampaignOutcome[] = [];
  const sales: { saleId: number; pick: SalePick }[] = [];
  let purchasePosted = false;
  for (const [i, pick] of input.picks.entries()) {
    const c = pick.campaign;
    await tx.$executeRawUnsafe(`SAVEPOINT sale_${i}`);
    try {
      const capReason = await countSale(tx, c, pick.priceCents, now);
      if (capReason) throw new SaleRefused(capReason);
      const sale = await tx.leadSale.create({
        data: {
          leadId,
          campaignId: c.id,
          buyerId: c.buyerId,
          price: centsToDecimal(pick.priceCents),
          exclusive: c.exclusive || input.exclusive,
          buyerLeadId: pick.buyerLeadId ?? null,
          returnDeadline: new Date(now.getTime() + c.returnWindowHours * 3_600_000),
          createdAt: now,
        },
        select: { id: true },
      });
      const payPurchase: boolean = !purchasePosted && input.costCents > 0;
      await postLedger(
        tx,
        [
          { type: "lead_sale", buyerId: c.buyerId, amountCents: pick.priceCents, leadId, saleId: sale.id },
          ...(payPurchase ? [{ type: "lead_purchase" as const, sellerId: input.record.sellerId, amountCents: input.costCents, leadId, saleId: sale.id }] : []),
        ],
        { guardBuyerFunds: true },
      );
      const target = (c.deliveryConfig as { url?: unknown } | null)?.url;
      await enqueueDelivery(tx, {
        saleId: sale.id, leadId, campaignId: c.id, buyerId: c.buyerId,
        method: c.deliveryMethod, target: typeof target === "string" ? target : null,
      });
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT sale_${i}`);
      purchasePosted ||= payPurchase;
      sales.push({ saleId: sale.id, pick });
    } catch (err) {
      const reason = err instanceof SaleRefused ? err.reason : err instanceof InsufficientFundsError ? "insufficient_balance" : null;
      if (!reason) throw err;
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT sale_${i}`);
      failed.push({ campaignId: c.id, buyerId: c.buyerId, reason });
    }
  }
  // Untried campaigns could still buy: undo everything, let the caller confirm them first.
  if (failed.length && !input.finalRound) throw new Abort({ kind: "retry", failed });

  const revenueCents = sales.reduce((s, x) => s + x.pick.priceCents, 0);
  const sold = sales.length > 0;
  const costCents = sold ? input.costCents : 0;
  const winner = sales[0]?.pick.campaign ?? null;
  await tx.lead.update({
    where: { id: leadId },
    data: {
      status: sold ? "sold" : "unsold",
      revenue: centsToDecimal(revenueCents),
      cost: centsToDecimal(costCents),
      margin: centsToDecimal(revenueCents - costCents),
      buyerId: winner?.buyerId ?? null,
      campaignId: winner?.id ?? null,
      soldAt: sold ? now : null,
      pingId: input.pingId,
      matchCount: input.record.matchCount,
      unsoldReasons: [...outcomes, ...failed] as object[],
      // A very slow request may settle after the sweep closed its lead (sweepInterruptedLeads).
      rejectionReasons: [],
    },
  });
  return {
    kind: "settled",
    leadId,
    status: sold ? "sold" : "unsold",
    revenueCents,
    costCents,
    buyerId: winner?.buyerId ?? null,
    campaignId: winner?.id ?? null,
    saleIds: sales.map((s) => s.saleId),
    outcomes: [...outcomes, ...failed],
  };
}

class SaleRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Counts one sale into every bucket the campaign caps, each an INSERT … ON CONFLICT DO UPDATE
 * … WHERE leads < cap: the row lock makes parallel sales queue, and the WHERE sees the
 * committed count, so a cap is never exceeded. The day bucket also carries spend for budgets.
 */
async function countSale(tx: Tx, c: BuyerCampaign, priceCents: Cents, now: Date): Promise<string | null> {
  const b = buckets(now, scheduleOf(c)?.timezone);
  const budget = c.dailyBudget === null ? null : toCents(c.dailyBudget);
  if (budget !== null && priceCents > budget) return "budget_reached";
  const guards: [string, number | null, Cents | null][] = [
    [b.d, c.dailyCap, budget],
    [b.h, c.hourlyCap, null],
    [b.w, c.weeklyCap, null],
    [b.m, c.monthlyCap, null],
  ];
  for (const [bucket, cap, budgetCents] of guards) {
    if (cap === null && bucket !== b.d) continue;
    if (cap !== null && cap <= 0) return "cap_reached";
    const budgetStr = budgetCents === null ? null : centsToString(budgetCents);
    const rows = await tx.$queryRaw<{ leads: number }[]>`
      INSERT INTO "CampaignCounter" ("campaignId", "bucket", "leads", "spend")
      VALUES (${c.id}, ${bucket}, 1, ${centsToString(priceCents)}::numeric)
      ON CONFLICT ("campaignId", "bucket") DO UPDATE
        SET "leads" = "CampaignCounter"."leads" + 1, "spend" = "CampaignCounter"."spend" + EXCLUDED."spend"
        WHERE (${cap}::int IS NULL OR "CampaignCounter"."leads" < ${cap}::int)
          AND (${budgetStr}::numeric IS NULL OR "CampaignCounter"."spend" + EXCLUDED."spend" <= ${budgetStr}::numeric)
      RETURNING "leads"`;
    if (rows.length) continue;
    if (budgetCents === null) return "cap_reached";
    const [row] = await tx.$queryRaw<{ leads: number }[]>`
      SELECT "leads" FROM "CampaignCounter" WHERE "campaignId" = ${c.id} AND "bucket" = ${bucket}`;
    return cap !== null && row && row.leads >= cap ? "cap_reached" : "budget_reached";
  }
  return null;
}

function leadColumns(input: { lead: CanonicalLead; record: LeadRecord; pingId?: string | null }) {
  const { lead, record } = input;
  return {
    ...record,
    pingId: input.pingId ?? null,
    firstName: lead.firstName ?? null,
    lastName: lead.lastName ?? null,
    consumerName: lead.consumerName ?? null,
    consumerEmail: lead.consumerEmail ?? null,
    consumerPhone: lead.consumerPhone ?? null,
    consumerState: lead.consumerState ?? null,
    consumerZip: lead.consumerZip ?? null,
    consumerCity: lead.consumerCity ?? null,
    consumerAddress: lead.consumerAddress ?? null,
    dob: lead.dob ?? null,
    ageRange: lead.ageRange ?? null,
    incomeBracket: lead.incomeBracket ?? null,
    homeownerStatus: lead.homeownerStatus ?? null,
    normalizedPhone: lead.phoneDigits?.length === 10 ? lead.phoneDigits : null,
    normalizedEmail: lead.consumerEmail ?? null,
    ipAddress: lead.ipAddress ?? null,
    trustedFormCertUrl: lead.trustedFormCertUrl ?? null,
    leadData: lead.leadData as object,
    consent: lead.consent as object,
  };
}

/** A rejected lead is stored too (sellers see why), with no money, counters or fingerprints. */
export async function storeRejected(
  db: Db,
  input: { leadId?: number; lead: CanonicalLead; record: LeadRecord; reasons: string[]; failedSources: string[] },
): Promise<number> {
  const data = { status: "rejected" as const, rejectionReasons: input.reasons, failedSources: input.failedSources, qualityScore: 0 };
  // A pending lead that lost the duplicate race is turned into a rejected one.
  if (input.leadId) return (await db.lead.update({ where: { id: input.leadId }, data, select: { id: true } })).id;
  return (await db.lead.create({ data: { ...leadColumns(input), ...data }, select: { id: true } })).id;
}

/** Why a lead that was never settled is closed: its request failed or its process died mid-way. */
export const INTERRUPTED = "processing_interrupted";

/**
 * Closes a lead left "pending" by a request that failed before settling (nothing was sold,
 * charged or paid: settle is all-or-nothing). It becomes a rejected lead with a reason the seller
 * can read, so it never sits in "pending" forever. Only a still-pending row changes: a request
 * that did settle in the meantime keeps its own status.
 */
export async function abandonPendingLead(db: Db, leadId: number): Promise<void> {
  await db.lead.updateMany({
    where: { id: leadId, status: "pending" },
    data: { status: "rejected", rejectionReasons: [INTERRUPTED], qualityScore: 0 },
  });
}

/**
 * The same for leads whose process died between createPendingLead and settle (a crash, a kill,
 * a deploy): pending rows older than `olderThanMs` are closed. The age must exceed any live
 * request's duration; should a very slow request still settle afterwards, its settle overwrites
 * the status (sold/unsold/duplicate), so the sweep can never lose a sale. Returns how many.
 */
export async function sweepInterruptedLeads(db: Db, olderThanMs: number): Promise<number> {
  const { count } = await db.lead.updateMany({
    where: { status: "pending", createdAt: { lt: new Date(Date.now() - olderThanMs) } },
    data: { status: "rejected", rejectionReasons: [INTERRUPTED], qualityScore: 0 },
  });
  return count;
}
