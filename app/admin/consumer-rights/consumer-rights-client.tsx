"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/api";
import { FormError } from "@/components/form";
import { buttonClass, inputClass } from "@/components/ui";

/** Paste or pick a deletion file; sent as text/plain, as the API streams it. */
export function DeletionImport() {
  const router = useRouter();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<string | null>(null);
  async function send(body: string | File) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/admin/deletion-requests/import", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body,
        credentials: "same-origin",
      });
      const json = await res.json();
      if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
      setReport(
        `Received ${json.received}, matched ${json.matched}, erased ${json.deleted} lead(s), notified ${json.notified} buyer(s), ${json.badLineCount} bad line(s).`,
      );
      setText("");
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-3 text-sm">
      <FormError message={error} />
      <textarea
        aria-label="Identifiers, one a line"
        className={`${inputClass} h-28 font-mono text-xs`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={"email, phone, or SHA-256 hex — one a line"}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={busy || !text.trim()}
          onClick={() => send(text)}
        >
          {busy ? "Importing…" : "Import"}
        </button>
        <label className={buttonClass.secondary}>
          Upload a file
          <input
            type="file"
            accept=".txt,.csv,text/plain"
            className="sr-only"
            onChange={(e) => e.target.files?.[0] && send(e.target.files[0])}
          />
        </label>
      </div>
      {report && (
        <p role="status" className="text-emerald-800" data-testid="deletion-report">
          {report}
        </p>
      )}
    </div>
  );
}

export function RunRetention() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2 text-sm">
      <FormError message={error} />
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const res = await fetch("/api/admin/retention/run", { method: "POST", credentials: "same-origin" });
            const json = await res.json();
            if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
            setResult(
              `Erased ${json.leadsErased} lead(s), consent evidence of ${json.consentErased}, in ${json.durationMs} ms.`,
            );
            router.refresh();
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Running…" : "Run retention now"}
      </button>
      {result && <p role="status">{result}</p>}
    </div>
  );
}
