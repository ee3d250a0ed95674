import type { Metadata } from "next";
import { Badge, PageHeader } from "@/components/ui";
import { decimalToString } from "@/lib/money";
import { buyerPage, pageNotFound, viewAs } from "@/lib/auth/pages";
import { prisma } from "@/lib/db";
import { parseId } from "@/lib/api/request";
import { getCampaign, verticals } from "@/lib/queries/buyer";
import { EMPTY_CAMPAIGN, type CampaignFormValues } from "../campaign-defaults";
import { CampaignForm } from "../campaign-form";

export const metadata: Metadata = { title: "Edit campaign" };
export const dynamic = "force-dynamic";

type Schedule = { timezone?: string; days?: number[]; startHour?: number; endHour?: number } | null;
type DeliveryConfig = {
  url?: string;
  preset?: string;
  token?: string;
  mapping?: unknown;
  constants?: unknown;
  synchronous?: boolean;
};

export default async function EditCampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { user, buyerId } = await buyerPage(`/buyer/campaigns/${id}`, sp);
  const q = viewAs(user, "buyerId", buyerId);
  const n = parseId(id);
  const c = n === null ? null : await getCampaign(buyerId, n);
  if (!c) {
    const other =
      n === null ? null : await prisma.buyerCampaign.findUnique({ where: { id: n }, select: { buyerId: true } });
    return pageNotFound(user, `/buyer/campaigns/${id}`, "campaign", id, other);
  }
  const vs = await verticals();
  const schedule = c.schedule as Schedule;
  const dc = (c.deliveryConfig ?? {}) as DeliveryConfig;
  const initial: CampaignFormValues = {
    ...EMPTY_CAMPAIGN,
    name: c.name,
    vertical: c.vertical,
    subVertical: c.subVertical ?? "",
    states: c.geoStates,
    zips: c.geoZips.join(", "),
    filters: (Array.isArray(c.filters) ? (c.filters as { field: string; op: string; value: unknown }[]) : []).map(
      (f) => ({
        field: f.field,
        op: f.op,
        value: Array.isArray(f.value) ? f.value.join(", ") : String(f.value),
      }),
    ),
    pricePerLead: decimalToString(c.pricePerLead),
    bidType: c.bidType,
    pingUrl: c.pingUrl ?? "",
    dailyCap: c.dailyCap?.toString() ?? "",
    hourlyCap: c.hourlyCap?.toString() ?? "",
    monthlyCap: c.monthlyCap?.toString() ?? "",
    dailyBudget: c.dailyBudget ? decimalToString(c.dailyBudget) : "",
    scheduleOn: Boolean(schedule),
    timezone: schedule?.timezone ?? EMPTY_CAMPAIGN.timezone,
    days: schedule?.days ?? EMPTY_CAMPAIGN.days,
    startHour: String(schedule?.startHour ?? 8),
    endHour: String(schedule?.endHour ?? 20),
    exclusive: c.exclusive,
    pingPostEnabled: c.pingPostEnabled,
    returnWindowHours: String(c.returnWindowHours),
    priority: String(c.priority),
    status: c.status === "archived" ? "paused" : c.status,
    deliveryMethod: c.deliveryMethod,
    deliveryUrl: dc.url ?? "",
    deliveryPreset: c.deliveryMethod === "http_post" ? dc.preset === "seed001" : true,
    deliveryToken: dc.token ?? "",
    deliveryMapping: dc.mapping ? JSON.stringify(dc.mapping, null, 2) : "",
    deliveryConstants: dc.constants ? JSON.stringify(dc.constants, null, 2) : "",
    deliverySynchronous: dc.synchronous ?? true,
  };
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <span className="inline-flex items-center gap-2">
            Campaign #{c.id} <Badge status={c.status} />
            {sp.created && <span className="font-medium text-emerald-700">Created.</span>}
          </span>
        }
      />
      <CampaignForm
        campaignId={c.id}
        initial={initial}
        verticals={vs.map((v) => ({ key: v.key, name: v.name, subVerticals: v.subVerticals }))}
        buyerId={user.role === "admin" ? buyerId : null}
        backHref={`/buyer/campaigns${q ? `?${q}` : ""}`}
      />
    </>
  );
}
