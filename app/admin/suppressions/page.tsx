import type { Metadata } from "next";
import { FilterBar, FilterInput, FilterSelect, Pagination } from "@/components/filters";
import { QuickForm } from "@/components/quick-form";
import { Card, PageHeader, StatCard } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { suppressions } from "@/lib/queries/admin";
import { positiveInt } from "@/lib/queries/common";
import { CsvImport, SuppressionTable } from "./suppression-client";

export const metadata: Metadata = { title: "Suppression lists" };
export const dynamic = "force-dynamic";

export default async function AdminSuppressionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  await adminPage("/admin/suppressions", sp);
  const page = positiveInt(sp.page, 1);
  const data = await suppressions({ q: sp.q, kind: sp.kind, page });
  return (
    <>
      <PageHeader
        title="Suppression lists"
        description="Do-not-call numbers and blacklisted phones, emails and IPs. A lead that matches is rejected before anyone buys it."
      />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label="DNC entries" value={(data.counts.dnc ?? 0).toLocaleString("en-US")} />
        <StatCard label="Blacklist entries" value={(data.counts.blacklist ?? 0).toLocaleString("en-US")} />
      </div>
      <div className="grid gap-6 2xl:grid-cols-3">
        <div className="min-w-0 space-y-6 2xl:col-span-2">
          <FilterBar action="/admin/suppressions">
            <FilterInput name="q" label="Search value" value={sp.q} placeholder="Phone, email or IP" />
            <FilterSelect
              name="kind"
              label="List"
              value={sp.kind}
              options={[
                ["dnc", "DNC"],
                ["blacklist", "Blacklist"],
              ]}
            />
          </FilterBar>
          <Card title={`${data.total.toLocaleString("en-US")} entries`}>
            <SuppressionTable rows={data.rows} />
            <Pagination
              path="/admin/suppressions"
              params={{ q: sp.q, kind: sp.kind }}
              page={page}
              pages={data.pages}
              total={data.total}
            />
          </Card>
        </div>
        <div className="grid gap-6 md:grid-cols-2 2xl:grid-cols-1 2xl:content-start">
          <Card title="Add an entry">
            <QuickForm
              testId="add-suppression"
              endpoint="/api/admin/suppressions"
              submitLabel="Add to list"
              successMessage="Added. Matching leads are now rejected."
              fields={[
                {
                  name: "kind",
                  label: "List",
                  type: "select",
                  required: true,
                  options: [
                    ["dnc", "Do not call (DNC)"],
                    ["blacklist", "Blacklist"],
                  ],
                },
                {
                  name: "type",
                  label: "Type",
                  type: "select",
                  required: true,
                  options: [
                    ["phone", "Phone"],
                    ["email", "Email"],
                    ["ip", "IP address"],
                  ],
                },
                { name: "value", label: "Value", required: true, placeholder: "6025551234" },
                { name: "reason", label: "Reason (optional)", placeholder: "Consumer asked not to be called" },
              ]}
            />
          </Card>
          <Card title="Import a CSV">
            <CsvImport />
          </Card>
        </div>
      </div>
    </>
  );
}
