import type { Metadata } from "next";
import Link from "next/link";
import { humanize } from "@/components/format";
import { QuickForm } from "@/components/quick-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { prisma } from "@/lib/db";
import { adminPage } from "@/lib/auth/pages";

export const metadata: Metadata = { title: "Verticals" };
export const dynamic = "force-dynamic";

export default async function AdminVerticalsPage() {
  await adminPage("/admin/verticals");
  const rows = await prisma.vertical.findMany({
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    include: { _count: { select: { campaigns: true, intakeLists: true } } },
  });
  return (
    <>
      <PageHeader
        title="Verticals"
        description="The lead categories the marketplace trades, their sub-verticals and the fields every lead must carry."
      />
      <Card title="Add a vertical" className="mb-6">
        <QuickForm
          endpoint="/api/admin/verticals"
          submitLabel="Add vertical"
          successMessage="Vertical added."
          testId="add-vertical"
          fields={[
            {
              name: "key",
              label: "Key",
              required: true,
              placeholder: "pet_insurance",
              hint: "Permanent: used in posts and campaigns, never reused",
            },
            { name: "name", label: "Name", required: true, placeholder: "Pet insurance" },
            {
              name: "subVerticals",
              label: "Sub-verticals",
              list: true,
              placeholder: "dog, cat",
              hint: "Keys, separated by commas",
            },
            {
              name: "requiredFields",
              label: "Required fields",
              list: true,
              placeholder: "consumerName, consumerPhone, consumerState",
              hint: "Any spelling sellers use; a|b means either",
            },
          ]}
        />
      </Card>
      {rows.length ? (
        <div className="grid gap-4 md:grid-cols-2">
          {rows.map((v) => (
            <Card
              key={v.key}
              title={
                <span className="flex items-center gap-2">
                  {v.name}
                  {v.archivedAt ? <Badge status="archived" /> : null}
                </span>
              }
              actions={
                <span className="flex items-center gap-3">
                  <code className="text-xs text-slate-500">{v.key}</code>
                  <Link
                    href={`/admin/verticals/${v.key}`}
                    className="text-sm font-medium text-brand-700 hover:underline"
                  >
                    Edit
                  </Link>
                </span>
              }
            >
              <p className="text-sm text-slate-600">
                {v._count.campaigns} campaigns · {v._count.intakeLists} intake lists
              </p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-500">Sub-verticals</p>
              <p className="mt-1 flex flex-wrap gap-1">
                {v.subVerticals.length ? (
                  v.subVerticals.map((s) => (
                    <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                      {humanize(s)}
                    </span>
                  ))
                ) : (
                  <span className="text-sm text-slate-500">None</span>
                )}
              </p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-500">Required fields</p>
              <p className="mt-1 flex flex-wrap gap-1">
                {v.requiredFields.map((f) => (
                  <code key={f} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">
                    {f}
                  </code>
                ))}
              </p>
            </Card>
          ))}
        </div>
      ) : (
        <EmptyState title="No verticals">Run the seed or add verticals to the database.</EmptyState>
      )}
    </>
  );
}
