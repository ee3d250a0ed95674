// Stage 4: which buyer campaigns want this lead? Pure functions over a campaign and the
// canonical lead; every considered campaign that cannot buy gets a reason code. The counters
// read here are advisory (they give sellers a reason early); the database guard in settle.ts
// decides caps, budgets and balances.
import type { BuyerCampaign } from "../generated/prisma/client";
import { toCents, type Cents } from "../money";
import { leadValue, type CanonicalLead } from "./normalize";
import { getOrCreate } from "../maps";

export type Schedule = { timezone?: string; days?: number[]; startHour?: number; endHour?: number };
export type Filter = { field: string; op?: string; value?: unknown };

/** Same vertical, and the campaign's subVertical (when it has one) equals the lead's. */
export function considers(c: BuyerCampaign, lead: CanonicalLead): boolean {
  return c.vertical === lead.vertical && (!c.subVertical || c.subVertical === lead.subVertical);
}

const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN);
const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);
const same = (a: unknown, b: unknown) => {
  if (typeof a === "boolean" || typeof b === "boolean") return String(a).toLowerCase() === String(b).toLowerCase();
  return norm(a) === norm(b) || (Number.isFinite(num(a)) && num(a) === num(b));
};

export function filterPasses(f: Filter, lead: CanonicalLead): boolean {
  const v = leadValue(lead, f.field);
  const list = Array.isArray(f.value) ? f.value : [f.value];
  switch (f.op ?? "eq") {
    case "eq":
      return v !== undefined && same(v, f.value);
    case "neq":
      return v === undefined || !same(v, f.value);
    case "in":
      return v !== undefined && list.some((x) => same(v, x));
    case "nin":
    case "not_in":
      return v === undefined || !list.some((x) => same(v, x));
    case "gt":
      return num(v) > num(f.value);
    case "gte":
      return num(v) >= num(f.value);
    case "lt":
      return num(v) < num(f.value);
    case "lte":
      return num(v) <= num(f.value);
    case "exists":
      return (v !== undefined && v !== "") === (f.value !== false);
    case "contains":
      return typeof v === "string" && v.toLowerCase().includes(String(f.value).toLowerCase());
    default:
      return false; // an operator we do not know never buys by accident
  }
}

// ---------- time: schedules and cap buckets in the campaign's time zone ----------

const formatters = new Map<string, Intl.DateTimeFormat>();
export type LocalTime = { year: number; month: number; day: number; hour: number; weekday: number };

export function localTime(now: Date, timeZone = "UTC"): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        weekday: "short",
        hourCycle: "h23",
      });
    } catch {
      return localTime(now, "UTC"); // an unknown zone in stored data falls back to UTC
    }
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.weekday);
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour % 24, weekday };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow); // the Thursday of this week decides its year
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `w:${weekYear}-W${pad(week)}`;
}

export type Buckets = { d: string; h: string; w: string; m: string };

/** Counter buckets: "d:2026-11-22", "h:2026-11-22T10", "w:2026-W47", "m:2026-11". */
export function buckets(now: Date, timeZone?: string): Buckets {
  const t = localTime(now, timeZone);
  const day = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  return {
    d: `d:${day}`,
    h: `h:${day}T${pad(t.hour)}`,
    w: isoWeek(t.year, t.month, t.day),
    m: `m:${t.year}-${pad(t.month)}`,
  };
}

export function scheduleOf(c: Pick<BuyerCampaign, "schedule">): Schedule | null {
  const s = c.schedule as Schedule | null;
  return s && typeof s === "object" && !Array.isArray(s) ? s : null;
}

/**
 * One request's "now", with the local time and cap buckets of each time zone computed once:
 * Intl formatting is the costly part of matching, and a marketplace has few zones but many campaigns.
 */
export class Clock {
  private locals = new Map<string, LocalTime>();
  private bucketsByZone = new Map<string, Buckets>();
  constructor(readonly now: Date) {}
  local(timeZone = "UTC"): LocalTime {
    return getOrCreate(this.locals, timeZone, () => localTime(this.now, timeZone));
  }
  buckets(timeZone = "UTC"): Buckets {
    return getOrCreate(this.bucketsByZone, timeZone, () => buckets(this.now, timeZone));
  }
}

