import type { Metadata } from "next";
import { FilterBar, FilterInput, FilterSelect, Pagination } from "@/components/filters";
import { TransactionsView } from "@/components/transactions-view";
import { StatementView } from "@/components/statement-view";
import { CsvLink } from "@/components/csv-link";
import { accountStatement } from "@/lib/statements";
import { PageHeader, StatCard } from "@/components/ui";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatUsd } from "@/lib/money";
import { buyerPage, viewAs } from "@/lib/auth/pages";
import { transactions } from "@/lib/queries/buyer";
import { cents, positiveInt } from "@/lib/queries/common";

export const metadata: Metadata = { title: "Money" };
export const dynamic = "force-dynamic";

const TYPES: [string, string][] = [
  ["lead_sale", "Lead purchases"],
  ["return_credit", "Return credits"],
  ["adjustment", "Adjustments"],
];

export default async function BuyerTransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, buyer, buyerId } = await buyerPage("/buyer/transactions", sp);
  const q = viewAs(user, "buyerId", buyerId);
  const page = positiveInt(sp.page, 1);
  const where: Prisma.TransactionWhereInput = { buyerId };
  if (sp.type && TYPES.some(([t]) => t === sp.type)) where.type = sp.type as Prisma.TransactionWhereInput["type"];
  const created: Prisma.DateTimeFilter = {};
  if (sp.from && /^\d{4}-\d{2}-\d{2}$/.test(sp.from)) created.gte = new Date(`${sp.from}T00:00:00Z`);
  if (sp.to && /^\d{4}-\d{2}-\d{2}$/.test(sp.to)) created.lt = new Date(Date.parse(`${sp.to}T00:00:00Z`) + 86_400_000);
  if (Object.keys(created).length) where.createdAt = created;
  const month = sp.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.month) ? sp.month : new Date().toISOString().slice(0, 7);
  const [data, statement] = await Promise.all([transactions(where, page), accountStatement(user, { buyerId, month })]);
  const params = { buyerId: q ? String(buyerId) : undefined, type: sp.type, from: sp.from, to: sp.to };
  return (
    <>
      <PageHeader
        title="Money"
        description={`${buyer.companyName} · your prepaid balance and every ledger entry behind it`}
      />
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label="Balance"
          value={formatUsd(cents(buyer.balance))}
          tone={cents(buyer.balance) < 0 ? "bad" : "good"}
        />
        <StatCard
          label="Credit limit"
          value={formatUsd(cents(buyer.creditLimit))}
          hint="Purchases may take the balance this far below zero"
        />
      </div>
      <StatementView
        statement={statement}
        action="/buyer/transactions"
        month={month}
        accountParam={{ buyerId: params.buyerId }}
      />
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-700">Ledger entries</h2>
        <CsvLink path="/api/transactions" params={{ ...params, to: params.to }} label="Transactions CSV" />
      </div>
      <FilterBar action="/buyer/transactions" hidden={{ buyerId: params.buyerId, month: sp.month }}>
        <FilterSelect name="type" label="Type" value={sp.type} options={TYPES} />
        <FilterInput name="from" label="From" type="date" value={sp.from} />
        <FilterInput name="to" label="To" type="date" value={sp.to} />
      </FilterBar>
      <TransactionsView data={data} leadHref={`/buyer/leads/{leadId}${q ? `?${q}` : ""}`} />
      <Pagination path="/buyer/transactions" params={params} page={page} pages={data.pages} total={data.total} />
    </>
  );
}
