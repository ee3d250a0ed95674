import type { Metadata } from "next";
import { EmptyState, LinkButton, PageHeader } from "@/components/ui";
import { buyerPage, viewAs } from "@/lib/auth/pages";
import { campaignsWithToday } from "@/lib/queries/buyer";
import { CampaignTable } from "./campaign-table";

export const metadata: Metadata = { title: "Campaigns" };
export const dynamic = "force-dynamic";

export default async function CampaignsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, buyer, buyerId } = await buyerPage("/buyer/campaigns", sp);
  const q = viewAs(user, "buyerId", buyerId);
  const rows = await campaignsWithToday({ buyerId });
  return (
    <>
      <PageHeader
        title="Campaigns"
        description={`${buyer.companyName} · what you buy, where, at what price, and how many per day`}
        actions={<LinkButton href={`/buyer/campaigns/new${q ? `?${q}` : ""}`}>New campaign</LinkButton>}
      />
      {rows.length ? (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <CampaignTable rows={rows} query={q} />
        </div>
      ) : (
        <EmptyState
          title="No campaigns yet"
          action={<LinkButton href={`/buyer/campaigns/new${q ? `?${q}` : ""}`}>Create your first campaign</LinkButton>}
        >
          A campaign says which leads you want (vertical, states, zips, filters), what you pay and how many per day.
        </EmptyState>
      )}
    </>
  );
}
