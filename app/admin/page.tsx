import type { Metadata } from "next";
import Link from "next/link";
import { BarList, CapBar } from "@/components/bar-list";
import { DailyChart } from "@/components/charts";
import { DataTable } from "@/components/data-table";
import { FilterBar, FilterInput } from "@/components/filters";
import { percent } from "@/components/format";
import { LocalTime } from "@/components/local-time";
import { Badge, Card, EmptyState, PageHeader, StatCard } from "@/components/ui";
import { formatUsd } from "@/lib/money";
import { adminPage } from "@/lib/auth/pages";
import { marketplaceOverview } from "@/lib/queries/admin";
import { campaignsWithToday, nearCap } from "@/lib/queries/buyer";
import { parseRange } from "@/lib/queries/common";

export const metadata: Metadata = { title: "Marketplace overview" };
export const dynamic = "force-dynamic";

export default async function AdminOverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  await adminPage("/admin", sp);
  const range = parseRange(sp, 30);
  const [o, campaigns] = await Promise.all([marketplaceOverview(range), campaignsWithToday({})]);
  const t = o.totals;
  const near = nearCap(campaigns, 6);
  const failures = (o.deliveries.byStatus.failed ?? 0) + (o.deliveries.byStatus.dead ?? 0);
  return (
    <>
      <PageHeader title="Marketplace overview" description={`${range.fromYmd} to ${range.toYmd} (UTC days)`} />
      <FilterBar action="/admin">
        <FilterInput name="from" label="From" type="date" value={range.fromYmd} />
        <FilterInput name="to" label="To" type="date" value={range.toYmd} />
      </FilterBar>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatCard
          label="Leads received"
          value={t.leads.toLocaleString("en-US")}
          hint={`${t.rejected.toLocaleString("en-US")} rejected · ${t.unsold.toLocaleString("en-US")} unsold`}
        />
        <StatCard
          label="Sold"
          value={t.sold.toLocaleString("en-US")}
          hint={`${percent(t.leads ? t.sold / t.leads : null)} of received`}
        />
        <StatCard label="Revenue" value={formatUsd(t.revenueCents)} hint="Paid by buyers" />
        <StatCard label="Cost" value={formatUsd(t.costCents)} hint="Paid to sellers" />
        <StatCard
          label="Margin"
          value={formatUsd(t.marginCents)}
          hint={percent(t.revenueCents ? t.marginCents / t.revenueCents : null)}
          tone={t.marginCents >= 0 ? "good" : "bad"}
        />
        <StatCard
          label="Delivery failures"
          value={failures.toLocaleString("en-US")}
          tone={failures ? "bad" : "default"}
          hint={`${(o.deliveries.byStatus.pending ?? 0).toLocaleString("en-US")} pending`}
        />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Card title="Revenue, cost and margin per day" className="xl:col-span-2">
          {t.leads ? (
            <DailyChart
              label="Revenue, cost and margin per day, with lead volume"
              data={o.series}
              series={[
                { key: "revenue", label: "Revenue", color: "#2f6fed", money: true },
                { key: "cost", label: "Cost", color: "#f59e0b", money: true },
                { key: "margin", label: "Margin", color: "#10b981", type: "line", money: true },
                { key: "leads", label: "Leads", color: "#64748b", type: "line", axis: "right" },
              ]}
            />
          ) : (
            <EmptyState title="No leads in this period" />
          )}
        </Card>
        <Card title="Rejection reasons">
          <BarList
            items={o.reasons.map((r) => ({ label: r.reason, count: r.count }))}
            empty="No rejected leads in this period."
          />
        </Card>
      </div>
      <div className="mt-6 grid gap-6 2xl:grid-cols-2">
        <Card title="Top buyers">
          <DataTable
            caption="Top buyers by spend"
            empty="No sales in this period."
            columns={[
              { key: "name", label: "Buyer", href: "/buyer?buyerId={id}" },
              { key: "leads", label: "Leads", kind: "int" },
              { key: "returns", label: "Returns", kind: "int" },
              { key: "spendCents", label: "Spend", kind: "cents" },
            ]}
            rows={o.topBuyers}
          />
        </Card>
        <Card title="Top sellers">
          <DataTable
            caption="Top sellers by volume"
            empty="No submissions in this period."
            columns={[
              { key: "name", label: "Seller", href: "/seller?sellerId={id}" },
              { key: "leads", label: "Leads", kind: "int" },
              { key: "accepted", label: "Accepted", kind: "int" },
              { key: "costCents", label: "Paid", kind: "cents" },
            ]}
            rows={o.topSellers}
          />
        </Card>
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Card title="Campaigns nearest their daily cap">
          {near.length ? (
            <ul className="space-y-3">
              {near.map((c) => (
                <li key={c.id}>
                  <div className="flex justify-between gap-2 text-sm">
                    <Link
                      href={`/buyer/campaigns/${c.id}?buyerId=${c.buyerId}`}
                      className="truncate font-medium text-slate-800 hover:underline"
                    >
                      {c.name}
                    </Link>
                    <span className="truncate text-xs text-slate-500">{c.buyerName}</span>
                  </div>
                  <CapBar count={c.todayCount} cap={c.dailyCap} />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No capped active campaigns" />
          )}
        </Card>
        <Card
          title="Recent delivery failures"
          className="xl:col-span-2"
          actions={
            <Link href="/admin/deliveries?status=failed" className="text-xs font-medium text-brand-700 hover:underline">
              All deliveries
            </Link>
          }
        >
          {o.deliveries.failing.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {o.deliveries.failing.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <Badge status={d.status} />
                  <span className="font-medium">{d.campaign}</span>
                  <span className="text-slate-500">{d.buyer}</span>
                  <span className="text-slate-500">
                    lead #{d.leadId} · {d.attempts} attempts
                  </span>
                  <span className="min-w-0 flex-1 truncate text-red-700" title={d.lastError ?? ""}>
                    {d.lastError}
                  </span>
                  <LocalTime iso={d.updatedAt} className="text-xs text-slate-500" />
                </li>
              ))}
            </ul>
          ) : (
            <p className="py-4 text-center text-sm text-slate-500">
              No failed deliveries. Every webhook and post went through.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
