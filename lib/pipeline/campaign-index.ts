// The in-memory campaign index: active campaigns by vertical and by the states they buy, their
// rules compiled once (prices in cents, filters, schedules, zip sets), the verticals' required
// fields, the active intake lists and buyers' recent return rates. Reloaded after
// CAMPAIGN_CACHE_TTL_SECONDS, or at once when any instance announces a change (NOTIFY on
// CAMPAIGNS_CHANNEL, lib/events.ts). It only saves reads on the hot path: caps, budgets and
// balances are decided by the database at settle time, so a stale index can cost a sale, never
// oversell.
//
// Matching cost does not grow with the number of campaigns in a vertical: a lead looks up the
// campaigns of its own state (plus the nationwide ones) and checks zip, filters and schedule on
// those alone.
import type { IntakeList } from "../generated/prisma/client";
import { prisma, type Db } from "../db";
import { env } from "../env";
import { CAMPAIGNS_CHANNEL } from "../campaign-events";
import { ensureListening, stopListening, subscribe } from "../events";
import { compileCampaign, type IndexedCampaign } from "./match";
import { score } from "./price";
import { getOrCreate } from "../maps";

export type VerticalRules = { key: string; subVerticals: string[]; requiredFields: string[] };

export type VerticalCampaigns = {
  /** Campaigns that name states, under each state they buy. */
  byState: Map<string, IndexedCampaign[]>;
  /** Campaigns without a state list (they may still list zips). */
  anyState: IndexedCampaign[];
  /** How many campaigns each subVertical has ("" = campaigns for the whole vertical). */
  bySub: Map<string, number>;
};

export type CampaignIndex = {
  loadedAt: number;
  /** Every active campaign of a vertical, by id (tests, admin views). */
  byVertical: Map<string, IndexedCampaign[]>;
  geo: Map<string, VerticalCampaigns>;
  verticals: Map<string, VerticalRules>;
  /** Active intake lists by id. */
  lists: Map<string, IntakeList>;
  /** The time zones campaigns' schedules and caps are counted in (UTC included). */
  timezones: string[];
  /** buyerId → share of the last 30 days' sales that were returned (0..1). */
  returnRates: Map<number, number>;
};

let current: CampaignIndex | null = null;
let loading: Promise<CampaignIndex> | null = null;
let generation = 0;
const listeners = new Set<() => void>();

/** Drops the cached copy; the next lead reloads it. */
export function invalidateCampaignIndex(): void {
  generation++;
  current = null;
  loading = null;
  for (const fn of listeners) fn();
}

/** Called whenever the index is dropped (the capacity snapshot follows the campaign set). */
export function onCampaignIndexInvalidated(fn: () => void): void {
  listeners.add(fn);
}

subscribe(CAMPAIGNS_CHANNEL, () => invalidateCampaignIndex());

export async function campaignIndex(db: Db = prisma): Promise<CampaignIndex> {
  const ttl = env.CAMPAIGN_CACHE_TTL_SECONDS * 1000;
  if (current && Date.now() - current.loadedAt < ttl) return current;
  // Expired by age alone (no change was announced): serve this copy while a fresh one loads.
  const stale = current;
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
    void ensureListening();
  }
  if (stale) {
    loading.catch(() => {});
    return stale;
  }
  return loading;
}

/**
 * The campaigns that may want a lead of this vertical and state (its state's and the nationwide
 * ones, by id), and how many campaigns for the lead's vertical and subVertical exist in all: the
 * difference is the campaigns that do not buy the lead's state.
 */
export function candidates(
  index: CampaignIndex,
  vertical: string,
  state: string | undefined,
  subVertical: string | undefined,
): { campaigns: IndexedCampaign[]; considered: number } {
  const v = index.geo.get(vertical);
  if (!v) return { campaigns: [], considered: 0 };
  const inState = (state && v.byState.get(state)) || [];
  const campaigns = inState.length ? mergeById(inState, v.anyState) : v.anyState;
  return { campaigns, considered: (v.bySub.get("") ?? 0) + (subVertical ? (v.bySub.get(subVertical) ?? 0) : 0) };
}

function mergeById(a: IndexedCampaign[], b: IndexedCampaign[]): IndexedCampaign[] {
  if (!b.length) return a;
  const out: IndexedCampaign[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].id < b[j].id)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

async function load(db: Db): Promise<CampaignIndex> {
  const [rows, verticals, lists, rates] = await Promise.all([
    db.buyerCampaign.findMany({
      where: { status: "active", archivedAt: null, autoPausedAt: null, buyer: { status: "active" } },
      orderBy: { id: "asc" },
    }),
    // An archived vertical takes no posts; an archived or paused list takes none either.
    db.vertical.findMany({
      where: { archivedAt: null },
      select: { key: true, subVerticals: true, requiredFields: true },
    }),
    db.intakeList.findMany({ where: { status: "active", archivedAt: null } }),
    db.$queryRaw<{ buyerId: number; rate: number }[]>`
      SELECT "buyerId", (count(*) FILTER (WHERE "status" = 'returned'))::float8 / count(*) AS rate
      FROM "LeadSale" WHERE "createdAt" > now() - interval '30 days' GROUP BY "buyerId"`,
  ]);
  const byVertical = new Map<string, IndexedCampaign[]>();
  const geo = new Map<string, VerticalCampaigns>();
  const zones = new Set<string>(["UTC"]);
  const returnRates = new Map(rates.map((r) => [Number(r.buyerId), Number(r.rate)]));
  for (const row of rows) {
    const c = compileCampaign(row);
    c.m.fixedScore = score(c.m.priceCents, c.priority, returnRates.get(c.buyerId));
    if (c.m.timezone) zones.add(c.m.timezone);
    const same = byVertical.get(c.vertical);
    if (same) same.push(c);
    else byVertical.set(c.vertical, [c]);
    const v = getOrCreate(geo, c.vertical, () => ({ byState: new Map(), anyState: [], bySub: new Map() }));
    v.bySub.set(c.subVertical ?? "", (v.bySub.get(c.subVertical ?? "") ?? 0) + 1);
    if (!c.m.states) v.anyState.push(c);
    else {
      for (const s of c.m.states) {
        const list = v.byState.get(s);
        if (list) list.push(c);
        else v.byState.set(s, [c]);
      }
    }
  }
  return {
    loadedAt: Date.now(),
    byVertical,
    geo,
    verticals: new Map(verticals.map((v) => [v.key, v])),
    lists: new Map(lists.map((l) => [l.id, l])),
    timezones: [...zones],
    returnRates,
  };
}

/** Whether the LISTEN connection is up (tests, health). */
export async function campaignListenerReady(): Promise<boolean> {
  return ensureListening();
}

/** Closes the LISTEN connection (tests, shutdown). */
export async function stopCampaignIndex(): Promise<void> {
  await stopListening();
  invalidateCampaignIndex();
}