/** days use 0/7 = Sunday … 6 = Saturday; hours are [startHour, endHour) local. */
export function withinSchedule(s: Schedule | null, now: Date, clock?: Clock): boolean {
  if (!s) return true;
  const t = clock ? clock.local(s.timezone) : localTime(now, s.timezone);
  if (Array.isArray(s.days) && s.days.length && !s.days.map((d) => d % 7).includes(t.weekday)) return false;
  const start = s.startHour ?? 0;
  const end = s.endHour ?? 24;
  return start <= end ? t.hour >= start && t.hour < end : t.hour >= start || t.hour < end;
}

// ---------- the targeting decision ----------

/** What matching needs of a campaign, parsed once when the campaign index loads (not per lead). */
export type Compiled = {
  priceCents: Cents;
  budgetCents: Cents | null;
  schedule: Schedule | null;
  timezone: string | undefined;
  filters: Filter[];
  states: Set<string> | null;
  zips: Set<string> | null;
  sources: Set<string> | null;
  /** The ranking score of its fixed price (priority weight, buyer's return rate): set by the campaign index. */
  fixedScore: number;
};

/** A campaign row as the index holds it: the row itself (hooks, settle) plus its compiled rules. */
export type IndexedCampaign = BuyerCampaign & { m: Compiled };

export function compileCampaign(c: BuyerCampaign): IndexedCampaign {
  const schedule = scheduleOf(c);
  const filters = (Array.isArray(c.filters) ? (c.filters as Filter[]) : []).filter(
    (f) => f && typeof f.field === "string",
  );
  const m: Compiled = {
    priceCents: toCents(c.pricePerLead) ?? 0,
    budgetCents: c.dailyBudget === null ? null : toCents(c.dailyBudget),
    schedule,
    timezone: schedule?.timezone,
    filters,
    states: c.geoStates.length ? new Set(c.geoStates) : null,
    zips: c.geoZips.length ? new Set(c.geoZips) : null,
    sources: c.sourceListIds.length ? new Set(c.sourceListIds) : null,
    fixedScore: 0,
  };
  return Object.assign(c, { m });
}

export type MatchInput = { lead: CanonicalLead; listId: string | null; now: Date; clock?: Clock };

/** Why this (considered) campaign cannot take the lead on targeting alone, or null. */
export function targetingReason(c: IndexedCampaign, { lead, listId, now, clock }: MatchInput): string | null {
  const m = c.m;
  if (m.sources && (!listId || !m.sources.has(listId))) return "source_mismatch";
  if (m.states && (!lead.consumerState || !m.states.has(lead.consumerState))) return "geo_mismatch";
  if (m.zips && (!lead.consumerZip || !m.zips.has(lead.consumerZip.slice(0, 5)))) return "geo_mismatch";
  for (const f of m.filters) if (!filterPasses(f, lead)) return "filter_mismatch";
  if (!withinSchedule(m.schedule, now, clock)) return "outside_schedule";
  return null;
}

export type Capacity = {
  /** campaignId → bucket → { leads, spendCents } */
  counters: Map<number, Map<string, { leads: number; spendCents: number }>>;
  /** buyerId → cents the buyer can still be debited (balance + creditLimit) */
  headroom: Map<number, number>;
};

/** Advisory capacity check against the instance's capacity snapshot (lib/pipeline/capacity.ts). */
export function capacityReason(c: IndexedCampaign, priceCents: number, cap: Capacity, clock: Clock): string | null {
  const b = clock.buckets(c.m.timezone);
  const rows = cap.counters.get(c.id);
  const row = (k: string) => rows?.get(k) ?? ZERO;
  if (c.hourlyCap !== null && row(b.h).leads >= c.hourlyCap) return "cap_reached";
  if (c.dailyCap !== null && row(b.d).leads >= c.dailyCap) return "cap_reached";
  if (c.weeklyCap !== null && row(b.w).leads >= c.weeklyCap) return "cap_reached";
  if (c.monthlyCap !== null && row(b.m).leads >= c.monthlyCap) return "cap_reached";
  const budget = c.m.budgetCents;
  if (budget !== null && row(b.d).spendCents + priceCents > budget) return "budget_reached";
  const headroom = cap.headroom.get(c.buyerId);
  if (headroom !== undefined && headroom < priceCents) return "insufficient_balance";
  return null;
}

const ZERO = { leads: 0, spendCents: 0 };
