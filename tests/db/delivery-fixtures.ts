import { prisma } from "@/lib/db";
import type { BuyerCampaign } from "@/lib/generated/prisma/client";
import { generateWebhookSecret } from "@/lib/delivery/webhook";
import type { DeliveryConfig } from "@/lib/delivery/config";
import { settleSale } from "./helpers/settle";

export const LOCAL = new Set(["127.0.0.1"]);

export async function world() {
  await prisma.vertical.upsert({
    where: { key: "insurance" },
    update: {},
    create: { key: "insurance", name: "Insurance" },
  });
  const buyer = await prisma.buyer.create({ data: { companyName: "Buyer Co", balance: "1000.00" } });
  // Funded too: tests sell leads to its campaigns (a sale debits the buyer, as every real sale does).
  const other = await prisma.buyer.create({ data: { companyName: "Other Buyer", balance: "1000.00" } });
  const seller = await prisma.seller.create({ data: { companyName: "Seller Co" } });
  return { buyer, other, seller };
}

export async function campaign(
  buyerId: number,
  method: "webhook" | "http_post" | "portal",
  config: Partial<DeliveryConfig> & Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return prisma.buyerCampaign.create({
    data: {
      buyerId,
      name: `C ${method}`,
      vertical: "insurance",
      pricePerLead: "25.00",
      deliveryMethod: method,
      deliveryConfig: config as object,
      webhookSecret: generateWebhookSecret(),
      ...extra,
    },
  });
}

let phone = 6507760000;
export const leadData = (over: Record<string, unknown> = {}) => ({
  vertical: "insurance",
  firstName: "John",
  lastName: "Doe",
  consumerEmail: "johndoe@example.com",
  consumerPhone: String(phone++),
  consumerState: "TX",
  consumerZip: "77001",
  consumerCity: "Houston",
  consumerAddress: "123 Main St",
  dob: "1980-05-15",
  incomeBracket: "$75,000-$100,000",
  homeownerStatus: "Homeowner",
  trustedFormCertUrl: "https://cert.trustedform.com/example",
  ...over,
});

let emailSeq = 0;

/**
 * A sold lead with its sale and queued delivery, written by the real settle path
 * (lib/pipeline/settle.ts): the delivery outbox row is the one every real sale gets. Each lead has
 * its own phone and email, so the dedupe claim never refuses it.
 */
export async function soldLead(sellerId: number, c: BuyerCampaign, over: Record<string, unknown> = {}) {
  const settled = await settleSale({
    sellerId,
    lead: leadData({ consumerEmail: `johndoe.${++emailSeq}@example.com`, ...over }),
    picks: [{ campaign: c, priceCents: 2500 }],
  });
  const lead = await prisma.lead.findUniqueOrThrow({ where: { id: settled.leadId } });
  const sale = await prisma.leadSale.findUniqueOrThrow({ where: { id: settled.saleIds[0] } });
  return { lead, sale };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
