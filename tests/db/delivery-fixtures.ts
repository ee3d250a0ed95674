import { prisma } from "@/lib/db";
import { enqueueDelivery, notifyDeliveryWorkers } from "@/lib/delivery/outbox";
import { generateWebhookSecret } from "@/lib/delivery/webhook";
import type { DeliveryConfig } from "@/lib/delivery/config";

export const LOCAL = new Set(["127.0.0.1"]);

export async function world() {
  await prisma.vertical.upsert({
    where: { key: "insurance" },
    update: {},
    create: { key: "insurance", name: "Insurance" },
  });
  const buyer = await prisma.buyer.create({ data: { companyName: "Buyer Co", balance: "1000.00" } });
  const other = await prisma.buyer.create({ data: { companyName: "Other Buyer" } });
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

/** A sold lead with its sale and queued delivery, written as the pipeline does: one transaction. */
export async function soldLead(
  sellerId: number,
  c: { id: number; buyerId: number; deliveryMethod: "webhook" | "http_post" | "portal"; deliveryConfig: unknown },
  over: Record<string, unknown> = {},
) {
  const sold = await prisma.$transaction(async (tx) => {
    const lead = await tx.lead.create({ data: { sellerId, status: "sold", ...leadData(over) } as never });
    const sale = await tx.leadSale.create({
      data: {
        leadId: lead.id,
        campaignId: c.id,
        buyerId: c.buyerId,
        price: "25.00",
        returnDeadline: new Date(Date.now() + 86_400_000),
      },
    });
    const queued = await enqueueDelivery(tx, {
      saleId: sale.id,
      leadId: lead.id,
      campaignId: c.id,
      buyerId: c.buyerId,
      method: c.deliveryMethod,
      target: (c.deliveryConfig as { url?: string }).url,
    });
    return { lead, sale, queued };
  });
  // As the pipeline does (lib/pipeline/settle.ts): wake the workers once the sale is committed.
  if (sold.queued) await notifyDeliveryWorkers(prisma);
  return { lead: sold.lead, sale: sold.sale };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
