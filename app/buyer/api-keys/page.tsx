import type { Metadata } from "next";
import { ApiKeys } from "@/components/api-keys";
import { PageHeader } from "@/components/ui";
import { buyerPage } from "@/lib/auth/pages";
import { apiKeysOf } from "@/lib/queries/buyer";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function BuyerApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const { user, buyer, buyerId } = await buyerPage("/buyer/api-keys", sp);
  const keys = await apiKeysOf({ buyerId });
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            {buyer.companyName} · send a key as <code>Authorization: Bearer &lt;key&gt;</code> to read leads and manage
            campaigns from your own systems.
          </>
        }
      />
      <ApiKeys keys={keys} owner={user.role === "admin" ? { buyerId } : null} />
    </>
  );
}
