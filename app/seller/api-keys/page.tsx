import type { Metadata } from "next";
import { ApiKeys } from "@/components/api-keys";
import { PageHeader } from "@/components/ui";
import { sellerPage } from "@/lib/auth/pages";
import { apiKeysOf } from "@/lib/queries/buyer";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function SellerApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, seller, sellerId } = await sellerPage("/seller/api-keys", sp);
  const keys = await apiKeysOf({ sellerId });
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            {seller.companyName} · send a key as <code>Authorization: Bearer &lt;key&gt;</code> (or as{" "}
            <code>token</code> in compliance posts) to submit leads.
          </>
        }
      />
      <ApiKeys keys={keys} owner={user.role === "admin" ? { sellerId } : null} />
    </>
  );
}
