// The ledger as a table plus totals per type; used by buyers, sellers and admins.
import { DataTable } from "./data-table";
import { humanize } from "./format";
import { Card, StatCard } from "./ui";
import { formatUsd } from "@/lib/money";

type Tx = Awaited<ReturnType<typeof import("@/lib/queries/buyer").transactions>>;

export function TransactionsView({
  data,
  showAccount = false,
  leadHref,
}: {
  data: Tx;
  showAccount?: boolean;
  leadHref?: string;
}) {
  return (
    <>
      {data.totals.length > 0 && (
        <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
          {data.totals.map((t) => (
            <StatCard
              key={t.type}
              label={humanize(t.type)}
              value={formatUsd(t.amountCents)}
              hint={`${t.count.toLocaleString("en-US")} entries`}
            />
          ))}
        </div>
      )}
      <Card>
        <DataTable
          caption="Transactions"
          empty="No transactions match these filters."
          columns={[
            { key: "createdAt", label: "Date", kind: "datetime" },
            { key: "type", label: "Type", kind: "status" },
            ...(showAccount ? [{ key: "account", label: "Account" }] : []),
            ...(leadHref ? [{ key: "leadId", label: "Lead", href: leadHref }] : [{ key: "leadId", label: "Lead" }]),
            { key: "note", label: "Note", className: "max-w-xs truncate" },
            { key: "status", label: "Status", kind: "status" as const },
            { key: "effectCents", label: "Balance effect", kind: "signed" as const },
          ]}
          rows={data.rows}
        />
      </Card>
    </>
  );
}
