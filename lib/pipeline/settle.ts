// Stage 6: settle. ONE database transaction writes the lead, its sales, the ledger, the cap
// counters, the dedupe fingerprints and the delivery outbox, or nothing at all. Every limit
// is decided by PostgreSQL (conditional upserts and updates), so N parallel ingests against
// a cap of C sell exactly min(N, C), and of M parallel posts of one consumer exactly one is
// accepted. The rows every parallel sale shares (cap counters, balances) are written last, in one
// statement; a sale that trips a guard is undone to a savepoint and the lead settles without it.
import { Prisma, type BuyerCampaign } from "../generated/prisma/client";
import type { Db, Tx } from "../db";
import { env } from "../env";
import { balanceUpdates, insertLedgerRows, type LedgerEntry } from "../ledger";
import { enqueueDelivery, notifyDeliveryWorkers } from "../delivery/outbox";
import { centsToDecimal, centsToString, toCents, type Cents } from "../money";
import { buckets, scheduleOf } from "./match";
import { dedupeKeys, dedupeWindowStart } from "./compliance";
import type { CanonicalLead } from "./normalize";
import type { CampaignOutcome } from "./reasons";
import { identifierColumns } from "../consumer/identifiers";

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
  /** A delivery was queued: wake the workers once the sale is committed. */
  notifyDelivery: boolean;
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
    const settled = await inTransaction(db, (tx) => settleInTx(tx, input));
    // After COMMIT, not inside it: a NOTIFY makes COMMIT take a cluster-wide lock.
    if (settled.notifyDelivery) await notifyDeliveryWorkers(db);
    return settled;
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

  const failed: CampaignOutcome[] = [];
  let picks = [...input.picks];
  // A budget smaller than one lead's price can never be met: no need to ask the database.
  for (const pick of input.picks) {
    const c = pick.campaign;
    const budget = c.dailyBudget === null ? null : toCents(c.dailyBudget);
    const capZero = [c.dailyCap, c.hourlyCap, c.weeklyCap, c.monthlyCap].some((cap) => cap !== null && cap <= 0);
    const reason = capZero ? "cap_reached" : budget !== null && pick.priceCents > budget ? "budget_reached" : null;
    if (reason) {
      failed.push({ campaignId: c.id, buyerId: c.buyerId, reason });
      picks = picks.filter((p) => p !== pick);
    }
  }
  for (;;) {
    if (failed.length && !input.finalRound) throw new Abort({ kind: "retry", failed });
    await tx.$executeRawUnsafe(`SAVEPOINT settle`);
    const written = await writeSales(tx, input, picks, failed);
    // The rows every parallel sale shares (the campaigns' cap counters, the buyers' and the
    // seller's balances) are touched last, in ONE statement just before COMMIT: their row locks
    // are held for one round trip, not across the whole transaction.
    const refused = await chargeShared(tx, input, picks, written.ledger);
    if (!refused) return written.settled;
    // A cap, budget or credit limit was hit by a parallel sale: undo this attempt, drop that pick.
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT settle`);
    failed.push({ campaignId: refused.pick.campaign.id, buyerId: refused.pick.campaign.buyerId, reason: refused.reason });
    picks = picks.filter((p) => p !== refused.pick);
  }
}

/** The rows only this lead touches: its sales, their ledger rows and delivery jobs, and the lead's status. */
async function writeSales(tx: Tx, input: SettleInput, picks: SalePick[], failed: CampaignOutcome[]) {
  const { leadId, now } = input;
  const saleIds: number[] = [];
  const ledger: LedgerEntry[] = [];
  let notify = false;
  for (const pick of picks) {
    const c = pick.campaign;
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
    saleIds.push(sale.id);
    ledger.push({ type: "lead_sale", buyerId: c.buyerId, amountCents: pick.priceCents, leadId, saleId: sale.id });
    const target = (c.deliveryConfig as { url?: unknown } | null)?.url;
    notify = (await enqueueDelivery(tx, {
      saleId: sale.id, leadId, campaignId: c.id, buyerId: c.buyerId,
      method: c.deliveryMethod, target: typeof target === "string" ? target : null,
    })) || notify;
  }
  // The seller is paid once per sold lead, recorded against its first sale.
  const purchase: LedgerEntry | null = saleIds.length && input.costCents > 0
    ? { type: "lead_purchase", sellerId: input.record.sellerId, amountCents: input.costCents, leadId, saleId: saleIds[0] }
    : null;
  if (purchase) ledger.push(purchase);
  await insertLedgerRows(tx, ledger);

  const outcomes = [...input.outcomes, ...failed];
  const revenueCents = picks.reduce((s, p) => s + p.priceCents, 0);
  const sold = picks.length > 0;
  const costCents = sold ? input.costCents : 0;
  const winner = picks[0]?.campaign ?? null;
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
      unsoldReasons: outcomes as object[],
      // A very slow request may settle after the sweep closed its lead (sweepInterruptedLeads).
      rejectionReasons: [],
    },
    select: { id: true },
  });
  const settled: Settled = {
    kind: "settled",
    leadId,
    status: sold ? "sold" : "unsold",
    revenueCents,
    costCents,
    buyerId: winner?.buyerId ?? null,
    campaignId: winner?.id ?? null,
    saleIds,
    outcomes,
    notifyDelivery: notify,
  };
  return { settled, ledger };
}

/**
 * Counts every sale into each bucket its campaign caps (INSERT … ON CONFLICT DO UPDATE … WHERE
 * leads < cap: the row lock makes parallel sales queue and the WHERE sees the committed count, so
 * a cap is never exceeded; the day bucket also carries spend for budgets) and moves the balances
 * of the lead's ledger entries (lib/ledger.ts balanceUpdates: buyers debited under their credit
 * guard, the seller credited) — all in one statement. Returns the first pick a guard refused
 * (nothing is kept then: the caller rolls back), or null.
 */
async function chargeShared(tx: Tx, input: SettleInput, picks: SalePick[], ledger: LedgerEntry[]): Promise<{ pick: SalePick; reason: string } | null> {
  if (!picks.length) return null;
  type Guard = { pick: SalePick; bucket: string; cap: number | null; budget: Cents | null };
  const counters: Guard[] = [];
  for (const pick of [...picks].sort((a, b) => a.campaign.id - b.campaign.id)) {
    const c = pick.campaign;
    const b = buckets(input.now, scheduleOf(c)?.timezone);
    const budget = c.dailyBudget === null ? null : toCents(c.dailyBudget);
    counters.push({ pick, bucket: b.d, cap: c.dailyCap, budget });
    for (const [bucket, cap] of [[b.h, c.hourlyCap], [b.w, c.weeklyCap], [b.m, c.monthlyCap]] as const) {
      if (cap !== null) counters.push({ pick, bucket, cap, budget: null });
    }
  }
  const balances = balanceUpdates(ledger, { guardBuyerFunds: true });

  const ctes = [
    ...counters.map((g, i) => Prisma.sql`${Prisma.raw(`c${i}`)} AS (
      INSERT INTO "CampaignCounter" ("campaignId", "bucket", "leads", "spend")
      VALUES (${g.pick.campaign.id}, ${g.bucket}, 1, ${centsToString(g.pick.priceCents)}::numeric)
      ON CONFLICT ("campaignId", "bucket") DO UPDATE
        SET "leads" = "CampaignCounter"."leads" + 1, "spend" = "CampaignCounter"."spend" + EXCLUDED."spend"
        WHERE (${g.cap}::int IS NULL OR "CampaignCounter"."leads" < ${g.cap}::int)
          AND (${g.budget === null ? null : centsToString(g.budget)}::numeric IS NULL
               OR "CampaignCounter"."spend" + EXCLUDED."spend" <= ${g.budget === null ? null : centsToString(g.budget)}::numeric)
      RETURNING 1)`),
    ...balances.map((u, i) => Prisma.sql`${Prisma.raw(`b${i}`)} AS (${u.sql})`),
  ];
  const counts = (prefix: string, n: number) =>
    n ? Prisma.raw(`ARRAY[${Array.from({ length: n }, (_, i) => `(SELECT count(*) FROM ${prefix}${i})`).join(", ")}]::int[]`) : Prisma.raw(`ARRAY[]::int[]`);
  const [row] = await tx.$queryRaw<{ counters: number[]; balances: number[] }[]>`
    WITH ${Prisma.join(ctes, ", ")}
    SELECT ${counts("c", counters.length)} AS counters, ${counts("b", balances.length)} AS balances`;

  const capped = counters.find((_, i) => row.counters[i] !== 1);
  if (capped) {
    if (capped.budget === null) return { pick: capped.pick, reason: "cap_reached" };
    const [cur] = await tx.$queryRaw<{ leads: number }[]>`
      SELECT "leads" FROM "CampaignCounter" WHERE "campaignId" = ${capped.pick.campaign.id} AND "bucket" = ${capped.bucket}`;
    return { pick: capped.pick, reason: capped.cap !== null && cur && cur.leads >= capped.cap ? "cap_reached" : "budget_reached" };
  }
  const broke = balances.find((u, i) => u.guarded && row.balances[i] !== 1);
  if (broke) {
    // The buyer cannot pay for all its picks: drop its lowest-ranked one and try again.
    const pick = picks.filter((p) => p.campaign.buyerId === broke.buyerId).at(-1)!;
    return { pick, reason: "insufficient_balance" };
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
    ...identifierColumns(lead), // normalizedPhone/Email and their hashes (consumer rights)
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
  await closeInterrupted(db, { id: leadId });
}

/**
 * The same for leads whose process died between createPendingLead and settle (a crash, a kill,
 * a deploy): pending rows older than `olderThanMs` are closed. The age must exceed any live
 * request's duration; should a very slow request still settle afterwards, its settle overwrites
 * the status (sold/unsold/duplicate), so the sweep can never lose a sale. Returns how many.
 */
export async function sweepInterruptedLeads(db: Db, olderThanMs: number): Promise<number> {
  return closeInterrupted(db, { createdAt: { lt: new Date(Date.now() - olderThanMs) } });
}

async function closeInterrupted(db: Db, where: { id?: number; createdAt?: { lt: Date } }): Promise<number> {
  const { count } = await db.lead.updateMany({
    where: { ...where, status: "pending" },
    data: { status: "rejected", rejectionReasons: [INTERRUPTED], qualityScore: 0 },
  });
  return count;
}
