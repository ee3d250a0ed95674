// Horizontal bars for ranked counts (rejection reasons, return reasons): readable without a chart library.
import { humanize, integer } from "./format";

export function BarList({
  items,
  empty = "Nothing to show.",
}: {
  items: { label: string; count: number }[];
  empty?: string;
}) {
  if (!items.length) return <p className="py-6 text-center text-sm text-slate-500">{empty}</p>;
  const max = Math.max(...items.map((i) => i.count), 1);
  const total = items.reduce((a, i) => a + i.count, 0);
  return (
    <ul className="space-y-2">
      {items.map((i) => (
        <li key={i.label} className="text-sm">
          <div className="flex justify-between gap-2">
            <span className="truncate text-slate-700" title={i.label}>
              {humanize(i.label)}
            </span>
            <span className="tabular-nums text-slate-500">
              {integer(i.count)} · {((i.count / total) * 100).toFixed(0)}%
            </span>
          </div>
          <div className="mt-1 h-2 rounded-full bg-slate-100" aria-hidden>
            <div className="h-2 rounded-full bg-brand-500" style={{ width: `${(i.count / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A cap-utilization bar: amber from 80%, red at the cap. */
export function CapBar({ count, cap }: { count: number; cap: number | null }) {
  if (!cap) return <span className="text-xs text-slate-500">{integer(count)} today · no cap</span>;
  const ratio = Math.min(1, count / cap);
  const color = ratio >= 1 ? "bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="min-w-28">
      <div className="flex justify-between text-xs tabular-nums text-slate-600">
        <span>
          {integer(count)} / {integer(cap)}
        </span>
        <span>{Math.round(ratio * 100)}%</span>
      </div>
      <div
        className="mt-1 h-1.5 rounded-full bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={cap}
        aria-valuenow={count}
        aria-label="Today against daily cap"
      >
        <div className={`h-1.5 rounded-full ${color}`} style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
