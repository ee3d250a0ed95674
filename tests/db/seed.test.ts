import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { seedDemo, SPEC_API_KEY, SPEC_LIST_ID, SPEC_STATES, DEMO_PASSWORD } from "@/lib/seed";
import { hashApiKey } from "@/lib/api-keys";
import { verifyPassword } from "@/lib/password";
import { balanceEffect, toCents } from "@/lib/money";

describe("demo seed", () => {
  it("creates the five logins, the spec key and list, and is idempotent", async () => {
    const first = await seedDemo(prisma, { history: false });
    expect(first.seeded).toBe(true);
    const second = await seedDemo(prisma);
    expect(second.seeded).toBe(false);

    const users = await prisma.user.findMany({ orderBy: { username: "asc" } });
    expect(users.map((u) => u.username)).toEqual(["admin", "buyer1", "buyer2", "seller1", "seller2"]);
    expect(await verifyPassword(users[0].passwordHash, DEMO_PASSWORD)).toBe(true);
    const [b1, b2] = users.filter((u) => u.role === "buyer");
    expect(b1.buyerId).not.toBeNull();
    expect(b1.buyerId).not.toBe(b2.buyerId);

    const key = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(SPEC_API_KEY) } });
    const seller1 = users.find((u) => u.username === "seller1")!;
    expect(key?.sellerId).toBe(seller1.sellerId);
    const list = await prisma.intakeList.findUnique({ where: { id: SPEC_LIST_ID } });
    expect(list?.acceptedStates).toEqual(SPEC_STATES);
    expect(
      await prisma.buyerCampaign.count({ where: { sourceListIds: { has: SPEC_LIST_ID }, status: "active" } }),
    ).toBe(1);
  });

  it("sample history keeps every balance equal to its ledger", async () => {
    await seedDemo(prisma);
    expect(await prisma.lead.count()).toBeGreaterThan(100);
    expect(await prisma.leadReturn.count()).toBeGreaterThan(0);
    const txs = await prisma.transaction.findMany();
    for (const b of await prisma.buyer.findMany()) {
      const sum = txs
        .filter((t) => t.buyerId === b.id)
        .reduce((s, t) => s + balanceEffect(t.type, toCents(t.amount)!), 0);
      expect(toCents(b.balance)).toBe(sum);
    }
    for (const s of await prisma.seller.findMany()) {
      const sum = txs
        .filter((t) => t.sellerId === s.id)
        .reduce((acc, t) => acc + balanceEffect(t.type, toCents(t.amount)!), 0);
      expect(toCents(s.balance)).toBe(sum);
    }
  });
});
