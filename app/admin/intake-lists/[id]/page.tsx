import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { payoutRuleFields, payoutRuleValues } from "@/components/payout-rule-fields";
import { QuickForm } from "@/components/quick-form";
import { Card, DefinitionList, PageHeader } from "@/components/ui";
import { getIntakeList } from "@/lib/catalog";
import { ApiError } from "@/lib/api/errors";
import { LIST_CHECKS } from "@/lib/pipeline/compliance";
import { ruleFromColumns } from "@/lib/pipeline/payout";
import { adminPage } from "@/lib/auth/pages";
import { serializeIntakeList } from "@/lib/serializers/catalog";
import { describeRule, effectiveRule } from "@/lib/pipeline/payout";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Edit intake list" };
export const dynamic = "force-dynamic";

export default async function EditIntakeListPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await adminPage(`/admin/intake-lists/${id}`);
  const l = await getIntakeList(id).catch((e) =>
    e instanceof ApiError && e.status === 404 ? null : Promise.reject(e),
  );
  if (!l) notFound();
  const s = serializeIntakeList(l);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/intake-lists" className="text-brand-700 hover:underline">
          ← Intake lists
        </Link>
      </p>
      <PageHeader
        title={`Edit ${l.name}`}
        description={`${l.seller.companyName} · ${l.verticalRef.name} · ${s.leads} leads. Changes reach every server at once.`}
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <QuickForm
            endpoint={`/api/admin/intake-lists/${l.id}`}
            method="PATCH"
            submitLabel="Save intake list"
            successMessage="Intake list saved."
            keepValues
            testId="edit-intake-list"
            initialValues={{
              name: l.name,
              subVertical: l.subVertical ?? "",
              acceptedStates: l.acceptedStates.join(", "),
              requiredFields: l.requiredFields.join(", "),
              checks: l.checks.join(", "),
              requireTrustedForm: l.requireTrustedForm ? "true" : "",
              status: s.status,
              archived: s.archived ? "true" : "",
              ...payoutRuleValues(ruleFromColumns(l)),
            }}
            fields={[
              { name: "name", label: "List name", required: true },
              {
                name: "subVertical",
                label: "Sub-vertical",
                hint: `One of: ${l.verticalRef.subVerticals.join(", ") || "none"}`,
              },
              { name: "acceptedStates", label: "Accepted states", list: true, sendEmpty: true, hint: "Empty: all" },
              { name: "requiredFields", label: "Extra required fields", list: true, sendEmpty: true },
              {
                name: "checks",
                label: "Checks",
                list: true,
                sendEmpty: true,
                hint: `Any of ${LIST_CHECKS.join(", ")}; empty: all`,
              },
              {
                name: "status",
                label: "Status",
                type: "select",
                required: true,
                options: [
                  ["active", "Active"],
                  ["paused", "Paused (posts refused)"],
                ],
              },
              { name: "requireTrustedForm", label: "Require a TrustedForm certificate", type: "checkbox" },
              {
                name: "archived",
                label: "Archived",
                type: "checkbox",
                hint: "Takes no posts and is hidden from the seller; its leads keep it",
              },
              ...payoutRuleFields("The seller's rule"),
            ]}
          />
        </Card>
        <Card title="In force">
          <DefinitionList
            items={[
              [
                "List id",
                <code key="id" className="break-all text-xs">
                  {l.id}
                </code>,
              ],
              [
                "Payout",
                describeRule(effectiveRule(l, l.seller, env.PAYOUT_DEFAULT_SHARE_BPS)) +
                  (s.payoutRule ? "" : " (the seller's rule)"),
              ],
              [
                "Posting specification",
                <a key="spec" className="text-brand-700 hover:underline" href={`/api/intake-lists/${l.id}/spec`}>
                  Download (Markdown)
                </a>,
              ],
            ]}
          />
        </Card>
      </div>
    </>
  );
}
