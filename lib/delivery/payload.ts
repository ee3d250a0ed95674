// What a buyer receives about a sold lead, built from the Lead and LeadSale rows.
import type { Lead, LeadSale } from "../generated/prisma/client";
import { decimalToString } from "../money";

export const LEAD_FIELDS = [
  "vertical",
  "subVertical",
  "firstName",
  "lastName",
  "consumerName",
  "consumerEmail",
  "consumerPhone",
  "consumerState",
  "consumerZip",
  "consumerCity",
  "consumerAddress",
  "dob",
  "ageRange",
  "incomeBracket",
  "homeownerStatus",
  "trustedFormCertUrl",
  "ipAddress",
  "source",
  "leadData",
  "consent",
] as const;

/** Flat lead fields as the mapping and the hooks see them (platform names). */
export function leadFields(
  lead: Pick<Lead, (typeof LEAD_FIELDS)[number] | "id" | "createdAt">,
): Record<string, unknown> {
  const out: Record<string, unknown> = { leadId: lead.id, createdAt: lead.createdAt.toISOString() };
  for (const k of LEAD_FIELDS) out[k] = lead[k] ?? null;
  return out;
}

/** The webhook event data: the lead plus the sale that bought it. */
export function webhookData(lead: Lead, sale: LeadSale | null, campaignId: number): Record<string, unknown> {
  return {
    ...leadFields(lead),
    saleId: sale?.id ?? null,
    campaignId,
    price: sale ? decimalToString(sale.price) : null,
    exclusive: sale?.exclusive ?? null,
    soldAt: sale?.createdAt.toISOString() ?? null,
    returnDeadline: sale?.returnDeadline.toISOString() ?? null,
  };
}

/** A consumer-rights notice names the lead and when, nothing else: no personal data travels with it. */
export function noticeData(d: {
  event: string;
  leadId: number;
  eventAt: Date | null;
  createdAt: Date;
}): Record<string, unknown> {
  const at = (d.eventAt ?? d.createdAt).toISOString();
  return d.event === "consumer.deleted" ? { leadId: d.leadId, deletedAt: at } : { leadId: d.leadId, revokedAt: at };
}
