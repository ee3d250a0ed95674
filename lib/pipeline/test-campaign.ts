// Unit-test factory: a BuyerCampaign row as Prisma returns it (test-only helper).
import type { BuyerCampaign } from "../generated/prisma/client";
import { Prisma } from "../generated/prisma/client";

export function campaign(
  over: Partial<Omit<BuyerCampaign, "pricePerLead" | "dailyBudget">> & {
    pricePerLead?: string;
    dailyBudget?: string | null;
  } = {},
): BuyerCampaign {
  const { pricePerLead = "50.00", dailyBudget = null, ...rest } = over;
  return {
    id: 1,
    buyerId: 1,
    name: "C",
    vertical: "home_services",
    subVertical: null,
    geoStates: [],
    geoZips: [],
    sourceListIds: [],
    filters: [],
    bidType: "fixed",
    pingUrl: null,
    dailyCap: null,
    hourlyCap: null,
    weeklyCap: null,
    monthlyCap: null,
    schedule: null,
    deliveryMethod: "portal",
    deliveryConfig: {},
    webhookSecret: null,
    pingPostEnabled: false,
    exclusive: false,
    returnWindowHours: 48,
    returnCapPercent: null,
    priority: 1,
    status: "active",
    autoPausedAt: null,
    autoPausedReason: null,
    failureStreak: 0,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    archivedAt: null,
    ...rest,
    pricePerLead: new Prisma.Decimal(pricePerLead),
    dailyBudget: dailyBudget === null ? null : new Prisma.Decimal(dailyBudget),
  } as BuyerCampaign;
}
