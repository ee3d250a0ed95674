// Client-safe formatting. lib/money.ts imports the Prisma runtime, so browser code uses these:
// amounts arrive from the server as integer cents or as the API's "55.00" strings.

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Integer cents → "$1,234.50". */
export function usdFromCents(cents: number | null | undefined): string {
  return usd.format((cents ?? 0) / 100);
}

/** The API's money string ("55.00") or number → "$55.00". */
export function usdFromString(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const n = Number(amount);
  return Number.isFinite(n) ? usd.format(n) : String(amount);
}

/** 0.4123 → "41.2%". */
export function percent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

export function integer(n: number | null | undefined): string {
  return new Intl.NumberFormat("en-US").format(n ?? 0);
}

/** "disconnected_phone" → "Disconnected phone". */
const ACRONYMS: Record<string, string> = {
  hvac: "HVAC",
  sr22: "SR-22",
  dnc: "DNC",
  tcpa: "TCPA",
  ip: "IP",
  http_post: "HTTP post",
};

export function humanize(code: string): string {
  if (ACRONYMS[code]) return ACRONYMS[code];
  const s = code.replace(/_/g, " ").replace(/\b(hvac|dnc|tcpa|ip)\b/gi, (m) => m.toUpperCase());
  return s.charAt(0).toUpperCase() + s.slice(1);
}
