// Campaign changes are announced to every app instance (PostgreSQL NOTIFY), so each
// instance's in-memory campaign index drops its copy; a short TTL backs this up.
import type { Tx, Db } from "./db";

export const CAMPAIGNS_CHANNEL = "tlg_campaigns";

/** Call inside the transaction that changes a campaign: NOTIFY is delivered on commit. */
export async function announceCampaignChange(tx: Tx | Db, campaignId: number | "all" = "all"): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CAMPAIGNS_CHANNEL}, ${String(campaignId)})`;
}
