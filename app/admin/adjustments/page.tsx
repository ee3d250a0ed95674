import type { Metadata } from "next";
import { Pagination } from "@/components/filters";
import { QuickForm } from "@/components/quick-form";
import { TransactionsView } from "@/components/transactions-view";
import { Card, PageHeader } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { buyersList, sellersList } from "@/lib/queries/admin";
import { transactions } from "@/lib/queries/buyer";
import { positiveInt } from "@/lib/queries/common";

export const metadata: Metadata = { title: "Adjustments" };
export const dynamic = "force-dynamic";

export default async function AdminAdjustmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  await adminPage("/admin/adjustments", sp);
  const page = positiveInt(sp.page, 1);
  const [data, buyers, sellers] = await Promise.all([
    transactions({ type: "adjustment" }, page),
    buyersList(),
    sellersList(),
  ]);
  return (
    <>
      <PageHeader
        title="Adjustments"
        description="Deposits, corrections and clawbacks. The ledger is append-only: a mistake is fixed with another adjustment."
      />
      <div className="grid gap-6 2xl:grid-cols-3">
        <div className="min-w-0 2xl:col-span-2">
          <TransactionsView data={data} showAccount />
          <Pagination path="/admin/adjustments" params={{}} page={page} pages={data.pages} total={data.total} />
        </div>
        <Card title="Post an adjustment">
          <QuickForm
            endpoint="/api/transactions"
            fixed={{ type: "adjustment" }}
            submitLabel="Post adjustment"
            successMessage="Posted to the ledger."
            fields={[
              {
                name: "account",
                label: "Account type",
                type: "select",
                required: true,
                local: true,
                options: [
                  ["buyer", "Buyer"],
                  ["seller", "Seller"],
                ],
              },
              {
                name: "buyerId",
                label: "Buyer",
                type: "select",
                required: true,
                numeric: true,
                options: buyers.map((b) => [String(b.id), b.companyName]),
                showWhen: { field: "account", values: ["buyer"] },
              },
              {
                name: "sellerId",
                label: "Seller",
                type: "select",
                required: true,
                numeric: true,
                options: sellers.map((s) => [String(s.id), s.companyName]),
                showWhen: { field: "account", values: ["seller"] },
              },
              {
                name: "amount",
                label: "Amount (USD)",
                type: "money",
                required: true,
                placeholder: "250.00",
                hint: "Positive credits the account, negative debits it.",
              },
              { name: "note", label: "Note", required: true, placeholder: "Prepaid deposit, wire 2026-11-22" },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
