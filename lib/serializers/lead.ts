// Lead rows → the three views of a lead. A buyer sees its purchase (status and revenue are its own
// sale's: on a shared lead another buyer's return does not change them); a seller sees its submission
// (status, rejection reasons, cost, never buyers or revenue); an admin sees everything.
import type { Delivery, DeliveryAttempt, Lead, LeadReturn, LeadSale } from "../generated/prisma/client";
import { centsToString, decimalToString, toCents } from "../money";
import type {
  LeadDeliveryJson,
  LeadDetailAdminJson,
  LeadDetailBuyerJson,
  LeadDetailJson,
  LeadDetailSellerJson,
  LeadListItemAdminJson,
  LeadListItemBuyerJson,
  LeadListItemJson,
  LeadListItemSellerJson,
  LeadSaleJson,
} from "../openapi/types";
import { deliveryEvent, serializeAttempt } from "./delivery";

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

/**
 * The documented list item: id, vertical, status, consumerName, consumerState, consumerZip, revenue,
 * qualityScore, createdAt, plus what each view adds. One function per view, each typed with its own
 * schema, so a field added to one view cannot slip through as "present in some other view".
 */
export function serializeLeadListItem(view: LeadView, lead: ListLead, buyerSales: ListSale[] = []): LeadListItemJson {
  if (view === "buyer") return buyerListItem(lead, buyerSales);
  if (view === "seller") return sellerListItem(lead);
  return adminListItem(lead);
}

function listBase(lead: ListLead) {
  return {
    id: lead.id,
    vertical: lead.vertical,
    consumerName: lead.consumerName,
    consumerState: lead.consumerState,
    consumerZip: lead.consumerZip,
    consentRevokedAt: lead.consentRevokedAt?.toISOString() ?? null,
    erasedAt: lead.erasedAt?.toISOString() ?? null,
  };
}

function buyerListItem(lead: ListLead, buyerSales: ListSale[]): LeadListItemBuyerJson {
  return {
    ...listBase(lead),
    status: buyerStatus(buyerSales),
    revenue: sumPrices(buyerSales),
    qualityScore: lead.qualityScore,
    createdAt: lead.createdAt.toISOString(),
  };
}

function sellerListItem(lead: ListLead): LeadListItemSellerJson {
  return {
    ...listBase(lead),
    status: lead.status,
    cost: decimalToString(lead.cost),
    qualityScore: lead.qualityScore,
    rejectionReasons: lead.rejectionReasons,
    createdAt: lead.createdAt.toISOString(),
  };
}

function adminListItem(lead: ListLead): LeadListItemAdminJson {
  return {
    ...listBase(lead),
    status: lead.status,
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

function serializeSale(s: DetailSale, now: Date): LeadSaleJson {
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

/** A delivery inside a lead's detail: the delivery's summary and its attempts, oldest first. */
function serializeLeadDelivery(d: DetailDelivery): LeadDeliveryJson {
  return {
    id: d.id,
    saleId: d.saleId,
    method: d.method,
    event: deliveryEvent(d.event),
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attemptLog: d.attemptsLog.toSorted((a, b) => a.attemptNo - b.attemptNo).map(serializeAttempt),
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
): LeadDetailJson {
  if (view === "buyer") return buyerDetail(lead, sales, deliveries, now);
  if (view === "seller") return sellerDetail(lead);
  return adminDetail(lead, sales, deliveries, now);
}

function detailCommon(lead: Lead) {
  return {
    id: lead.id,
    vertical: lead.vertical,
    subVertical: lead.subVertical,
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
    leadData: lead.leadData,
    consent: lead.consent,
    qualityScore: lead.qualityScore,
    consentRevokedAt: lead.consentRevokedAt?.toISOString() ?? null,
    erasedAt: lead.erasedAt?.toISOString() ?? null,
    createdAt: lead.createdAt.toISOString(),
  };
}

function buyerDetail(lead: Lead, sales: DetailSale[], deliveries: DetailDelivery[], now: Date): LeadDetailBuyerJson {
  const mine = sales.map((s) => serializeSale(s, now));
  return {
    ...detailCommon(lead),
    status: buyerStatus(sales),
    revenue: sumPrices(sales),
    sale: mine[0] ?? null,
    sales: mine,
    deliveries: deliveries.map(serializeLeadDelivery),
  };
}

function sellerDetail(lead: Lead): LeadDetailSellerJson {
  return {
    ...detailCommon(lead),
    status: lead.status,
    sourceType: lead.sourceType,
    source: lead.source,
    intakeListId: lead.intakeListId,
    cost: decimalToString(lead.cost),
    rejectionReasons: lead.rejectionReasons,
    failedSources: lead.failedSources,
    soldAt: lead.soldAt?.toISOString() ?? null,
  };
}

function adminDetail(lead: Lead, sales: DetailSale[], deliveries: DetailDelivery[], now: Date): LeadDetailAdminJson {
  return {
    ...detailCommon(lead),
    status: lead.status,
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
    deliveries: deliveries.map(serializeLeadDelivery),
  };
}
