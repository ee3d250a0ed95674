import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { QuickForm } from "@/components/quick-form";
import { Card, PageHeader } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { buyersList } from "@/lib/queries/admin";

export const metadata: Metadata = { title: "Buyers" };
export const dynamic = "force-dynamic";

export default async function AdminBuyersPage() {
  await adminPage("/admin/buyers");
  const rows = await buyersList();
  return (
    <>
      <PageHeader
        title="Buyers"
        description="Companies that buy leads: prepaid balances, credit limits, campaigns. Open one to see its dashboard."
      />
      <div className="grid gap-6 2xl:grid-cols-3">
        <Card title={`${rows.length} buyers`} className="2xl:col-span-2">
          <DataTable
            caption="Buyers"
            empty="No buyers yet. Add the first one."
            columns={[
              { key: "companyName", label: "Company", href: "/buyer?buyerId={id}" },
              { key: "status", label: "Status", kind: "status" },
              { key: "campaigns", label: "Campaigns", kind: "int" },
              { key: "leads", label: "Leads bought", kind: "int" },
              { key: "balanceCents", label: "Balance", kind: "cents" },
              { key: "creditLimitCents", label: "Credit limit", kind: "cents" },
            ]}
            rows={rows}
          />
        </Card>
        <Card title="Add a buyer">
          <QuickForm
            endpoint="/api/admin/buyers"
            submitLabel="Add buyer"
            successMessage="Buyer added."
            fields={[
              { name: "companyName", label: "Company name", required: true },
              { name: "email", label: "Billing email", type: "email" },
              { name: "creditLimit", label: "Credit limit (USD)", type: "money", placeholder: "1000.00" },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
