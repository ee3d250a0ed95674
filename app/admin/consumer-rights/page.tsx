import type { Metadata } from "next";
import { LocalTime } from "@/components/local-time";
import { QuickForm } from "@/components/quick-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { listOptOuts } from "@/lib/consumer/opt-out";
import { listDeletionImports } from "@/lib/consumer/deletion-import";
import { getRetention } from "@/lib/consumer/retention";
import { DeletionImport, RunRetention } from "./consumer-rights-client";

export const metadata: Metadata = { title: "Consumer rights" };
export const dynamic = "force-dynamic";

export default async function ConsumerRightsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await adminPage("/admin/consumer-rights", await searchParams);
  const [queue, imports, retention] = await Promise.all([
    listOptOuts({ limit: 50 }),
    listDeletionImports(10),
    getRetention(),
  ]);
  return (
    <>
      <PageHeader
        title="Consumer rights"
        description="Opt-outs and deletion requests, how each was honoured, and how long personal data is kept."
      />
      <div className="grid gap-6 2xl:grid-cols-3">
        <div className="min-w-0 space-y-6 2xl:col-span-2">
          <Card title={`Opt-out queue (${queue.length} latest)`}>
            {queue.length ? (
              <div className="overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="opt-out-queue">
                  <thead>
                    <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                      <th className="px-3 py-2">Received</th>
                      <th className="px-3 py-2">Consumer</th>
                      <th className="px-3 py-2">Request</th>
                      <th className="px-3 py-2">Honoured</th>
                      <th className="px-3 py-2">Buyer notices</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {queue.map((r) => (
                      <tr key={r.id}>
                        <td className="whitespace-nowrap px-3 py-2">
                          <LocalTime iso={r.createdAt} />
                          <span className="block text-xs text-slate-500">
                            {r.channel === "web" ? "public page" : "entered by admin"}
                          </span>
                        </td>
                        <td className="px-3 py-2 font-mono text-xs">
                          <span className="whitespace-nowrap">{[r.phone, r.email].filter(Boolean).join(" · ")}</span>
                          {r.note && <span className="block font-sans text-slate-500">{r.note}</span>}
                        </td>
                        <td className="px-3 py-2">{r.request === "delete" ? "Delete my data" : "Stop contact"}</td>
                        <td className="px-3 py-2 text-xs text-slate-700">
                          {r.suppressedAt ? "Suppressed" : "—"} · {r.leadsRevoked} lead(s) revoked
                          {r.request === "delete" ? ` · ${r.leadsErased} erased` : ""}
                        </td>
                        <td className="px-3 py-2">
                          {r.notices.length ? (
                            <ul className="space-y-1">
                              {r.notices.map((n) => (
                                <li key={n.deliveryId} className="flex items-center gap-2 text-xs">
                                  <Badge
                                    status={
                                      n.status === "delivered"
                                        ? "active"
                                        : n.status === "pending" || n.status === "in_progress"
                                          ? "paused"
                                          : "rejected"
                                    }
                                  >
                                    {n.status}
                                  </Badge>
                                  buyer #{n.buyerId} · lead #{n.leadId} · {n.event}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            <span className="text-xs text-slate-500">none needed</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <EmptyState title="No opt-outs yet">
                Requests from the public page (/opt-out) and those entered here appear in this queue.
              </EmptyState>
            )}
          </Card>
          <Card title="Deletion imports (reports kept as evidence)">
            {imports.length ? (
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="deletion-imports">
                <thead>
                  <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                    <th className="px-3 py-2">When</th>
                    <th className="px-3 py-2 text-right">Received</th>
                    <th className="px-3 py-2 text-right">Matched</th>
                    <th className="px-3 py-2 text-right">Erased</th>
                    <th className="px-3 py-2 text-right">Notified</th>
                    <th className="px-3 py-2">Bad lines</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {imports.map((d) => (
                    <tr key={d.id}>
                      <td className="whitespace-nowrap px-3 py-2">
                        <LocalTime iso={d.createdAt} />{" "}
                        <Badge status={d.status === "completed" ? "active" : "rejected"}>{d.status}</Badge>
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.received}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.matched}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.deleted}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{d.notified}</td>
                      <td className="px-3 py-2 text-xs text-slate-600">
                        {d.badLineCount
                          ? d.badLines
                              .slice(0, 3)
                              .map((b) => `line ${b.line}: ${b.issue}`)
                              .join("; ") + (d.badLineCount > 3 ? ` … (${d.badLineCount})` : "")
                          : "none"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-sm text-slate-500">No deletion file imported yet.</p>
            )}
          </Card>
        </div>
        <div className="grid gap-6 md:grid-cols-2 2xl:grid-cols-1 2xl:content-start">
          <Card title="Enter an opt-out received by phone or mail">
            <QuickForm
              testId="admin-opt-out"
              endpoint="/api/admin/opt-outs"
              submitLabel="Honour request"
              successMessage="Done: suppressed, leads marked, buyers notified."
              fields={[
                { name: "phone", label: "Phone", placeholder: "6507769592" },
                { name: "email", label: "Email", type: "email", placeholder: "consumer@example.com" },
                {
                  name: "request",
                  label: "Request",
                  type: "select",
                  required: true,
                  options: [
                    ["stop_contact", "Stop contact"],
                    ["delete", "Delete their data"],
                  ],
                },
                { name: "note", label: "How it arrived (optional)", placeholder: "Phone call, 1 Dec" },
              ]}
            />
          </Card>
          <Card title="Import a deletion file (DROP / CCPA)">
            <DeletionImport />
          </Card>
          <Card title="Retention">
            <p className="mb-3 text-sm text-slate-600">
              In force ({retention.source === "env" ? "environment defaults" : "admin setting"}): sold leads{" "}
              {retention.soldDays} days, rejected and unsold {retention.unsoldDays} days, consent evidence{" "}
              {retention.consentDays} days (0 = keep).
            </p>
            <QuickForm
              testId="retention"
              endpoint="/api/admin/retention"
              method="PUT"
              submitLabel="Save periods"
              successMessage="Saved. The next run uses them."
              fields={[
                {
                  name: "soldDays",
                  label: "Sold leads (days)",
                  type: "number",
                  numeric: true,
                  required: true,
                  placeholder: String(retention.soldDays),
                },
                {
                  name: "unsoldDays",
                  label: "Rejected and unsold (days)",
                  type: "number",
                  numeric: true,
                  required: true,
                  placeholder: String(retention.unsoldDays),
                },
                {
                  name: "consentDays",
                  label: "Consent evidence (days)",
                  type: "number",
                  numeric: true,
                  required: true,
                  placeholder: String(retention.consentDays),
                },
              ]}
            />
            <div className="mt-4">
              <RunRetention />
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
