import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { buyerPage, viewAs } from "@/lib/auth/pages";
import { verticals } from "@/lib/queries/buyer";
import { EMPTY_CAMPAIGN } from "../campaign-defaults";
import { CampaignForm } from "../campaign-form";

export const metadata: Metadata = { title: "New campaign" };
export const dynamic = "force-dynamic";

export default async function NewCampaignPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, buyer, buyerId } = await buyerPage("/buyer/campaigns/new", sp);
  const q = viewAs(user, "buyerId", buyerId);
  const vs = await verticals();
  return (
    <>
      <PageHeader title="New campaign" description={`For ${buyer.companyName}. Everything can be changed later.`} />
      <CampaignForm
        campaignId={null}
        initial={EMPTY_CAMPAIGN}
        verticals={vs.map((v) => ({ key: v.key, name: v.name, subVerticals: v.subVerticals }))}
        buyerId={user.role === "admin" ? buyerId : null}
        backHref={`/buyer/campaigns${q ? `?${q}` : ""}`}
      />
    </>
  );
}
