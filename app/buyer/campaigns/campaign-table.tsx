"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { api, errorMessage } from "@/components/api";
import { CapBar } from "@/components/bar-list";
import { humanize, usdFromCents } from "@/components/format";
import { Badge, buttonClass } from "@/components/ui";
import type { CampaignJson } from "@/lib/openapi/types";
import type { CampaignRow } from "@/lib/queries/buyer";

type SortKey = "name" | "priceCents" | "todayCount" | "status" | "priority";

export function CampaignTable({ rows, query }: { rows: CampaignRow[]; query: string }) {
  const router = useRouter();
  // Optimistic status per campaign: the button flips at once and rolls back if the API refuses.
  const [status, setStatus] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "status", dir: 1 });
  const toggle = useMutation({
    mutationFn: ({ id, next }: { id: number; next: string }) =>
      api<CampaignJson>(`/api/buyer-campaigns/${id}`, { method: "PATCH", body: { status: next } }),
    onMutate: ({ id, next }) => {
      setError(null);
      const prev = status[id];
      setStatus((s) => ({ ...s, [id]: next }));
      return { id, prev };
    },
    onError: (e, _v, ctx) => {
      if (ctx) setStatus((s) => ({ ...s, [ctx.id]: ctx.prev as string }));
      setError(errorMessage(e));
    },
    onSuccess: () => router.refresh(),
  });
  const sorted = useMemo(
    () =>
      [...rows].sort((a, b) => {
        const x = a[sort.key];
        const y = b[sort.key];
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * sort.dir;
      }),
    [rows, sort],
  );
  const th = (key: SortKey, label: string, right = false) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
      className={`px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 ${right ? "text-right" : "text-left"}`}
    >
      <button
        type="button"
        className="uppercase hover:text-slate-800"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
      >
        {label}{" "}
        <span aria-hidden className={sort.key === key ? "text-slate-700" : "text-slate-300"}>
          {sort.key === key && sort.dir === -1 ? "▼" : "▲"}
        </span>
      </button>
    </th>
  );
  return (
    <>
      {error && (
        <p role="alert" className="m-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Your campaigns</caption>
          <thead>
            <tr>
              {th("name", "Campaign")}
              {th("status", "Status")}
              {th("priceCents", "Price", true)}
              {th("todayCount", "Today vs cap")}
              {th("priority", "Priority", true)}
              <th
                scope="col"
                className="px-3 py-2 text-right text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                Actions
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sorted.map((c) => {
              const st = status[c.id] ?? c.status;
              const next = st === "active" ? "paused" : "active";
              return (
                <tr key={c.id} className="hover:bg-slate-50">
                  <td className="px-3 py-3">
                    <Link
                      href={`/buyer/campaigns/${c.id}${query ? `?${query}` : ""}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {c.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {humanize(c.vertical)}
                      {c.subVertical ? ` · ${humanize(c.subVertical)}` : ""} ·{" "}
                      {c.states.length ? c.states.join(", ") : "All states"}
                      {c.exclusive ? " · exclusive" : ""}
                    </p>
                    {c.autoPausedReason && <p className="text-xs text-amber-700">Auto-paused: {c.autoPausedReason}</p>}
                  </td>
                  <td className="px-3 py-3">
                    <Badge status={st} />
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">
                    {usdFromCents(c.priceCents)}
                    <span className="block text-xs text-slate-500">{c.bidType}</span>
                  </td>
                  <td className="px-3 py-3">
                    <CapBar count={c.todayCount} cap={c.dailyCap} />
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">{c.priority}</td>
                  <td className="px-3 py-3 text-right">
                    <span className="inline-flex gap-2">
                      <button
                        type="button"
                        className={buttonClass.small}
                        disabled={toggle.isPending && toggle.variables?.id === c.id}
                        onClick={() => toggle.mutate({ id: c.id, next })}
                        aria-label={`${st === "active" ? "Pause" : "Resume"} ${c.name}`}
                      >
                        {st === "active" ? "Pause" : "Resume"}
                      </button>
                      <Link
                        href={`/buyer/campaigns/${c.id}${query ? `?${query}` : ""}`}
                        className={buttonClass.small}
                        aria-label={`Edit ${c.name}`}
                      >
                        Edit
                      </Link>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
