import type { Metadata } from "next";
import Link from "next/link";
import { CapBar } from "@/components/bar-list";
import { DailyChart } from "@/components/charts";
import { Card, EmptyState, LinkButton, PageHeader, StatCard, StatGrid } from "@/components/ui";
import { formatUsd } from "@/lib/money";
import { buyerPage, viewAs } from "@/lib/auth/pages";
import { buyerOverview, campaignsWithToday, nearCap } from "@/lib/queries/buyer";
import { campaignPasses } from "@/lib/queries/unsold";
import { parseRange } from "@/lib/queries/common";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Buyer overview" };
export const dynamic = "force-dynamic";

type SP = Promise<Record<string, string | undefined>>;

export default async function BuyerOverviewPage({ searchParams }: { searchParams: SP }) {
  const sp = await searchParams;
  const { user, buyer, buyerId } = await buyerPage("/buyer", sp);
  const q = viewAs(user, "buyerId", buyerId);
  const passRange = parseRange({}, 30);
  const [o, campaigns, passes] = await Promise.all([
    buyerOverview(buyerId),
    campaignsWithToday({ buyerId }),
    campaignPasses({ buyerId }, passRange),
  ]);
  const near = nearCap(campaigns);
  const lowBalance = o.balanceCents < 0;
  return (
    <>
      <PageHeader
        title={`Welcome back, ${user.role === "admin" ? buyer.companyName : user.fullName.split(" ")[0]}`}
        description={`${buyer.companyName} · figures for today and this month (UTC days)`}
        actions={
          <>
            <LinkButton href={`/buyer/leads${q ? `?${q}` : ""}`} variant="secondary">
              Open lead inbox
            </LinkButton>
            <LinkButton href={`/buyer/campaigns/new${q ? `?${q}` : ""}`}>New campaign</LinkButton>
          </>
        }
      />
      <StatGrid>
        <StatCard label="Leads today" value={o.today.leads} hint={`${o.today.returns} returned today`} />
        <StatCard label="Spend today" value={formatUsd(o.today.spendCents)} />
        <StatCard label="Leads this month" value={o.month.leads} hint={`${o.month.returns} returned`} />
        <StatCard label="Spend this month" value={formatUsd(o.month.spendCents)} />
        <StatCard
          label="Returns this month"
          value={o.month.returns}
          hint={`${formatUsd(o.month.creditsCents)} credited`}
        />
        <StatCard
          label="Balance"
          value={formatUsd(o.balanceCents)}
          tone={lowBalance ? "bad" : "good"}
          hint={`Credit limit ${formatUsd(o.creditLimitCents)}`}
        />
      </StatGrid>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Card title="Leads and spend per day (last 30 days)" className="xl:col-span-2">
          {o.series.some((d) => d.leads > 0) ? (
            <DailyChart
              label="Leads bought and spend per day"
              data={o.series}
              series={[
                { key: "leads", label: "Leads", color: "#2f6fed" },
                { key: "spend", label: "Spend", color: "#f59e0b", type: "line", axis: "right", money: true },
              ]}
            />
          ) : (
            <EmptyState title="No purchases in the last 30 days">
              Leads your campaigns buy will show up here day by day.
            </EmptyState>
          )}
        </Card>
        <Card
          title="Campaigns closest to their daily cap"
          actions={
            <Link
              href={`/buyer/campaigns${q ? `?${q}` : ""}`}
              className="text-xs font-medium text-brand-700 hover:underline"
            >
              All campaigns
            </Link>
          }
        >
          {near.length ? (
            <ul className="space-y-4">
              {near.map((c) => (
                <li key={c.id}>
                  <div className="flex items-baseline justify-between gap-2">
                    <Link
                      href={`/buyer/campaigns/${c.id}${q ? `?${q}` : ""}`}
                      className="truncate text-sm font-medium text-slate-800 hover:underline"
                    >
                      {c.name}
                    </Link>
                    {c.utilization >= 0.8 && (
                      <span className="text-xs font-semibold text-amber-700">
                        {c.utilization >= 1 ? "Cap reached" : "Near cap"}
                      </span>
                    )}
                  </div>
                  <div className="mt-1">
                    <CapBar count={c.todayCount} cap={c.dailyCap} />
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No active campaigns with a daily cap" />
          )}
        </Card>
      </div>
      <Card title="Leads your campaigns passed on (last 30 days)" className="mt-6">
        <p className="mb-3 text-xs text-slate-500">
          Accepted leads that went unsold while one of your campaigns considered them, by campaign and why it passed.
          “At your price” is the campaign&apos;s price per lead × those leads: what raising a cap, a budget or your
          balance, or widening a filter, would have bought.
        </p>
        <div data-testid="campaign-passes">
          <DataTable
            caption="Leads passed on, per campaign and reason"
            rowKey="key"
            empty="None of your campaigns passed on an unsold lead in the last 30 days."
            initialSort={{ key: "leads", dir: "desc" }}
            columns={[
              { key: "campaign", label: "Campaign", href: `/buyer/campaigns/{campaignId}${q ? `?${q}` : ""}` },
              { key: "reason", label: "Why it passed", kind: "status" },
              { key: "leads", label: "Leads", kind: "int" },
              { key: "revenueLeftCents", label: "At your price", kind: "cents" },
            ]}
            rows={passes.map((p) => ({ ...p, key: `${p.campaignId}|${p.reason}` }))}
          />
        </div>
      </Card>
    </>
  );
}
