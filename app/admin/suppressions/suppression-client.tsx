"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api, errorMessage } from "@/components/api";
import { FormError } from "@/components/form";
import { LocalTime } from "@/components/local-time";
import { Badge, buttonClass, inputClass } from "@/components/ui";
import type { SuppressionImportJson } from "@/lib/openapi/types";

type Row = {
  id: number;
  kind: string;
  type: string;
  value: string;
  source: string | null;
  reason: string | null;
  createdAt: string;
};

export function SuppressionTable({ rows }: { rows: Row[] }) {
  const router = useRouter();
  const [removed, setRemoved] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api<null>(`/api/admin/suppressions/${id}`, { method: "DELETE" }),
    onMutate: (id) => {
      setError(null);
      setRemoved((s) => new Set(s).add(id));
    },
    onError: (e, id) => {
      setRemoved((s) => {
        const n = new Set(s);
        n.delete(id);
        return n;
      });
      setError(errorMessage(e));
    },
    onSuccess: () => router.refresh(),
  });
  const visible = rows.filter((r) => !removed.has(r.id));
  return (
    <>
      <FormError message={error} />
      {visible.length ? (
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th className="px-3 py-2">List</th>
                <th className="px-3 py-2">Type</th>
                <th className="px-3 py-2">Value</th>
                <th className="px-3 py-2">Reason / source</th>
                <th className="px-3 py-2">Added</th>
                <th className="px-3 py-2 text-right">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {visible.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2">
                    <Badge status={r.kind === "dnc" ? "paused" : "rejected"}>{r.kind.toUpperCase()}</Badge>
                  </td>
                  <td className="px-3 py-2">{r.type}</td>
                  <td className="px-3 py-2 font-mono text-xs">{r.value}</td>
                  <td className="max-w-xs truncate px-3 py-2 text-slate-600">
                    {[r.reason, r.source].filter(Boolean).join(" · ") || "—"}
                  </td>
                  <td className="px-3 py-2">
                    <LocalTime iso={r.createdAt} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    <button
                      type="button"
                      className={buttonClass.small}
                      onClick={() => remove.mutate(r.id)}
                      aria-label={`Remove ${r.value}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="py-6 text-center text-sm text-slate-500">No entries. Add numbers one by one or import a CSV.</p>
      )}
    </>
  );
}

export function CsvImport() {
  const router = useRouter();
  const id = useId();
  const [kind, setKind] = useState("dnc");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const imp = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error("Choose a CSV file first");
      const csv = await file.text();
      return api<SuppressionImportJson>(`/api/admin/suppressions/import?kind=${kind}`, {
        method: "POST",
        body: { csv },
      });
    },
    onMutate: () => setError(null),
    onSuccess: () => router.refresh(),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <form
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) imp.mutate();
      }}
    >
      <p className="text-xs text-slate-500">
        One entry per line, e.g. a phone number; an optional header row (<code>phone</code>, <code>value</code>…) is
        skipped.
      </p>
      <label className="block">
        <span className="font-medium text-slate-700">List</span>
        <select className={inputClass} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="dnc">Do not call (DNC)</option>
          <option value="blacklist">Blacklist</option>
        </select>
      </label>
      <label htmlFor={id} className="block font-medium text-slate-700">
        CSV file
      </label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200"
      />
      <button type="submit" className={buttonClass.secondary} disabled={!file || imp.isPending}>
        {imp.isPending ? "Importing…" : "Import"}
      </button>
      {imp.data && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-800">
          Imported {imp.data.imported} · {imp.data.duplicates} duplicates · {imp.data.invalid.length} invalid
          {imp.data.invalid.length > 0 &&
            ` (${imp.data.invalid
              .slice(0, 5)
              .map((i) => `line ${i.line}: ${i.issue}`)
              .join("; ")}${imp.data.invalid.length > 5 ? "; …" : ""})`}
        </p>
      )}
      <FormError message={error} />
    </form>
  );
}
