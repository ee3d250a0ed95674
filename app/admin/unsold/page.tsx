import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { FilterBar, FilterInput } from "@/components/filters";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui";
import { formatUsd } from "@/lib/money";
import { adminPage } from "@/lib/auth/pages";
import { parseRange } from "@/lib/queries/common";
import { byReason, campaignPasses, CAPACITY_REASONS, unsoldByReason, unsoldTotals } from "@/lib/queries/unsold";
import { GapChart } from "./gap-chart";

export const metadata: Metadata = { title: "Unsold leads" };
export const dynamic = "force-dynamic";

export default async function UnsoldReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  await adminPage("/admin/unsold", sp);
  const range = parseRange(sp, 30);
  const [rows, totals, capacity] = await Promise.all([
    unsoldByReason({}, range),
    unsoldTotals({}, range),
    campaignPasses({}, range, { reasons: CAPACITY_REASONS, limit: 15 }),
  ]);
  const reasons = byReason(rows);
  // The drill-down: the admin lead list with this cell's filters (GET /api/leads accepts the same).
  const drill = `/admin/leads?status=unsold&from=${range.fromYmd}&to=${range.toYmd}`;
  const top = reasons[0];
  return (
    <>
      <PageHeader
        title="Unsold leads"
        description={`${range.fromYmd} to ${range.toYmd} (UTC days) · accepted leads no campaign bought, where, why, and what the best campaign that passed would have paid`}
      />
      <FilterBar action="/admin/unsold">
        <FilterInput name="from" label="From" type="date" value={range.fromYmd} />
        <FilterInput name="to" label="To" type="date" value={range.toYmd} />
      </FilterBar>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="gap-totals">
        <StatCard label="Unsold leads" value={totals.leads.toLocaleString("en-US")} />
        <StatCard
          label="Revenue left on the table"
          value={formatUsd(totals.revenueLeftCents)}
          hint="Per lead, the best price among campaigns that passed"
          tone={totals.revenueLeftCents ? "bad" : "default"}
        />
        <StatCard
          label="Top reason"
          value={top ? top.reason.replace(/_/g, " ") : "—"}
          hint={top ? `${top.leads.toLocaleString("en-US")} leads` : undefined}
        />
        <StatCard
          label="Turned away by caps and balances"
          value={capacity.reduce((n, c) => n + c.leads, 0).toLocaleString("en-US")}
          hint="passes, top campaigns below"
        />
      </div>
      {rows.length ? (
        <>
          <div className="mt-6 grid gap-6 xl:grid-cols-3">
            <Card title="By reason" className="xl:col-span-2">
              <GapChart
                data={reasons.map((r) => ({ reason: r.reason, leads: r.leads, revenueLeft: r.revenueLeftCents / 100 }))}
                drillHref={drill}
              />
              <p className="mt-2 text-xs text-slate-500">
                A lead passed for several reasons counts under each. Revenue left uses each campaign&apos;s current
                price per lead. Click a bar to list its leads.
              </p>
            </Card>
            <Card title="Campaigns whose caps or balances turned leads away">
              <DataTable
                caption="Campaigns turning away the most leads"
                rowKey="key"
                empty="No capacity passes in this period."
                columns={[
                  { key: "campaign", label: "Campaign", href: "/buyer/campaigns/{campaignId}?buyerId={buyerId}" },
                  { key: "reason", label: "Reason", kind: "status" },
                  { key: "leads", label: "Leads", kind: "int" },
                  { key: "revenueLeftCents", label: "At its price", kind: "cents" },
                ]}
                rows={capacity.map((c) => ({ ...c, key: `${c.campaignId}|${c.reason}` }))}
              />
            </Card>
          </div>
          <Card title="Vertical × state × reason" className="mt-6">
            <div data-testid="gap-table">
              <DataTable
                caption="Unsold leads by vertical, state and reason; click the lead count to list them"
                rowKey="key"
                initialSort={{ key: "revenueLeftCents", dir: "desc" }}
                columns={[
                  { key: "vertical", label: "Vertical", kind: "list" },
                  { key: "state", label: "State" },
                  { key: "reason", label: "Reason", kind: "status" },
                  {
                    key: "leads",
                    label: "Leads",
                    kind: "int",
                    href: `${drill}&vertical={verticalKey}&state={state}&unsoldReason={reason}`,
                  },
                  { key: "revenueLeftCents", label: "Revenue left", kind: "cents" },
                ]}
                rows={rows.slice(0, 300).map((r) => ({
                  ...r,
                  vertical: [r.vertical],
                  verticalKey: r.vertical,
                  state: r.state ?? "",
                  key: `${r.vertical}|${r.state}|${r.reason}`,
                }))}
              />
            </div>
            {rows.length > 300 && (
              <p className="mt-2 text-xs text-slate-500">
                The 300 largest of {rows.length.toLocaleString("en-US")} cells; GET /api/reports/unsold answers all of
                them.
              </p>
            )}
          </Card>
        </>
      ) : (
        <EmptyState title="No unsold leads in this period">Every accepted lead found a buyer.</EmptyState>
      )}
    </>
  );
}
