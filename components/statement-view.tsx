// A statement for a period (lib/statements.ts): opening balance, the period's totals by category,
// closing balance, and its CSV download. Used by the buyer Money page and the seller Payouts page.
import { CsvLink } from "./csv-link";
import { humanize } from "./format";
import { Card, StatCard } from "./ui";
import { buttonClass, inputClass } from "./ui";
import { formatUsd, toCents } from "@/lib/money";
import type { Statement } from "@/lib/statements";

const usd = (s: string) => formatUsd(toCents(s) ?? 0);

export function StatementView({
  statement,
  action,
  month,
  accountParam,
}: {
  statement: Statement;
  /** The page the month picker submits to. */
  action: string;
  month: string;
  /** { buyerId } or { sellerId } when an admin views someone else's dashboard. */
  accountParam: Record<string, string | undefined>;
}) {
  const s = statement;
  return (
    <Card
      title={`Statement · ${month}`}
      className="mb-6"
      actions={
        <div className="flex flex-wrap items-end gap-2">
          <form method="get" action={action} className="flex items-end gap-2" aria-label="Statement period">
            {Object.entries(accountParam).map(([k, v]) =>
              v ? <input key={k} type="hidden" name={k} value={v} /> : null,
            )}
            <label className="text-xs font-medium text-slate-600">
              Month
              <input type="month" name="month" defaultValue={month} className={`${inputClass} w-40`} />
            </label>
            <button type="submit" className={buttonClass.secondary}>
              Show
            </button>
          </form>
          <CsvLink path="/api/statements" params={{ ...accountParam, month }} label="Statement CSV" />
        </div>
      }
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="statement">
        <StatCard
          label="Opening balance"
          value={usd(s.openingBalance)}
          hint={new Date(s.from).toISOString().slice(0, 10)}
        />
        {s.categories.map((c) => (
          <StatCard
            key={c.category}
            label={humanize(c.category)}
            value={usd(c.amount)}
            hint={`${c.count.toLocaleString("en-US")} entries`}
            tone={(toCents(c.amount) ?? 0) < 0 ? "bad" : "default"}
          />
        ))}
        <StatCard
          label="Closing balance"
          value={<span data-testid="closing-balance">{usd(s.closingBalance)}</span>}
          hint={`end of ${new Date(new Date(s.to).getTime() - 1).toISOString().slice(0, 10)} (UTC)`}
          tone="good"
        />
      </div>
      <p className="mt-3 text-xs text-slate-500">
        Opening balance is every ledger entry before the month; closing is opening plus the month&apos;s entries.{" "}
        {s.reconciled
          ? "Reconciled: the ledger adds up to your current balance."
          : "The ledger does not add up to the stored balance: contact support."}
      </p>
    </Card>
  );
}
