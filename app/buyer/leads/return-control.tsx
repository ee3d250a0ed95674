"use client";
// The Return button: visible while the return window is open, with the time left ticking,
// a reason picker and a confirmation step. The caller updates its row optimistically.
// POST /api/leads/{id}/return answers only { message }: the credit is always the sale's price (see
// lib/returns.ts), so the optimistic row shows the price, and router.refresh() then shows the
// stored LeadReturn.creditAmount.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "@/components/api";
import { formatLeft, useNow } from "@/components/countdown";
import { usdFromCents } from "@/components/format";
import { buttonClass, inputClass } from "@/components/ui";
import type { MessageJson } from "@/lib/openapi/types";

export const RETURN_REASONS: [string, string][] = [
  ["disconnected_phone", "Disconnected phone"],
  ["wrong_number", "Wrong number"],
  ["duplicate", "Duplicate"],
  ["fake_information", "Fake information"],
  ["not_interested", "Not interested"],
  ["outside_service_area", "Outside service area"],
  ["other", "Other"],
];

export type ReturnState = { status: string; creditCents: number | null; returnReason?: string | null };

export function ReturnControl({
  leadId,
  priceCents,
  deadline,
  state,
  onReturned,
  compact = false,
}: {
  leadId: number;
  priceCents: number;
  deadline: string;
  state: ReturnState;
  /** Called at once when the buyer confirms (optimistic) and with null when the API refuses. */
  onReturned?: (s: ReturnState | null) => void;
  compact?: boolean;
}) {
  const router = useRouter();
  const now = useNow();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("disconnected_phone");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [local, setLocal] = useState<ReturnState>(state);
  const ids = useId();
  useEffect(() => setLocal(state), [state]);

  const ret = useMutation({
    mutationFn: () =>
      api<MessageJson>(`/api/leads/${leadId}/return`, {
        method: "POST",
        body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onMutate: () => {
      setError(null);
      const optimistic = { status: "returned", creditCents: priceCents, returnReason: reason };
      setLocal(optimistic);
      onReturned?.(optimistic);
      dialog.current?.close();
    },
    onError: (e) => {
      setLocal(state);
      onReturned?.(null);
      setError(errorMessage(e));
    },
    onSuccess: () => router.refresh(),
  });

  if (local.status === "returned") {
    return (
      <span className="text-xs font-medium text-violet-700">
        Returned · {usdFromCents(local.creditCents ?? priceCents)} credited
        {ret.isPending && <span className="ml-1 text-slate-500">(saving…)</span>}
      </span>
    );
  }
  const left = now === null ? null : new Date(deadline).getTime() - now;
  if (left !== null && left <= 0) return <span className="text-xs text-slate-500">Return window closed</span>;

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <span className="inline-flex items-center gap-2">
        <span className="text-xs tabular-nums text-slate-500" aria-live="off">
          {left === null ? "…" : `${formatLeft(left)} left`}
        </span>
        <button
          type="button"
          className={compact ? buttonClass.small : buttonClass.secondary}
          onClick={() => dialog.current?.showModal()}
        >
          Return
        </button>
      </span>
      {error && (
        <span role="alert" className="max-w-64 text-right text-xs text-red-700">
          {error}
        </span>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={`${ids}-t`}
        className="m-auto w-full max-w-md rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            ret.mutate();
          }}
        >
          <h2 id={`${ids}-t`} className="text-lg font-semibold text-slate-900">
            Return lead #{leadId}?
          </h2>
          <p className="text-sm text-slate-600">
            You will be credited {usdFromCents(priceCents)}. The window closes in{" "}
            {left === null ? "…" : formatLeft(left)}.
          </p>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Reason</span>
            <select className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)}>
              {RETURN_REASONS.map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium text-slate-700">Note (optional)</span>
            <textarea
              className={inputClass}
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={buttonClass.primary}>
              Confirm return
            </button>
          </div>
        </form>
      </dialog>
    </span>
  );
}
