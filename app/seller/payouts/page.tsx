import type { Metadata } from "next";
import { CsvLink } from "@/components/csv-link";
import { Pagination } from "@/components/filters";
import { StatementView } from "@/components/statement-view";
import { TransactionsView } from "@/components/transactions-view";
import { PageHeader } from "@/components/ui";
import { sellerPage, viewAs } from "@/lib/auth/pages";
import { transactions } from "@/lib/queries/buyer";
import { positiveInt } from "@/lib/queries/common";
import { accountStatement } from "@/lib/statements";

export const metadata: Metadata = { title: "Payouts" };
export const dynamic = "force-dynamic";

export default async function SellerPayoutsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, seller, sellerId } = await sellerPage("/seller/payouts", sp);
  const q = viewAs(user, "sellerId", sellerId);
  const page = positiveInt(sp.page, 1);
  const month = sp.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.month) ? sp.month : new Date().toISOString().slice(0, 7);
  const [statement, data] = await Promise.all([
    accountStatement(user, { sellerId, month }),
    transactions({ sellerId }, page),
  ]);
  const params = { sellerId: q ? String(sellerId) : undefined };
  return (
    <>
      <PageHeader
        title="Payouts"
        description={`${seller.companyName} · what you were paid for accepted leads, clawbacks on returns, and the balance we owe you`}
      />
      <StatementView statement={statement} action="/seller/payouts" month={month} accountParam={params} />
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-700">Ledger entries</h2>
        <CsvLink path="/api/transactions" params={params} label="Transactions CSV" />
      </div>
      <TransactionsView data={data} leadHref={`/seller/submissions/{leadId}${q ? `?${q}` : ""}`} />
      <Pagination
        path="/seller/payouts"
        params={{ ...params, month: sp.month }}
        page={page}
        pages={data.pages}
        total={data.total}
      />
    </>
  );
}
