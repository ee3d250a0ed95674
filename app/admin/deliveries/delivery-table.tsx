"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/api";
import { humanize } from "@/components/format";
import { FormError } from "@/components/form";
import { LocalTime } from "@/components/local-time";
import { Badge, buttonClass } from "@/components/ui";
import type { DeliveryJson } from "@/lib/openapi/types";

type Row = {
  id: number;
  leadId: number;
  campaign: string;
  buyer: string;
  method: string;
  target: string | null;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  updatedAt: string;
};

export function DeliveryTable({ rows }: { rows: Row[] }) {
  const router = useRouter();
  const [queued, setQueued] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const replay = useMutation({
    mutationFn: (id: number) => api<DeliveryJson>(`/api/deliveries/${id}/replay`, { method: "POST", body: {} }),
    onMutate: (id) => {
      setError(null);
      setQueued((s) => new Set(s).add(id));
    },
    onError: (e, id) => {
      setQueued((s) => {
        const n = new Set(s);
        n.delete(id);
        return n;
      });
      setError(errorMessage(e));
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <>
      <FormError message={error} />
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th className="px-3 py-2">#</th>
              <th className="px-3 py-2">Buyer / campaign</th>
              <th className="px-3 py-2">Method</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2 text-right">Attempts</th>
              <th className="px-3 py-2">Last error</th>
              <th className="px-3 py-2">Updated</th>
              <th className="px-3 py-2 text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((d) => {
              const st = queued.has(d.id) ? "pending" : d.status;
              return (
                <tr key={d.id}>
                  <td className="px-3 py-2 tabular-nums">
                    {d.id}
                    <span className="block text-xs text-slate-500">lead #{d.leadId}</span>
                  </td>
                  <td className="px-3 py-2">
                    {d.buyer}
                    <span className="block text-xs text-slate-500">{d.campaign}</span>
                  </td>
                  <td className="px-3 py-2">
                    {humanize(d.method)}
                    {d.target && (
                      <span className="block max-w-48 truncate text-xs text-slate-500" title={d.target}>
                        {d.target}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Badge status={st} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {d.attempts}/{d.maxAttempts}
                  </td>
                  <td className="max-w-xs truncate px-3 py-2 text-red-700" title={d.lastError ?? ""}>
                    {d.lastError ?? ""}
                  </td>
                  <td className="px-3 py-2">
                    <LocalTime iso={d.updatedAt} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    {(d.status === "failed" || d.status === "dead") && !queued.has(d.id) && (
                      <button type="button" className={buttonClass.small} onClick={() => replay.mutate(d.id)}>
                        Replay
                      </button>
                    )}
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
