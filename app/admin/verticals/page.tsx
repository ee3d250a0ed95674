import type { Metadata } from "next";
import { humanize } from "@/components/format";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { prisma } from "@/lib/db";
import { adminPage } from "@/lib/queries/access";

export const metadata: Metadata = { title: "Verticals" };
export const dynamic = "force-dynamic";

export default async function AdminVerticalsPage() {
  await adminPage("/admin/verticals");
  const rows = await prisma.vertical.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { campaigns: true, intakeLists: true } } } });
  return (
    <>
      <PageHeader title="Verticals" description="The lead categories the marketplace trades, their sub-verticals and the fields every lead must carry." />
      {rows.length ? (
        <div className="grid gap-4 md:grid-cols-2">
          {rows.map((v) => (
            <Card key={v.key} title={`${v.name}`} actions={<code className="text-xs text-slate-500">{v.key}</code>}>
              <p className="text-sm text-slate-600">
                {v._count.campaigns} campaigns · {v._count.intakeLists} intake lists
              </p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-500">Sub-verticals</p>
              <p className="mt-1 flex flex-wrap gap-1">
                {v.subVerticals.length ? v.subVerticals.map((s) => <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{humanize(s)}</span>) : <span className="text-sm text-slate-500">None</span>}
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
