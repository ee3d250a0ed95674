"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { humanize, usdFromCents } from "@/components/format";
import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui";
import { ReturnControl, type ReturnState } from "./return-control";

type Row = {
  saleId: number;
  leadId: number;
  vertical: string;
  subVertical: string | null;
  consumerName: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  qualityScore: number;
  campaign: string;
  priceCents: number;
  status: string;
  createdAt: string;
  returnDeadline: string;
  creditCents: number | null;
  returnReason: string | null;
  consentRevokedAt: string | null;
  erasedAt: string | null;
};

type SortKey = "createdAt" | "priceCents" | "qualityScore" | "consumerName" | "status";

export function InboxTable({ rows, query }: { rows: Row[]; query: string }) {
  // Rows returned in this session, applied at once (the server refresh confirms them).
  const [overrides, setOverrides] = useState<Record<number, ReturnState>>({});
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "createdAt", dir: -1 });
  const view = useMemo(
    () =>
      rows
        .map((r) => ({ ...r, ...(overrides[r.saleId] ?? {}) }))
        .sort((a, b) => {
          const x = a[sort.key] ?? "";
          const y = b[sort.key] ?? "";
          return (
            (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * sort.dir
          );
        }),
    [rows, overrides, sort],
  );
  const th = (key: SortKey | null, label: string, right = false) => (
    <th
      scope="col"
      aria-sort={key && sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
      className={`whitespace-nowrap px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 ${right ? "text-right" : "text-left"}`}
    >
      {key ? (
        <button
          type="button"
          className="uppercase hover:text-slate-800"
          onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : -1 }))}
        >
          {label}{" "}
          <span aria-hidden className={sort.key === key ? "text-slate-700" : "text-slate-300"}>
            {sort.key === key && sort.dir === 1 ? "▲" : "▼"}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
  const suffix = query ? `?${query}` : "";
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Purchased leads</caption>
        <thead>
          <tr>
            {th("createdAt", "Bought")}
            {th("consumerName", "Lead")}
            {th(null, "Campaign")}
            {th("qualityScore", "Quality", true)}
            {th("priceCents", "Price", true)}
            {th("status", "Status")}
            {th(null, "Return", true)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.map((r) => (
            <tr key={r.saleId} className="hover:bg-slate-50" data-lead-id={r.leadId}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                <LocalTime iso={r.createdAt} />
              </td>
              <td className="min-w-44 px-3 py-2">
                <Link href={`/buyer/leads/${r.leadId}${suffix}`} className="font-medium text-brand-700 hover:underline">
                  {r.consumerName ?? `Lead #${r.leadId}`}
                </Link>
                <span className="block text-xs text-slate-500">
                  #{r.leadId} · {humanize(r.vertical)}
                  {r.subVertical ? ` / ${humanize(r.subVertical)}` : ""} · {[r.state, r.zip].filter(Boolean).join(" ")}
                </span>
                {r.consentRevokedAt && (
                  <span className="mt-0.5 block text-xs font-medium text-red-700" data-testid="consent-revoked">
                    Consent revoked on <LocalTime iso={r.consentRevokedAt} /> · do not contact
                  </span>
                )}
                {r.erasedAt && (
                  <span className="mt-0.5 block text-xs text-slate-500">
                    Personal data erased on <LocalTime iso={r.erasedAt} />
                  </span>
                )}
              </td>
              <td className="max-w-36 truncate px-3 py-2 text-slate-600" title={r.campaign}>
                {r.campaign}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{r.qualityScore}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {usdFromCents(r.priceCents)}
                {r.status === "returned" && (
                  <span className="block text-xs text-violet-700">
                    +{usdFromCents(r.creditCents ?? r.priceCents)} credit
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                <Badge status={r.status} />
                {r.returnReason && <span className="block text-xs text-slate-500">{humanize(r.returnReason)}</span>}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right">
                <ReturnControl
                  compact
                  leadId={r.leadId}
                  priceCents={r.priceCents}
                  deadline={r.returnDeadline}
                  state={{ status: r.status, creditCents: r.creditCents, returnReason: r.returnReason }}
                  onReturned={(s) =>
                    setOverrides((o) => {
                      const next = { ...o };
                      if (s) next[r.saleId] = s;
                      else delete next[r.saleId];
                      return next;
                    })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
