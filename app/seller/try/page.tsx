import type { Metadata } from "next";
import { humanize } from "@/components/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui";
import { sellerPage } from "@/lib/auth/pages";
import { intakeListsOf } from "@/lib/queries/seller";
import { TryIt } from "./try-it";

export const metadata: Metadata = { title: "Try the API" };
export const dynamic = "force-dynamic";

export default async function TryItPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { seller, sellerId } = await sellerPage("/seller/try", sp);
  const lists = await intakeListsOf(sellerId);
  return (
    <>
      <PageHeader
        title="Try the API"
        description={`${seller.companyName} · send a real ping or lead and see exactly what your integration will get back. Leads sent here are real submissions.`}
      />
      <TryIt listId={lists[0]?.id ?? null} />
      <h2 className="mb-3 mt-8 text-lg font-semibold text-slate-900">Your intake lists</h2>
      {lists.length ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {lists.map((l) => (
            <Card
              key={l.id}
              title={
                <span className="flex items-center gap-2">
                  {l.name} <Badge status={l.status} />
                </span>
              }
            >
              <dl className="space-y-3 text-sm">
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
                    List ID (send as listId)
                  </dt>
                  <dd>
                    <code className="break-all text-xs">{l.id}</code>
                  </dd>
                </div>
                <div className="flex gap-6">
                  <div>
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Vertical</dt>
                    <dd>{humanize(l.vertical)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Payout</dt>
                    <dd>{l.payoutText}</dd>
                  </div>
                  <div>
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">TrustedForm</dt>
                    <dd>{l.requireTrustedForm ? "Required" : "Optional"}</dd>
                  </div>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Accepted states</dt>
                  <dd className="mt-1 flex flex-wrap gap-1">
                    {l.acceptedStates.length
                      ? l.acceptedStates.map((s) => (
                          <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium">
                            {s}
                          </span>
                        ))
                      : "All states"}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Required fields</dt>
                  <dd className="mt-1 flex flex-wrap gap-1">
                    {l.requiredFields.map((f) => (
                      <code key={f} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">
                        {f.replace("|", " or ")}
                      </code>
                    ))}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Checks</dt>
                  <dd>{l.checks.map(humanize).join(", ") || "—"}</dd>
                </div>
              </dl>
            </Card>
          ))}
        </div>
      ) : (
        <EmptyState title="No intake lists yet">
          Ask your account manager to set one up; it defines the states and fields we accept from you.
        </EmptyState>
      )}
    </>
  );
}
