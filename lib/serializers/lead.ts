// Lead rows → the three views of a lead. A buyer sees its purchase (status and revenue are its own
// sale's: on a shared lead another buyer's return does not change them); a seller sees its submission
// (status, rejection reasons, cost, never buyers or revenue); an admin sees everything.
import type { Delivery, DeliveryAttempt, Lead, LeadReturn, LeadSale } from "../generated/prisma/client";
import { centsToString, decimalToString, toCents } from "../money";

export type LeadView = "buyer" | "seller" | "admin";
type ListLead = Pick<
  Lead,
  | "id"
  | "vertical"
  | "status"
  | "consumerName"
  | "consumerState"
  | "consumerZip"
  | "consentRevokedAt"
  | "erasedAt"
  | "revenue"
  | "cost"
  | "margin"
  | "qualityScore"
  | "rejectionReasons"
  | "sellerId"
  | "buyerId"
  | "createdAt"
>;
type ListSale = Pick<LeadSale, "price" | "status">;

/** The buyer's status for a lead: returned once all of its purchases of it are returned. */
function buyerStatus(sales: ListSale[]): "sold" | "returned" {
  return sales.some((s) => s.status !== "returned") ? "sold" : "returned";
}

function sumPrices(sales: ListSale[]): string {
  return centsToString(sales.reduce((n, s) => n + (toCents(s.price) ?? 0), 0));
}

/** The documented list item: id, vertical, status, consumerName, consumerState, consumerZip, revenue, qualityScore, createdAt. */
export function serializeLeadListItem(view: LeadView, lead: ListLead, buyerSales: ListSale[] = []) {
  const base = {
    id: lead.id,
    vertical: lead.vertical,
    status: lead.status as string,
    consumerName: lead.consumerName,
    consumerState: lead.consumerState,
    consumerZip: lead.consumerZip,
    consentRevokedAt: lead.consentRevokedAt?.toISOString() ?? null,
    erasedAt: lead.erasedAt?.toISOString() ?? null,
  };
  if (view === "buyer") {
    return {
      ...base,
      status: buyerStatus(buyerSales),
      revenue: sumPrices(buyerSales),
      qualityScore: lead.qualityScore,
      createdAt: lead.createdAt.toISOString(),
    };
  }
  if (view === "seller") {
    return {
      ...base,
      cost: decimalToString(lead.cost),
      qualityScore: lead.qualityScore,
      rejectionReasons: lead.rejectionReasons,
      createdAt: lead.createdAt.toISOString(),
    };
  }
  return {
    ...base,
    revenue: decimalToString(lead.revenue),
    cost: decimalToString(lead.cost),
    margin: decimalToString(lead.margin),
    qualityScore: lead.qualityScore,
    rejectionReasons: lead.rejectionReasons,
    sellerId: lead.sellerId,
    buyerId: lead.buyerId,
    createdAt: lead.createdAt.toISOString(),
  };
}

export type DetailSale = LeadSale & { campaign: { name: string }; leadReturn: LeadReturn | null };
export type DetailDelivery = Delivery & { attemptsLog: DeliveryAttempt[] };

function serializeSale(s: DetailSale, now: Date) {
  return {
    id: s.id,
    buyerId: s.buyerId,
    campaignId: s.campaignId,
    campaignName: s.campaign.name,
    price: decimalToString(s.price),
    exclusive: s.exclusive,
    status: s.status,
    soldAt: s.createdAt.toISOString(),
    returnDeadline: s.returnDeadline.toISOString(),
    returnable: s.status === "sold" && s.returnDeadline >= now,
    return: s.leadReturn
      ? {
          reason: s.leadReturn.reason,
          note: s.leadReturn.note,
          creditAmount: decimalToString(s.leadReturn.creditAmount),
          returnedAt: s.leadReturn.createdAt.toISOString(),
        }
      : null,
  };
}

function serializeDelivery(d: DetailDelivery) {
  return {
    id: d.id,
    saleId: d.saleId,
    method: d.method,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attemptLog: d.attemptsLog
      .sort((a, b) => a.attemptNo - b.attemptNo)
      .map((a) => ({
        attemptNo: a.attemptNo,
        startedAt: a.startedAt.toISOString(),
        durationMs: a.durationMs,
        responseStatus: a.responseStatus,
        error: a.error,
        outcome: a.outcome,
      })),
  };
}

/**
 * The full lead. `sales` and `deliveries` must already be limited to what the viewer may see
 * (a buyer: its own purchases and their deliveries; a seller: none).
 */
export function serializeLeadDetail(
  view: LeadView,
  lead: Lead,
  sales: DetailSale[],
  deliveries: DetailDelivery[],
  now = new Date(),
) {
  const contact = {
    consumerName: lead.consumerName,
    firstName: lead.firstName,
    lastName: lead.lastName,
    consumerEmail: lead.consumerEmail,
    consumerPhone: lead.consumerPhone,
    consumerState: lead.consumerState,
    consumerZip: lead.consumerZip,
    consumerCity: lead.consumerCity,
    consumerAddress: lead.consumerAddress,
    dob: lead.dob,
    ageRange: lead.ageRange,
    incomeBracket: lead.incomeBracket,
    homeownerStatus: lead.homeownerStatus,
    trustedFormCertUrl: lead.trustedFormCertUrl,
  };
  const common = {
    id: lead.id,
    vertical: lead.vertical,
    subVertical: lead.subVertical,
    status: lead.status as string,
    ...contact,
    leadData: lead.leadData,
    consent: lead.consent,
    qualityScore: lead.qualityScore,
    consentRevokedAt: lead.consentRevokedAt?.toISOString() ?? null,
    erasedAt: lead.erasedAt?.toISOString() ?? null,
    createdAt: lead.createdAt.toISOString(),
  };
  if (view === "buyer") {
    const mine = sales.map((s) => serializeSale(s, now));
    return {
      ...common,
      status: buyerStatus(sales),
      revenue: sumPrices(sales),
      sale: mine[0] ?? null,
      sales: mine,
      deliveries: deliveries.map(serializeDelivery),
    };
  }
  if (view === "seller") {
    return {
      ...common,
      sourceType: lead.sourceType,
      source: lead.source,
      intakeListId: lead.intakeListId,
      cost: decimalToString(lead.cost),
      rejectionReasons: lead.rejectionReasons,
      failedSources: lead.failedSources,
      soldAt: lead.soldAt?.toISOString() ?? null,
    };
  }
  return {
    ...common,
    sellerId: lead.sellerId,
    buyerId: lead.buyerId,
    campaignId: lead.campaignId,
    sourceType: lead.sourceType,
    source: lead.source,
    intakeListId: lead.intakeListId,
    revenue: decimalToString(lead.revenue),
    cost: decimalToString(lead.cost),
    margin: decimalToString(lead.margin),
    rejectionReasons: lead.rejectionReasons,
    failedSources: lead.failedSources,
    unsoldReasons: lead.unsoldReasons,
    matchCount: lead.matchCount,
    isTest: lead.isTest,
    soldAt: lead.soldAt?.toISOString() ?? null,
    sales: sales.map((s) => serializeSale(s, now)),
    deliveries: deliveries.map(serializeDelivery),
  };
}
