"use client";
// A sortable table for plain data rows. Cells are described by a `kind` (not a render
// function) so server components can hand rows straight to it.
import Link from "next/link";
import { useMemo, useState } from "react";
import { humanize, integer, percent, usdFromCents } from "./format";
import { LocalTime } from "./local-time";
import { Badge } from "./ui";

export type Column = {
  key: string;
  label: string;
  kind?: "text" | "int" | "cents" | "signed" | "percent" | "datetime" | "date" | "status" | "code" | "list";
  /** Link the cell: "/buyer/leads/{leadId}" (placeholders are row keys). */
  href?: string;
  sortable?: boolean;
  className?: string;
};

type Row = Record<string, unknown>;

function fill(template: string, row: Row) {
  return template.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(String(row[k] ?? "")));
}

function cell(col: Column, v: unknown) {
  if (v === null || v === undefined || v === "") return <span className="text-slate-400">—</span>;
  switch (col.kind) {
    case "int":
      return integer(Number(v));
    case "cents":
      return usdFromCents(Number(v));
    case "signed": {
      const n = Number(v);
      return (
        <span className={n < 0 ? "text-red-700" : "text-emerald-700"}>{(n > 0 ? "+" : "") + usdFromCents(n)}</span>
      );
    }
    case "percent":
      return percent(Number(v));
    case "datetime":
      return <LocalTime iso={String(v)} />;
    case "date":
      return <LocalTime iso={String(v)} mode="date" />;
    case "status":
      return <Badge status={String(v)} />;
    case "code":
      return <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{String(v)}</code>;
    case "list":
      return Array.isArray(v) && v.length ? (
        (v as unknown[]).map(String).map(humanize).join(", ")
      ) : (
        <span className="text-slate-400">—</span>
      );
    default:
      return String(v);
  }
}

const NUMERIC = new Set(["int", "cents", "signed", "percent"]);

export function DataTable({
  columns,
  rows,
  rowKey = "id",
  empty = "Nothing here yet.",
  initialSort,
  caption,
}: {
  columns: Column[];
  rows: Row[];
  rowKey?: string;
  empty?: string;
  initialSort?: { key: string; dir: "asc" | "desc" };
  caption?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const dir = sort.dir === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
      return String(x).localeCompare(String(y), undefined, { numeric: true }) * dir;
    });
  }, [rows, sort]);

  if (!rows.length) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
        {empty}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => {
              const numeric = NUMERIC.has(c.kind ?? "");
              const active = sort?.key === c.key;
              const ariaSort = active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={ariaSort}
                  className={`whitespace-nowrap px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 ${numeric ? "text-right" : "text-left"}`}
                >
                  {c.sortable === false ? (
                    c.label
                  ) : (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
                      onClick={() =>
                        setSort(
                          active && sort.dir === "desc" ? { key: c.key, dir: "asc" } : { key: c.key, dir: "desc" },
                        )
                      }
                    >
                      {c.label}
                      <span aria-hidden className={active ? "text-slate-700" : "text-slate-300"}>
                        {active && sort.dir === "asc" ? "▲" : "▼"}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((r, i) => (
            <tr key={String(r[rowKey] ?? i)} className="hover:bg-slate-50">
              {columns.map((c) => {
                const content = cell(c, r[c.key]);
                return (
                  <td
                    key={c.key}
                    className={`whitespace-nowrap px-3 py-2 ${NUMERIC.has(c.kind ?? "") ? "text-right tabular-nums" : ""} ${c.className ?? ""}`}
                  >
                    {c.href && r[c.key] !== null && r[c.key] !== undefined ? (
                      <Link href={fill(c.href, r)} className="font-medium text-brand-700 hover:underline">
                        {content}
                      </Link>
                    ) : (
                      content
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
