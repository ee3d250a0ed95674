import type { Metadata } from "next";
import Link from "next/link";
import { humanize } from "@/components/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { sellerPage, viewAs } from "@/lib/auth/pages";
import { intakeListsOf } from "@/lib/queries/seller";

export const metadata: Metadata = { title: "Intake lists" };
export const dynamic = "force-dynamic";

export default async function SellerListsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, seller, sellerId } = await sellerPage("/seller/lists", sp);
  const q = viewAs(user, "sellerId", sellerId);
  const lists = await intakeListsOf(sellerId);
  return (
    <>
      <PageHeader
        title="Intake lists"
        description={`${seller.companyName} · the lists you post leads to, with what each requires and pays. Open one for its posting specification.`}
      />
      {lists.length ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {lists.map((l) => (
            <Card
              key={l.id}
              title={
                <span className="flex items-center gap-2">
                  {l.name} <Badge status={l.status === "active" ? "active" : "paused"} />
                </span>
              }
              actions={
                <Link
                  href={`/seller/lists/${l.id}${q ? `?${q}` : ""}`}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  Posting specification →
                </Link>
              }
            >
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Vertical</dt>
                  <dd>
                    {humanize(l.vertical)}
                    {l.subVertical ? ` · ${humanize(l.subVertical)}` : ""}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Payout</dt>
                  <dd>{l.payoutText}</dd>
                </div>
                <div className="col-span-2">
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Accepted states</dt>
                  <dd>{l.acceptedStates.join(", ") || "All states"}</dd>
                </div>
                <div className="col-span-2">
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">List id</dt>
                  <dd>
                    <code className="break-all text-xs">{l.id}</code>
                  </dd>
                </div>
              </dl>
            </Card>
          ))}
        </div>
      ) : (
        <EmptyState title="No intake lists yet">
          Your account manager creates your lists; until then, post with a vertical.
        </EmptyState>
      )}
    </>
  );
}
