import type { Metadata } from "next";
import { humanize } from "@/components/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { adminPage } from "@/lib/queries/access";
import { intakeListsOf } from "@/lib/queries/seller";

export const metadata: Metadata = { title: "Intake lists" };
export const dynamic = "force-dynamic";

export default async function AdminIntakeListsPage() {
  await adminPage("/admin/intake-lists");
  const lists = await intakeListsOf(null);
  return (
    <>
      <PageHeader title="Intake lists" description="Each seller list fixes the vertical, accepted states, required fields and compliance checks for the leads posted to it." />
      {lists.length ? (
        <Card>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th className="px-3 py-2">List</th>
                  <th className="px-3 py-2">Seller</th>
                  <th className="px-3 py-2">Vertical</th>
                  <th className="px-3 py-2">States</th>
                  <th className="px-3 py-2">Checks</th>
                  <th className="px-3 py-2">Payout</th>
                  <th className="px-3 py-2 text-right">Leads</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {lists.map((l) => (
                  <tr key={l.id} className="align-top">
                    <td className="px-3 py-2">
                      <span className="font-medium">{l.name}</span> <Badge status={l.status} />
                      <code className="block text-xs text-slate-500">{l.id}</code>
                    </td>
                    <td className="px-3 py-2">{l.seller.companyName}</td>
                    <td className="px-3 py-2">{humanize(l.vertical)}</td>
                    <td className="max-w-xs px-3 py-2 text-xs">{l.acceptedStates.join(", ") || "All"}</td>
                    <td className="max-w-xs px-3 py-2 text-xs">{l.checks.map(humanize).join(", ")}</td>
                    <td className="px-3 py-2 text-xs">{l.payoutText}{l.payoutInherited ? <span className="block text-slate-500">seller&apos;s rule</span> : null}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{l._count.leads.toLocaleString("en-US")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : (
        <EmptyState title="No intake lists yet" />
      )}
    </>
  );
}
