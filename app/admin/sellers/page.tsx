import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { QuickForm } from "@/components/quick-form";
import { payoutRuleFields } from "@/components/payout-rule-fields";
import { Card, PageHeader } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { env } from "@/lib/env";
import { sellersList } from "@/lib/queries/admin";

export const metadata: Metadata = { title: "Sellers" };
export const dynamic = "force-dynamic";

export default async function AdminSellersPage() {
  await adminPage("/admin/sellers");
  const rows = await sellersList();
  return (
    <>
      <PageHeader
        title="Sellers"
        description="Lead sources: what they sent and what we owe them. Open one to see its dashboard."
      />
      <div className="grid gap-6 2xl:grid-cols-3">
        <Card title={`${rows.length} sellers`} className="2xl:col-span-2">
          <DataTable
            caption="Sellers"
            empty="No sellers yet. Add the first one."
            columns={[
              { key: "companyName", label: "Company", href: "/seller?sellerId={id}" },
              { key: "status", label: "Status", kind: "status" },
              { key: "payout", label: "Payout rule" },
              { key: "lists", label: "Intake lists", kind: "int" },
              { key: "leads", label: "Leads sent", kind: "int" },
              { key: "balanceCents", label: "Owed to them", kind: "cents" },
            ]}
            rows={rows}
          />
        </Card>
        <div className="space-y-6">
          <Card title="Add a seller">
            <QuickForm
              endpoint="/api/admin/sellers"
              submitLabel="Add seller"
              successMessage="Seller added."
              testId="add-seller"
              fields={[
                { name: "companyName", label: "Company name", required: true },
                { name: "email", label: "Contact email", type: "email" },
                ...payoutRuleFields(`Marketplace default (${env.PAYOUT_DEFAULT_SHARE_BPS / 100}% of revenue)`),
              ]}
            />
          </Card>
          {rows.length > 0 && (
            <Card title="Change a seller's payout rule">
              <p className="mb-3 text-xs text-slate-500">
                Applies to leads posted from now on; an intake list may override it.
              </p>
              <QuickForm
                endpoint="/api/admin/sellers/{sellerId}"
                method="PATCH"
                submitLabel="Save payout rule"
                successMessage="Payout rule saved."
                testId="seller-payout"
                fields={[
                  {
                    name: "sellerId",
                    label: "Seller",
                    type: "select",
                    required: true,
                    local: true,
                    options: rows.map((r) => [String(r.id), r.companyName]),
                  },
                  ...payoutRuleFields(`Marketplace default (${env.PAYOUT_DEFAULT_SHARE_BPS / 100}% of revenue)`),
                ]}
              />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
