// A small marketplace for buyer/money tests, and sold leads made directly (Lead + LeadSale +
// ledger via postLedger), independent of the pipeline.
import { prisma } from "@/lib/db";
import { postLedger, type LedgerEntry } from "@/lib/ledger";
import { centsToDecimal } from "@/lib/money";
import type { Caller } from "@/lib/auth/types";

export type Market = Awaited<ReturnType<typeof makeMarket>>;

export async function makeMarket(opts: { depositCents?: number } = {}) {
  await prisma.vertical.create({
    data: { key: "home_services", name: "Home services", subVerticals: ["plumbing", "roofing"], requiredFields: [] },
  });
  await prisma.vertical.create({ data: { key: "solar", name: "Solar", subVerticals: [], requiredFields: [] } });
  const b1 = await prisma.buyer.create({ data: { companyName: "Buyer One", creditLimit: "500.00" } });
  const b2 = await prisma.buyer.create({ data: { companyName: "Buyer Two" } });
  const s1 = await prisma.seller.create({ data: { companyName: "Seller One" } });
  const s2 = await prisma.seller.create({ data: { companyName: "Seller Two" } });
  const deposit = opts.depositCents ?? 100_000;
  await prisma.$transaction((tx) =>
    postLedger(tx, [
      { type: "adjustment", amountCents: deposit, buyerId: b1.id, note: "deposit" },
      { type: "adjustment", amountCents: deposit, buyerId: b2.id, note: "deposit" },
    ]),
  );
  const user = (
    username: string,
    role: "admin" | "buyer" | "seller",
    extra: { buyerId?: number; sellerId?: number } = {},
  ) =>
    prisma.user.create({
      data: { username, role, fullName: username, email: `${username}@example.com`, passwordHash: "x", ...extra },
    });
  const users = {
    admin: await user("admin", "admin"),
    buyer1: await user("buyer1", "buyer", { buyerId: b1.id }),
    buyer2: await user("buyer2", "buyer", { buyerId: b2.id }),
    seller1: await user("seller1", "seller", { sellerId: s1.id }),
    seller2: await user("seller2", "seller", { sellerId: s2.id }),
  };
  const c1 = await prisma.buyerCampaign.create({
    data: {
      buyerId: b1.id,
      name: "B1 Plumbing",
      vertical: "home_services",
      geoStates: ["CA"],
      geoZips: [],
      pricePerLead: "55.00",
      returnWindowHours: 48,
    },
  });
  const c2 = await prisma.buyerCampaign.create({
    data: {
      buyerId: b2.id,
      name: "B2 Home",
      vertical: "home_services",
      geoStates: [],
      geoZips: [],
      pricePerLead: "40.00",
      returnWindowHours: 48,
    },
  });
  return { b1, b2, s1, s2, c1, c2, users };
}

export function callerOf(u: {
  id: string;
  username: string;
  role: "admin" | "buyer" | "seller";
  buyerId: number | null;
  sellerId: number | null;
}): Caller {
  return {
    via: "session",
    userId: u.id,
    username: u.username,
    role: u.role,
    buyerId: u.buyerId,
    sellerId: u.sellerId,
    apiKeyId: null,
  };
}

export type SaleSpec = { campaignId: number; buyerId: number; priceCents: number; exclusive?: boolean };

let phoneSeq = 0;

/** A sold lead: Lead (revenue/cost/margin), its sales, lead_sale debits and one lead_purchase credit. */
export async function sellLead(spec: {
  sellerId: number;
  sales: SaleSpec[];
  costCents: number;
  createdAt?: Date;
  returnWindowHours?: number;
  vertical?: string;
  consumerState?: string;
}) {
  const createdAt = spec.createdAt ?? new Date();
  const revenue = spec.sales.reduce((n, s) => n + s.priceCents, 0);
  return prisma.$transaction(async (tx) => {
    const n = ++phoneSeq;
    const lead = await tx.lead.create({
      data: {
        sellerId: spec.sellerId,
        vertical: spec.vertical ?? "home_services",
        consumerName: `Consumer ${n}`,
        firstName: "Consumer",
        lastName: String(n),
        consumerEmail: `c${n}@example.com`,
        consumerPhone: `3105550${String(n).padStart(3, "0")}`,
        consumerState: spec.consumerState ?? "CA",
        consumerZip: "90210",
        leadData: { homeowner: true },
        consent: { text: "I agree", timestamp: createdAt.toISOString(), ip: "73.162.1.1" },
        status: "sold",
        qualityScore: 80,
        revenue: centsToDecimal(revenue),
        cost: centsToDecimal(spec.costCents),
        margin: centsToDecimal(revenue - spec.costCents),
        buyerId: spec.sales[0].buyerId,
        campaignId: spec.sales[0].campaignId,
        soldAt: createdAt,
        createdAt,
      },
    });
    const entries: LedgerEntry[] = [];
    const sales = [];
    for (const s of spec.sales) {
      const sale = await tx.leadSale.create({
        data: {
          leadId: lead.id,
          campaignId: s.campaignId,
          buyerId: s.buyerId,
          price: centsToDecimal(s.priceCents),
          exclusive: s.exclusive ?? spec.sales.length === 1,
          returnDeadline: new Date(createdAt.getTime() + (spec.returnWindowHours ?? 48) * 3_600_000),
          createdAt,
        },
      });
      sales.push(sale);
      entries.push({
        type: "lead_sale",
        amountCents: s.priceCents,
        buyerId: s.buyerId,
        leadId: lead.id,
        saleId: sale.id,
      });
    }
    if (spec.costCents > 0)
      entries.push({ type: "lead_purchase", amountCents: spec.costCents, sellerId: spec.sellerId, leadId: lead.id });
    await postLedger(tx, entries);
    return { lead, sales };
  });
}

/** A lead that did not sell (rejected or unsold): no sale, no money. */
export async function submitLead(spec: {
  sellerId: number;
  status: "rejected" | "unsold" | "pending";
  rejectionReasons?: string[];
  createdAt?: Date;
  vertical?: string;
}) {
  return prisma.lead.create({
    data: {
      sellerId: spec.sellerId,
      vertical: spec.vertical ?? "home_services",
      consumerName: "Rejected Person",
      consumerState: "TX",
      consumerZip: "77001",
      status: spec.status,
      rejectionReasons: spec.rejectionReasons ?? [],
      createdAt: spec.createdAt ?? new Date(),
    },
  });
}
