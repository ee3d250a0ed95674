import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { FilterBar, FilterInput, FilterSelect, Pagination } from "@/components/filters";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { CsvLink } from "@/components/csv-link";
import { sellerPage, viewAs } from "@/lib/auth/pages";
import { verticals } from "@/lib/queries/buyer";
import { positiveInt } from "@/lib/queries/common";
import { sellerSubmissions } from "@/lib/queries/seller";

export const metadata: Metadata = { title: "Submissions" };
export const dynamic = "force-dynamic";

export default async function SubmissionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, seller, sellerId } = await sellerPage("/seller/submissions", sp);
  const q = viewAs(user, "sellerId", sellerId);
  const page = positiveInt(sp.page, 1);
  const [data, vs] = await Promise.all([
    sellerSubmissions(sellerId, { status: sp.status, vertical: sp.vertical, q: sp.q, from: sp.from, to: sp.to, page }),
    verticals(),
  ]);
  const params = {
    sellerId: q ? String(sellerId) : undefined,
    status: sp.status,
    vertical: sp.vertical,
    q: sp.q,
    from: sp.from,
    to: sp.to,
  };
  return (
    <>
      <PageHeader
        title="Submissions"
        description={`${seller.companyName} · every lead you sent, its outcome and why`}
        actions={<CsvLink path="/api/leads" params={{ ...params, q: params.q?.trim() || undefined }} />}
      />
      <FilterBar action="/seller/submissions" hidden={{ sellerId: params.sellerId }}>
        <FilterInput name="q" label="Search" value={sp.q} placeholder="Name, email, phone or lead #" />
        <FilterSelect
          name="status"
          label="Outcome"
          value={sp.status}
          options={[
            ["sold", "Sold"],
            ["unsold", "Unsold"],
            ["rejected", "Rejected"],
            ["returned", "Returned"],
            ["pending", "Pending"],
          ]}
        />
        <FilterSelect name="vertical" label="Vertical" value={sp.vertical} options={vs.map((v) => [v.key, v.name])} />
        <FilterInput name="from" label="From" type="date" value={sp.from} />
        <FilterInput name="to" label="To" type="date" value={sp.to} />
      </FilterBar>
      {data.rows.length ? (
        <>
          <Card>
            <DataTable
              caption="Submitted leads"
              initialSort={{ key: "createdAt", dir: "desc" }}
              columns={[
                { key: "createdAt", label: "Submitted", kind: "datetime" },
                { key: "id", label: "Lead", href: `/seller/submissions/{id}${q ? `?${q}` : ""}` },
                { key: "consumerName", label: "Consumer" },
                { key: "vertical", label: "Vertical", kind: "list" },
                { key: "status", label: "Outcome", kind: "status" },
                { key: "consentRevokedAt", label: "Consent revoked", kind: "datetime" },
                { key: "reasons", label: "Reasons", kind: "list", sortable: false, className: "max-w-xs truncate" },
                { key: "payoutCents", label: "Paid", kind: "cents" },
              ]}
              rows={data.rows.map((r) => ({ ...r, vertical: [r.vertical] }))}
            />
          </Card>
          <Pagination path="/seller/submissions" params={params} page={page} pages={data.pages} total={data.total} />
        </>
      ) : (
        <EmptyState title="No submissions match">
          Leads you send through the API appear here with their outcome.
        </EmptyState>
      )}
    </>
  );
}
