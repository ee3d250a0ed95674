// BuyerCampaign row → the documented campaign object. geoStates/geoZips columns answer as
// geoTargets {states, zips}; money as decimal strings; never the webhook secret.
import type { BuyerCampaign } from "../generated/prisma/client";
import { decimalToString } from "../money";
import type { CampaignJson } from "../openapi/types";

export function serializeCampaign(c: BuyerCampaign): CampaignJson {
  return {
    id: c.id,
    buyerId: c.buyerId,
    name: c.name,
    vertical: c.vertical,
    subVertical: c.subVertical,
    geoTargets: { states: c.geoStates, zips: c.geoZips },
    sourceListIds: c.sourceListIds,
    filters: c.filters,
    pricePerLead: decimalToString(c.pricePerLead),
    bidType: c.bidType,
    pingUrl: c.pingUrl,
    dailyCap: c.dailyCap,
    hourlyCap: c.hourlyCap,
    weeklyCap: c.weeklyCap,
    monthlyCap: c.monthlyCap,
    dailyBudget: c.dailyBudget === null ? null : decimalToString(c.dailyBudget),
    schedule: c.schedule,
    deliveryMethod: c.deliveryMethod,
    deliveryConfig: c.deliveryConfig,
    hasWebhookSecret: Boolean(c.webhookSecret),
    pingPostEnabled: c.pingPostEnabled,
    exclusive: c.exclusive,
    returnWindowHours: c.returnWindowHours,
    returnCapPercent: c.returnCapPercent,
    priority: c.priority,
    status: c.status,
    autoPausedAt: c.autoPausedAt?.toISOString() ?? null,
    autoPausedReason: c.autoPausedReason,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    archivedAt: c.archivedAt?.toISOString() ?? null,
  };
}
