import type { Metadata } from "next";
import { BarList } from "@/components/bar-list";
import { DailyChart } from "@/components/charts";
import { FilterBar, FilterInput, FilterSelect } from "@/components/filters";
import { percent } from "@/components/format";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui";
import { formatUsd } from "@/lib/money";
import { sellerPage } from "@/lib/auth/pages";
import { verticals } from "@/lib/queries/buyer";
import { cents, parseRange } from "@/lib/queries/common";
import { intakeListsOf, sellerStats } from "@/lib/queries/seller";
import { byReason, unsoldByReason } from "@/lib/queries/unsold";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Submission stats" };
export const dynamic = "force-dynamic";

export default async function SellerStatsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, seller, sellerId } = await sellerPage("/seller", sp);
  const range = parseRange(sp, 30);
  const [s, vs, lists, gap] = await Promise.all([
    sellerStats(sellerId, { range, vertical: sp.vertical, intakeListId: sp.list }),
    verticals(),
    intakeListsOf(sellerId),
    unsoldByReason({ sellerId }, range),
  ]);
  const gapRows = sp.vertical ? gap.filter((r) => r.vertical === sp.vertical) : gap;
  const unsoldReasons = byReason(gapRows);
  return (
    <>
      <PageHeader
        title="Submission stats"
        description={`${seller.companyName} · ${range.fromYmd} to ${range.toYmd} (UTC days) · payout balance ${formatUsd(cents(seller.balance))}`}
      />
      <FilterBar action="/seller" hidden={{ sellerId: user.role === "admin" ? String(sellerId) : undefined }}>
        <FilterInput name="from" label="From" type="date" value={range.fromYmd} />
        <FilterInput name="to" label="To" type="date" value={range.toYmd} />
        <FilterSelect name="vertical" label="Vertical" value={sp.vertical} options={vs.map((v) => [v.key, v.name])} />
        <FilterSelect name="list" label="Intake list" value={sp.list} options={lists.map((l) => [l.id, l.name])} />
      </FilterBar>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-5" data-testid="seller-stats">
        <StatCard
          label="Submitted"
          value={<span data-testid="stat-submitted">{s.submitted.toLocaleString("en-US")}</span>}
        />
        <StatCard
          label="Accepted"
          value={s.accepted.toLocaleString("en-US")}
          hint={`${percent(s.acceptanceRate)} acceptance rate`}
          tone="good"
        />
        <StatCard label="Sold" value={s.sold.toLocaleString("en-US")} hint={`${percent(s.sellThrough)} of accepted`} />
        <StatCard
          label="Unsold"
          value={s.unsold.toLocaleString("en-US")}
          hint={s.pending ? `${s.pending} pending` : "Accepted, no buyer"}
        />
        <StatCard label="Rejected" value={s.rejected.toLocaleString("en-US")} tone={s.rejected ? "bad" : "default"} />
        <StatCard label="Acceptance rate" value={percent(s.acceptanceRate)} />
        <StatCard
          label="Revenue (paid to you)"
          value={formatUsd(s.payoutCents)}
          hint={s.clawbackCents ? `${formatUsd(s.clawbackCents)} clawed back on returns` : undefined}
        />
        <StatCard label="Average price" value={formatUsd(s.averagePriceCents)} hint="per sold lead" />
        <StatCard label="Returned by buyers" value={s.returned.toLocaleString("en-US")} />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Card title="Submissions per day" className="xl:col-span-2">
          {s.submitted ? (
            <DailyChart
              label="Submissions per day by outcome, with payout"
              data={s.series}
              series={[
                { key: "sold", label: "Sold", color: "#10b981", stack: "o" },
                { key: "unsold", label: "Unsold", color: "#94a3b8", stack: "o" },
                { key: "rejected", label: "Rejected", color: "#ef4444", stack: "o" },
                { key: "payout", label: "Paid to you", color: "#2f6fed", type: "line", axis: "right", money: true },
              ]}
            />
          ) : (
            <EmptyState title="No submissions in this period">
              Send a lead from “Try the API” to see it counted here.
            </EmptyState>
          )}
        </Card>
        <Card title="Why leads were rejected">
          <BarList
            items={s.reasons.map((r) => ({ label: r.reason, count: r.count }))}
            empty="No rejected leads in this period."
          />
        </Card>
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3" data-testid="unsold-breakdown">
        <Card title="Why accepted leads went unsold">
          <p className="mb-3 text-xs text-slate-500">
            Each buyer campaign that considered a lead and passed says why; a lead counts once under each reason.
          </p>
          <BarList
            items={unsoldReasons.map((r) => ({ label: r.reason, count: r.leads }))}
            empty="No unsold leads in this period."
          />
        </Card>
        <Card title="Where unsold leads were sent" className="xl:col-span-2">
          <DataTable
            caption="Unsold leads by vertical, state and reason"
            rowKey="key"
            empty="No unsold leads in this period."
            initialSort={{ key: "leads", dir: "desc" }}
            columns={[
              { key: "vertical", label: "Vertical", kind: "list" },
              { key: "state", label: "State" },
              { key: "reason", label: "Reason", kind: "status" },
              { key: "leads", label: "Leads", kind: "int" },
              { key: "revenueLeftCents", label: "Revenue left", kind: "cents" },
            ]}
            rows={gapRows
              .slice(0, 50)
              .map((r) => ({ ...r, vertical: [r.vertical], key: `${r.vertical}|${r.state}|${r.reason}` }))}
          />
        </Card>
      </div>
    </>
  );
}
