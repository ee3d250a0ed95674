// Helpers shared by the dashboard read models: date ranges from the URL, day series, cents.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { toCents } from "../money";

export const DAY_MS = 86_400_000;

/** Dashboard "days" are UTC days: every viewer and every instance agrees on what "today" holds. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function startOfUtcMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Decimal | string | number | null → integer cents (0 when absent). */
export function cents(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "bigint") return Number(v) * 100;
  return toCents(v instanceof Prisma.Decimal ? v : String(v)) ?? 0;
}

export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return typeof v === "bigint" ? Number(v) : Number(v);
}

export type DateRange = { from: Date; to: Date; fromYmd: string; toYmd: string };

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (inclusive days, UTC). Defaults to the last `days` days.
 * Invalid values fall back to the default rather than failing the page.
 */
export function parseRange(sp: { from?: string; to?: string }, days = 30, now = new Date()): DateRange {
  const valid = (s?: string) =>
    s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? s : null;
  const toYmd = valid(sp.to) ?? ymd(now);
  const fromYmd = valid(sp.from) ?? ymd(new Date(startOfUtcDay(now).getTime() - (days - 1) * DAY_MS));
  const from = new Date(`${fromYmd}T00:00:00Z`);
  const to = new Date(new Date(`${toYmd}T00:00:00Z`).getTime() + DAY_MS);
  return from <= to ? { from, to, fromYmd, toYmd } : { from: to, to: from, fromYmd: toYmd, toYmd: fromYmd };
}

/** Every day of [from, to) as YYYY-MM-DD, so charts show gaps as zeros instead of skipping days. */
export function daysBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = startOfUtcDay(from).getTime(); t < to.getTime(); t += DAY_MS) out.push(ymd(new Date(t)));
  return out;
}

export function fillDays<T extends { day: string }>(days: string[], rows: T[], empty: (day: string) => T): T[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return days.map((d) => byDay.get(d) ?? empty(d));
}

export function positiveInt(v: string | undefined, fallback: number, max = 1_000_000): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** Today's cap-counter bucket ("d:2026-11-22") in the campaign's own time zone (UTC when it has none). */
export function dayBucket(now: Date, timeZone: string | undefined): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: timeZone || "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(now);
    return `d:${parts}`;
  } catch {
    return `d:${ymd(now)}`;
  }
}
