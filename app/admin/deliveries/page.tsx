import type { Metadata } from "next";
import { FilterBar, FilterSelect, Pagination } from "@/components/filters";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { deliveries } from "@/lib/queries/admin";
import { positiveInt } from "@/lib/queries/common";
import { DeliveryTable } from "./delivery-table";

export const metadata: Metadata = { title: "Deliveries" };
export const dynamic = "force-dynamic";

const STATUSES: [string, string][] = [
  ["pending", "Pending"],
  ["in_progress", "In progress"],
  ["delivered", "Delivered"],
  ["failed", "Failed (retrying)"],
  ["dead", "Dead (gave up)"],
];

export default async function AdminDeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  await adminPage("/admin/deliveries", sp);
  const page = positiveInt(sp.page, 1);
  const data = await deliveries({ status: sp.status, page });
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Every webhook and HTTP post to buyers, with retries. Replay a failed one once the buyer's endpoint is fixed."
      />
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5">
        {STATUSES.map(([k, l]) => (
          <StatCard
            key={k}
            label={l}
            value={(data.byStatus[k] ?? 0).toLocaleString("en-US")}
            tone={(k === "failed" || k === "dead") && data.byStatus[k] ? "bad" : "default"}
          />
        ))}
      </div>
      <FilterBar action="/admin/deliveries">
        <FilterSelect name="status" label="Status" value={sp.status} options={STATUSES} />
      </FilterBar>
      {data.rows.length ? (
        <Card>
          <DeliveryTable rows={data.rows} />
          <Pagination
            path="/admin/deliveries"
            params={{ status: sp.status }}
            page={page}
            pages={data.pages}
            total={data.total}
          />
        </Card>
      ) : (
        <EmptyState title="No deliveries">
          Campaigns that deliver by webhook or HTTP post create one delivery per lead sold.
        </EmptyState>
      )}
    </>
  );
}
