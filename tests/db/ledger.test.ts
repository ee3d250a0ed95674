import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { postLedger, InsufficientFundsError } from "@/lib/ledger";
import { announceCampaignChange } from "@/lib/campaign-events";
import { toCents } from "@/lib/money";
import { settleSale } from "./helpers/settle";

describe("postLedger", () => {
  it("writes rows and moves balances by type", async () => {
    const buyer = await prisma.buyer.create({ data: { companyName: "B", balance: "100.00" } });
    const seller = await prisma.seller.create({ data: { companyName: "S" } });
    await prisma.$transaction((tx) =>
      postLedger(tx, [
        { type: "lead_sale", amountCents: 5500, buyerId: buyer.id },
        { type: "lead_purchase", amountCents: 2800, sellerId: seller.id },
      ]),
    );
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: buyer.id } })).balance)).toBe(4500);
    expect(toCents((await prisma.seller.findUniqueOrThrow({ where: { id: seller.id } })).balance)).toBe(2800);
    expect(await prisma.transaction.count()).toBe(2);
  });

  it("refuses a debit beyond balance + credit limit and rolls back the rows", async () => {
    const buyer = await prisma.buyer.create({ data: { companyName: "B", balance: "10.00", creditLimit: "20.00" } });
    await expect(
      prisma.$transaction((tx) =>
        postLedger(tx, [{ type: "lead_sale", amountCents: 3001, buyerId: buyer.id }], { guardBuyerFunds: true }),
      ),
    ).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await prisma.transaction.count()).toBe(0);
    await prisma.$transaction((tx) =>
      postLedger(tx, [{ type: "lead_sale", amountCents: 3000, buyerId: buyer.id }], { guardBuyerFunds: true }),
    );
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: buyer.id } })).balance)).toBe(-2000);
  });

  it("parallel guarded debits never overdraw", async () => {
    const buyer = await prisma.buyer.create({ data: { companyName: "B", balance: "50.00" } });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        prisma.$transaction((tx) =>
          postLedger(tx, [{ type: "lead_sale", amountCents: 1000, buyerId: buyer.id }], { guardBuyerFunds: true }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(toCents((await prisma.buyer.findUniqueOrThrow({ where: { id: buyer.id } })).balance)).toBe(0);
  });

  it.each([
    ["float amount", { type: "lead_sale" as const, amountCents: 10.5, buyerId: 1 }],
    ["negative sale", { type: "lead_sale" as const, amountCents: -100, buyerId: 1 }],
    ["no account", { type: "adjustment" as const, amountCents: 100 }],
  ])("rejects a malformed entry: %s", async (_name, entry) => {
    await expect(prisma.$transaction((tx) => postLedger(tx, [entry]))).rejects.toThrow();
  });
});

describe("outbox and campaign events", () => {
  it("enqueues webhook deliveries and skips portal ones", async () => {
    const buyer = await prisma.buyer.create({ data: { companyName: "B", balance: "10.00" } });
    const seller = await prisma.seller.create({ data: { companyName: "S" } });
    await prisma.vertical.create({ data: { key: "v", name: "V" } });
    const campaign = (deliveryMethod: "portal" | "webhook", deliveryConfig: object) =>
      prisma.buyerCampaign.create({
        data: {
          buyerId: buyer.id,
          name: `C ${deliveryMethod}`,
          vertical: "v",
          pricePerLead: "1.00",
          deliveryMethod,
          deliveryConfig,
        },
      });
    const portal = await campaign("portal", {});
    const webhook = await campaign("webhook", { url: "https://buyer.example/hook" });
    // One lead sold to both campaigns through the real settle path (tlg_settle writes the outbox).
    const settled = await settleSale({
      sellerId: seller.id,
      lead: { vertical: "v", consumerPhone: "6145550123", consumerEmail: "outbox@example.com" },
      picks: [
        { campaign: portal, priceCents: 100 },
        { campaign: webhook, priceCents: 100 },
      ],
    });
    expect(settled.saleIds).toHaveLength(2);
    await prisma.$transaction((tx) => announceCampaignChange(tx, portal.id));
    const rows = await prisma.delivery.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      saleId: settled.saleIds[1],
      method: "webhook",
      status: "pending",
      target: "https://buyer.example/hook",
      attempts: 0,
    });
  });
});
