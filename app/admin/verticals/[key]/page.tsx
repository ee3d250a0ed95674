import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuickForm } from "@/components/quick-form";
import { Card, PageHeader } from "@/components/ui";
import { prisma } from "@/lib/db";
import { adminPage } from "@/lib/auth/pages";

export const metadata: Metadata = { title: "Edit vertical" };
export const dynamic = "force-dynamic";

export default async function EditVerticalPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  await adminPage(`/admin/verticals/${key}`);
  const v = await prisma.vertical.findUnique({
    where: { key },
    include: { _count: { select: { campaigns: true, intakeLists: true } } },
  });
  if (!v) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/verticals" className="text-brand-700 hover:underline">
          ← Verticals
        </Link>
      </p>
      <PageHeader
        title={`Edit ${v.name}`}
        description={`Key ${v.key} (permanent) · ${v._count.campaigns} campaigns · ${v._count.intakeLists} intake lists. Changes reach every server at once.`}
      />
      <Card className="max-w-3xl">
        <QuickForm
          endpoint={`/api/admin/verticals/${v.key}`}
          method="PATCH"
          submitLabel="Save vertical"
          successMessage="Vertical saved."
          keepValues
          testId="edit-vertical"
          initialValues={{
            name: v.name,
            subVerticals: v.subVerticals.join(", "),
            requiredFields: v.requiredFields.join(", "),
            archived: v.archivedAt ? "true" : "",
          }}
          fields={[
            { name: "name", label: "Name", required: true },
            { name: "subVerticals", label: "Sub-verticals", list: true, sendEmpty: true },
            { name: "requiredFields", label: "Required fields", list: true, sendEmpty: true, hint: "a|b means either" },
            {
              name: "archived",
              label: "Archived",
              type: "checkbox",
              hint: "No new lists or campaigns; allowed only when no active list or campaign uses it",
            },
          ]}
        />
      </Card>
    </>
  );
}
