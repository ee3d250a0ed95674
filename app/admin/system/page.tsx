import type { Metadata } from "next";
import Link from "next/link";
import { hostname } from "node:os";
import { DailyChart } from "@/components/charts";
import { DataTable } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { RefreshOnFocus } from "@/components/refresh-on-focus";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import { adminPage } from "@/lib/auth/pages";
import { deliveries } from "@/lib/queries/admin";
import { failingBuyers, leadOutcomes, openBreakers, queueStats } from "@/lib/queries/system";
import { DeliveryTable } from "../deliveries/delivery-table";

export const metadata: Metadata = { title: "System health" };
export const dynamic = "force-dynamic";

function age(seconds: number): string {
  if (seconds < 1) return "0 s";
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const ms = (s: number | null) =>
  s === null ? "—" : s < 0.01 ? `${(s * 1000).toFixed(1)} ms` : `${Math.round(s * 1000)} ms`;

export default async function SystemHealthPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await adminPage("/admin/system", await searchParams);
  const [queue, leads, buyers, breakers, dead] = await Promise.all([
    queueStats(),
    leadOutcomes(),
    failingBuyers(),
    openBreakers(),
    deliveries({ status: "dead", page: 1 }),
  ]);
  // Request history lives in this process's memory (the app is stateless; Prometheus has the rest).
  const http = metrics.history.summary();
  const totalRequests = http.endpoints.reduce((a, e) => a + e.requests, 0);
  const total5xx = http.endpoints.reduce((a, e) => a + e.errors, 0);
  const instance = env.INSTANCE_ID ?? `${hostname()}:${process.pid}`;
  return (
    <>
      <RefreshOnFocus minIntervalMs={10_000} everyMs={15_000} />
      <PageHeader
        title="System health"
        description="Refreshes every 15 seconds. Leads, deliveries and breakers come from PostgreSQL (all instances); request rates and latencies are this instance's own memory of the last hour."
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatCard
          label="Requests (1 h, this instance)"
          value={totalRequests.toLocaleString("en-US")}
          hint={`${(totalRequests / 60).toFixed(1)}/min · ${total5xx} 5xx`}
          tone={total5xx ? "bad" : "default"}
        />
        <StatCard
          label="Leads (1 h)"
          value={(leads.totals.sold + leads.totals.unsold + leads.totals.rejected).toLocaleString("en-US")}
          hint={`${leads.totals.sold} sold · ${leads.totals.unsold} unsold · ${leads.totals.rejected} rejected`}
        />
        <StatCard
          label="Delivery lag"
          value={age(queue.oldestPendingSeconds)}
          hint={`oldest of ${queue.byStatus.pending + queue.byStatus.in_progress} queued`}
          tone={queue.dueLagSeconds > 60 ? "bad" : "default"}
        />
        <StatCard
          label="Overdue"
          value={age(queue.dueLagSeconds)}
          hint="most overdue job past its due time"
          tone={queue.dueLagSeconds > 60 ? "bad" : "default"}
        />
        <StatCard
          label="Dead letters"
          value={queue.byStatus.dead.toLocaleString("en-US")}
          hint={`${queue.byStatus.failed} failed (buyer said no)`}
          tone={queue.byStatus.dead ? "bad" : "default"}
        />
        <StatCard
          label="Open breakers"
          value={queue.openBreakers.toLocaleString("en-US")}
          hint="campaigns auto-paused"
          tone={queue.openBreakers ? "bad" : "default"}
        />
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title={`API requests per minute · instance ${instance}`}>
          {totalRequests ? (
            <DailyChart
              x="minute"
              label="API requests and server errors per minute over the last hour, this instance"
              data={http.series}
              series={[
                { key: "requests", label: "Requests", color: "#2f6fed" },
                { key: "errors", label: "5xx", color: "#dc2626", type: "line" },
              ]}
            />
          ) : (
            <EmptyState title="No API requests on this instance in the last hour" />
          )}
        </Card>
        <Card title="Leads by outcome, per 5 minutes (all instances)">
          <DailyChart
            x="minute"
            label="Leads by outcome per 5 minutes over the last hour"
            data={leads.series}
            series={[
              { key: "sold", label: "Sold", color: "#10b981", stack: "o" },
              { key: "unsold", label: "Unsold", color: "#f59e0b", stack: "o" },
              { key: "rejected", label: "Rejected", color: "#94a3b8", stack: "o" },
            ]}
          />
        </Card>
      </div>

      <div className="mt-6">
        <Card title="Endpoints, last hour (this instance)">
          <DataTable
            caption="Request rate and p95 latency per endpoint"
            empty="No API requests on this instance in the last hour."
            columns={[
              { key: "endpoint", label: "Endpoint", kind: "code" },
              { key: "requests", label: "Requests", kind: "int" },
              { key: "rate", label: "Per minute" },
              { key: "p95", label: "p95 (from buckets)" },
              { key: "errors", label: "5xx", kind: "int" },
            ]}
            rows={http.endpoints.map((e) => ({
              endpoint: e.endpoint,
              requests: e.requests,
              rate: e.perMinute.toFixed(2),
              p95: ms(e.p95Seconds),
              errors: e.errors,
            }))}
          />
        </Card>
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title="Buyers with the most failed calls (24 h)">
          <DataTable
            caption="Buyers by failed delivery attempts in the last 24 hours"
            empty="No failed calls to buyers in the last 24 hours."
            columns={[
              { key: "name", label: "Buyer", href: "/admin/deliveries?status=dead" },
              { key: "timeouts", label: "Timeouts", kind: "int" },
              { key: "errors", label: "Failures", kind: "int" },
              { key: "attempts", label: "Attempts", kind: "int" },
            ]}
            rows={buyers}
          />
        </Card>
        <Card title="Open circuit breakers">
          {breakers.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {breakers.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <Link href={`/buyer/campaigns/${b.id}?buyerId=${b.buyerId}`} className="font-medium hover:underline">
                    {b.name}
                  </Link>
                  <span className="text-slate-500">{b.buyer}</span>
                  <span className="min-w-0 flex-1 truncate text-red-700" title={b.reason ?? ""}>
                    {b.reason}
                  </span>
                  <span className="text-xs text-slate-500">
                    since <LocalTime iso={b.since} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="py-4 text-center text-sm text-slate-500">No campaign is paused by the breaker.</p>
          )}
        </Card>
      </div>

      <div className="mt-6">
        <Card
          title={`Dead letters (${queue.byStatus.dead})`}
          actions={
            <Link href="/admin/deliveries?status=dead" className="text-xs font-medium text-brand-700 hover:underline">
              All dead letters
            </Link>
          }
        >
          {dead.rows.length ? (
            <DeliveryTable rows={dead.rows.slice(0, 10)} />
          ) : (
            <p className="py-4 text-center text-sm text-slate-500">
              No dead letters: every delivery went through or is still being retried.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
