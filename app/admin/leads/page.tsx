import type { Metadata } from "next";
import { CsvLink } from "@/components/csv-link";
import { DataTable } from "@/components/data-table";
import { FilterBar, FilterInput, FilterSelect } from "@/components/filters";
import { US_STATES } from "@/components/us-states";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { buttonClass } from "@/components/ui";
import { toCents } from "@/lib/money";
import { UNSOLD_REASON_FILTERS } from "@/lib/pipeline/reasons";
import { adminPage } from "@/lib/auth/pages";
import { verticals } from "@/lib/queries/buyer";
import { listLeads } from "@/lib/queries/leads";
import { LEAD_STATUSES, LeadListQuery } from "@/lib/validation/lead-query";

export const metadata: Metadata = { title: "Leads" };
export const dynamic = "force-dynamic";

const FILTERS = ["status", "vertical", "state", "unsoldReason", "sellerId", "q", "from", "to"] as const;

export default async function AdminLeadsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const user = await adminPage("/admin/leads", sp);
  // The page's filters are exactly GET /api/leads's: the same schema parses both, and the CSV link sends them on.
  const filters = Object.fromEntries(
    FILTERS.map((k) => [k, sp[k]?.trim() || undefined]).filter(([, v]) => v),
  ) as Record<string, string | undefined>;
  const parsed = LeadListQuery.safeParse({ ...filters, ...(sp.cursor ? { cursor: sp.cursor } : {}) });
  const vs = await verticals();
  const page = parsed.success ? await listLeads(user, { ...parsed.data, limit: 50 }) : null;
  const next = page?.nextCursor
    ? `/admin/leads?${new URLSearchParams({ ...(filters as Record<string, string>), cursor: page.nextCursor })}`
    : null;
  return (
    <>
      <PageHeader
        title="Leads"
        description="Every lead in the marketplace, newest first; the unsold-leads report links here with its cell's filters"
        actions={<CsvLink path="/api/leads" params={filters} />}
      />
      <FilterBar action="/admin/leads">
        <FilterInput name="q" label="Search" value={sp.q} placeholder="Name, email, phone or lead #" />
        <FilterSelect
          name="status"
          label="Status"
          value={sp.status}
          options={LEAD_STATUSES.map((s) => [s, s[0].toUpperCase() + s.slice(1)])}
        />
        <FilterSelect name="vertical" label="Vertical" value={sp.vertical} options={vs.map((v) => [v.key, v.name])} />
        <FilterSelect name="state" label="State" value={sp.state} options={US_STATES} />
        <FilterSelect
          name="unsoldReason"
          label="Passed because"
          value={sp.unsoldReason}
          options={UNSOLD_REASON_FILTERS.map((r) => [r, r.replace(/_/g, " ")])}
        />
        <FilterInput name="sellerId" label="Seller id" value={sp.sellerId} />
        <FilterInput name="from" label="From" type="date" value={sp.from} />
        <FilterInput name="to" label="To" type="date" value={sp.to} />
      </FilterBar>
      {!parsed.success ? (
        <EmptyState title="These filters are not valid">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </EmptyState>
      ) : page?.items.length ? (
        <Card>
          <div data-testid="admin-leads">
            <DataTable
              caption="Leads"
              columns={[
                { key: "createdAt", label: "Created", kind: "datetime" },
                { key: "id", label: "Lead" },
                { key: "status", label: "Status", kind: "status" },
                { key: "vertical", label: "Vertical", kind: "list", className: "whitespace-nowrap" },
                { key: "consumerName", label: "Consumer", className: "max-w-56 truncate" },
                { key: "consumerState", label: "State" },
                { key: "sellerId", label: "Seller", href: "/seller?sellerId={sellerId}" },
                { key: "revenueCents", label: "Revenue", kind: "cents" },
              ]}
              rows={page.items.map((l) => {
                const a = l as typeof l & { revenue?: string; sellerId?: number };
                return { ...a, vertical: [a.vertical], revenueCents: toCents(a.revenue ?? "0") };
              })}
            />
          </div>
          {next && (
            <div className="mt-3 flex justify-end">
              <a className={buttonClass.small} href={next} rel="next">
                Next page →
              </a>
            </div>
          )}
        </Card>
      ) : (
        <EmptyState title="No leads match these filters" />
      )}
    </>
  );
}
