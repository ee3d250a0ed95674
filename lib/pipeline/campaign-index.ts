// The in-memory campaign index: active campaigns by vertical, the verticals' required fields
// and buyers' recent return rates, reloaded after CAMPAIGN_CACHE_TTL_SECONDS or at once when
// any instance announces a campaign change (LISTEN on CAMPAIGNS_CHANNEL, real PostgreSQL only).
// It only saves reads on the hot path: caps, budgets and balances are decided by the
// database at settle time, so a stale index can cost a sale, never oversell.
import pg from "pg";
import type { BuyerCampaign } from "../generated/prisma/client";
import { prisma, type Db } from "../db";
import { env } from "../env";
import { CAMPAIGNS_CHANNEL } from "../campaign-events";

export type VerticalRules = { key: string; subVerticals: string[]; requiredFields: string[] };

export type CampaignIndex = {
  loadedAt: number;
  byVertical: Map<string, BuyerCampaign[]>;
  verticals: Map<string, VerticalRules>;
  /** buyerId → share of the last 30 days' sales that were returned (0..1). */
  returnRates: Map<number, number>;
};

let current: CampaignIndex | null = null;
let loading: Promise<CampaignIndex> | null = null;
let generation = 0;
let listener: pg.Client | null = null;
let listening: Promise<void> | null = null;

/** Drops the cached copy; the next lead reloads it. */
export function invalidateCampaignIndex(): void {
  generation++;
  current = null;
  loading = null;
}

export async function campaignIndex(db: Db = prisma): Promise<CampaignIndex> {
  const ttl = env.CAMPAIGN_CACHE_TTL_SECONDS * 1000;
  if (current && Date.now() - current.loadedAt < ttl) return current;
  if (!loading) {
    const gen = generation;
    const p = load(db).then(
      (idx) => {
        // A change announced while we were loading makes this copy stale: use it once, keep nothing.
        if (gen === generation) current = idx;
        if (loading === p) loading = null;
        return idx;
      },
      (err) => {
        if (loading === p) loading = null;
        throw err;
      },
    );
    loading = p;
    void startListener();
  }
  return loading;
}

async function load(db: Db): Promise<CampaignIndex> {
  const [campaigns, verticals, rates] = await Promise.all([
    db.buyerCampaign.findMany({
      where: { status: "active", archivedAt: null, autoPausedAt: null, buyer: { status: "active" } },
      orderBy: { id: "asc" },
    }),
    db.vertical.findMany({ select: { key: true, subVerticals: true, requiredFields: true } }),
    db.$queryRaw<{ buyerId: number; rate: number }[]>`
      SELECT "buyerId", (count(*) FILTER (WHERE "status" = 'returned'))::float8 / count(*) AS rate
      FROM "LeadSale" WHERE "createdAt" > now() - interval '30 days' GROUP BY "buyerId"`,
  ]);
  const byVertical = new Map<string, BuyerCampaign[]>();
  for (const c of campaigns) byVertical.set(c.vertical, [...(byVertical.get(c.vertical) ?? []), c]);
  return {
    loadedAt: Date.now(),
    byVertical,
    verticals: new Map(verticals.map((v) => [v.key, v])),
    returnRates: new Map(rates.map((r) => [Number(r.buyerId), Number(r.rate)])),
  };
}

/** One LISTEN connection per process on real PostgreSQL; on any error the TTL still applies. */
function startListener(): Promise<void> {
  if (listening || !env.DATABASE_URL) return listening ?? Promise.resolve();
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  listener = client;
  const drop = () => {
    if (listener !== client) return;
    listener = null;
    listening = null;
    client.end().catch(() => {});
  };
  client.on("notification", () => invalidateCampaignIndex());
  client.on("error", drop);
  listening = client
    .connect()
    .then(() => client.query(`LISTEN ${CAMPAIGNS_CHANNEL}`))
    .then(() => undefined, drop);
  return listening;
}

/** Whether the LISTEN connection is up (tests, health). */
export async function campaignListenerReady(): Promise<boolean> {
  await startListener();
  return listener !== null;
}

/** Closes the LISTEN connection (tests, shutdown). */
export async function stopCampaignIndex(): Promise<void> {
  const c = listener;
  listener = null;
  listening = null;
  invalidateCampaignIndex();
  if (c) await c.end().catch(() => {});
}
