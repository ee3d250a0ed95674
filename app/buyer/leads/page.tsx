import type { Metadata } from "next";
import { FilterBar, FilterInput, FilterSelect, Pagination } from "@/components/filters";
import { EmptyState, PageHeader } from "@/components/ui";
import { CsvLink } from "@/components/csv-link";
import { buyerPage, viewAs } from "@/lib/auth/pages";
import { buyerInbox, verticals } from "@/lib/queries/buyer";
import { positiveInt } from "@/lib/queries/common";
import { InboxTable } from "./inbox-table";

export const metadata: Metadata = { title: "Lead inbox" };
export const dynamic = "force-dynamic";

export default async function LeadInboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, buyer, buyerId } = await buyerPage("/buyer/leads", sp);
  const q = viewAs(user, "buyerId", buyerId);
  const page = positiveInt(sp.page, 1);
  const [inbox, vs] = await Promise.all([
    buyerInbox(buyerId, { status: sp.status, vertical: sp.vertical, q: sp.q, from: sp.from, to: sp.to, page }),
    verticals(),
  ]);
  const filtered = Boolean(sp.status || sp.vertical || sp.q || sp.from || sp.to);
  const params = {
    buyerId: q ? String(buyerId) : undefined,
    status: sp.status,
    vertical: sp.vertical,
    q: sp.q,
    from: sp.from,
    to: sp.to,
  };
  return (
    <>
      <PageHeader
        title="Lead inbox"
        description={`${buyer.companyName} · every lead you bought, newest first. Return bad leads while the window is open.`}
        actions={
          <CsvLink path="/api/leads" params={{ ...params, q: params.q?.trim() || undefined }} label="Download CSV" />
        }
      />
      <FilterBar action="/buyer/leads" hidden={{ buyerId: params.buyerId }}>
        <FilterInput name="q" label="Search" value={sp.q} placeholder="Name, email, phone or lead #" />
        <FilterSelect
          name="status"
          label="Status"
          value={sp.status}
          options={[
            ["sold", "Sold"],
            ["returned", "Returned"],
          ]}
        />
        <FilterSelect name="vertical" label="Vertical" value={sp.vertical} options={vs.map((v) => [v.key, v.name])} />
        <FilterInput name="from" label="From" type="date" value={sp.from} />
        <FilterInput name="to" label="To" type="date" value={sp.to} />
      </FilterBar>
      {inbox.rows.length ? (
        <>
          <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <InboxTable rows={inbox.rows} query={q} />
          </div>
          <Pagination path="/buyer/leads" params={params} page={page} pages={inbox.pages} total={inbox.total} />
        </>
      ) : (
        <EmptyState title={filtered ? "No leads match these filters" : "No leads yet"}>
          {filtered
            ? "Try a wider date range or clear the search."
            : "Leads your active campaigns buy arrive here within seconds."}
        </EmptyState>
      )}
    </>
  );
}
