// The in-memory campaign index: a TTL, and on real PostgreSQL a NOTIFY from any instance drops it.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { announceCampaignChange } from "@/lib/campaign-events";
import {
  campaignIndex,
  campaignListenerReady,
  invalidateCampaignIndex,
  stopCampaignIndex,
} from "@/lib/pipeline/campaign-index";
import { demo } from "./pipeline-helpers";

let d: Awaited<ReturnType<typeof demo>>;
beforeEach(async () => {
  d = await demo();
});
afterAll(() => stopCampaignIndex());

const names = async () => (await campaignIndex()).byVertical.get("solar")?.map((c) => c.name) ?? [];

describe("campaign index", () => {
  it("serves the cached copy within the TTL and reloads after invalidation", async () => {
    expect(await names()).toEqual([]); // the demo's solar campaign is paused
    await prisma.buyerCampaign.create({
      data: { buyerId: d.buyer1.id, name: "Solar new", vertical: "solar", pricePerLead: "9.00" },
    });
    expect(await names()).toEqual([]);
    invalidateCampaignIndex();
    expect(await names()).toEqual(["Solar new"]);
  });

  it("leaves out paused, archived, auto-paused campaigns and suspended buyers", async () => {
    await prisma.buyerCampaign.createMany({
      data: [
        { buyerId: d.buyer1.id, name: "archived", vertical: "solar", pricePerLead: "1.00", archivedAt: new Date() },
        {
          buyerId: d.buyer1.id,
          name: "auto-paused",
          vertical: "solar",
          pricePerLead: "1.00",
          autoPausedAt: new Date(),
        },
        { buyerId: d.buyer2.id, name: "suspended buyer", vertical: "solar", pricePerLead: "1.00" },
        { buyerId: d.buyer1.id, name: "live", vertical: "solar", pricePerLead: "1.00" },
      ],
    });
    await prisma.buyer.update({ where: { id: d.buyer2.id }, data: { status: "suspended" } });
    invalidateCampaignIndex();
    expect(await names()).toEqual(["live"]);
  });

  it.runIf(!!env.DATABASE_URL)("a NOTIFY on CAMPAIGNS_CHANNEL (from any instance) drops the cached copy", async () => {
    await names();
    expect(await campaignListenerReady()).toBe(true);
    await prisma.$transaction(async (tx) => {
      await tx.buyerCampaign.create({
        data: { buyerId: d.buyer1.id, name: "Solar announced", vertical: "solar", pricePerLead: "9.00" },
      });
      await announceCampaignChange(tx);
    });
    const deadline = Date.now() + 3000;
    while (!(await names()).includes("Solar announced") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    expect(await names()).toEqual(["Solar announced"]);
  });
});
