import type { Metadata } from "next";
import Link from "next/link";
import { humanize } from "@/components/format";
import { payoutRuleFields } from "@/components/payout-rule-fields";
import { QuickForm } from "@/components/quick-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { prisma } from "@/lib/db";
import { LIST_CHECKS } from "@/lib/pipeline/compliance";
import { adminPage } from "@/lib/auth/pages";
import { intakeListsOf } from "@/lib/queries/seller";

export const metadata: Metadata = { title: "Intake lists" };
export const dynamic = "force-dynamic";

export default async function AdminIntakeListsPage() {
  await adminPage("/admin/intake-lists");
  const [lists, sellers, verticals] = await Promise.all([
    intakeListsOf(null),
    prisma.seller.findMany({ orderBy: { companyName: "asc" }, select: { id: true, companyName: true } }),
    prisma.vertical.findMany({
      where: { archivedAt: null },
      orderBy: { name: "asc" },
      select: { key: true, name: true, subVerticals: true },
    }),
  ]);
  return (
    <>
      <PageHeader
        title="Intake lists"
        description="Each seller list fixes the vertical, accepted states, required fields and compliance checks for the leads posted to it."
      />
      <Card title="Add an intake list" className="mb-6">
        <QuickForm
          endpoint="/api/admin/intake-lists"
          submitLabel="Add intake list"
          successMessage="Intake list added."
          testId="add-intake-list"
          fields={[
            {
              name: "sellerId",
              label: "Seller",
              type: "select",
              required: true,
              numeric: true,
              options: sellers.map((s) => [String(s.id), s.companyName]),
            },
            { name: "name", label: "List name", required: true, placeholder: "BlueSky - TX roofing" },
            {
              name: "vertical",
              label: "Vertical",
              type: "select",
              required: true,
              options: verticals.map((v) => [v.key, v.name]),
            },
            {
              name: "subVertical",
              label: "Sub-vertical",
              placeholder: "roofing",
              hint: "Optional: one of the vertical's",
            },
            {
              name: "acceptedStates",
              label: "Accepted states",
              list: true,
              placeholder: "TX, OK, LA",
              hint: "Two-letter codes; empty: all",
            },
            {
              name: "requiredFields",
              label: "Extra required fields",
              list: true,
              placeholder: "zipCode, ageRange|dob",
            },
            {
              name: "checks",
              label: "Checks",
              list: true,
              placeholder: LIST_CHECKS.join(", "),
              hint: `Any of ${LIST_CHECKS.join(", ")}; empty: all`,
            },
            { name: "requireTrustedForm", label: "Require a TrustedForm certificate", type: "checkbox" },
            ...payoutRuleFields("The seller's rule"),
          ]}
        />
      </Card>
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
                      <Link href={`/admin/intake-lists/${l.id}`} className="font-medium text-brand-700 hover:underline">
                        {l.name}
                      </Link>{" "}
                      <Badge status={l.archivedAt ? "archived" : l.status === "active" ? "active" : "paused"} />
                      <code className="block text-xs text-slate-500">{l.id}</code>
                    </td>
                    <td className="px-3 py-2">{l.seller.companyName}</td>
                    <td className="px-3 py-2">{humanize(l.vertical)}</td>
                    <td className="max-w-xs px-3 py-2 text-xs">{l.acceptedStates.join(", ") || "All"}</td>
                    <td className="max-w-xs px-3 py-2 text-xs">{l.checks.map(humanize).join(", ")}</td>
                    <td className="px-3 py-2 text-xs">
                      {l.payoutText}
                      {l.payoutInherited ? <span className="block text-slate-500">seller&apos;s rule</span> : null}
                    </td>
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
