"use client";
import { useState } from "react";
import { ApiFailure, api, errorMessage } from "@/components/api";
import { Field, FormError, TextInput } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { OptOutReceiptJson } from "@/lib/openapi/types";

type Request = "stop_contact" | "delete";
const LABELS: Record<Request, string> = { stop_contact: "Stop contacting me", delete: "Delete my data" };

export function OptOutForm() {
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [request, setRequest] = useState<Request>("stop_contact");
  const [step, setStep] = useState<"edit" | "confirm" | "done">("edit");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [reference, setReference] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const r = await api<OptOutReceiptJson>("/api/consumer/opt-out", {
        body: { phone: phone || undefined, email: email || undefined, request },
      });
      setReference(r.reference);
      setStep("done");
    } catch (e) {
      setFields(e instanceof ApiFailure ? e.fieldErrors() : {});
      setError(errorMessage(e));
      setStep("edit");
    } finally {
      setBusy(false);
    }
  }

  if (step === "done") {
    return (
      <div
        className="mt-6 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-900"
        role="status"
        data-testid="opt-out-done"
      >
        <p className="font-medium">Request received.</p>
        <p className="mt-1">
          If we hold data about you, your request is honoured within 10 business days, and no new lead with these
          details will be accepted. For your privacy we do not say here whether we found any.
        </p>
        <p className="mt-2 text-xs text-emerald-800">
          Reference: <span className="font-mono">{reference}</span>
        </p>
      </div>
    );
  }

  if (step === "confirm") {
    return (
      <div className="mt-6 space-y-4 text-sm" data-testid="opt-out-confirm">
        <p className="font-medium">Please confirm:</p>
        <ul className="list-disc space-y-1 pl-5 text-slate-700">
          {phone && <li>Phone: {phone}</li>}
          {email && <li>Email: {email}</li>}
          <li>Request: {LABELS[request]}</li>
        </ul>
        <div className="flex gap-3">
          <button type="button" className={buttonClass.primary} disabled={busy} onClick={submit}>
            {busy ? "Sending…" : "Confirm"}
          </button>
          <button type="button" className={buttonClass.secondary} disabled={busy} onClick={() => setStep("edit")}>
            Change
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!phone.trim() && !email.trim()) {
          setFields({ phone: "Enter a phone number or an email address" });
          return;
        }
        setFields({});
        setStep("confirm");
      }}
    >
      <FormError message={error} />
      <Field label="Phone number" error={fields.phone} hint="US number, any format">
        {(ids) => (
          <TextInput
            ids={ids}
            type="tel"
            name="phone"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="(650) 776-9592"
          />
        )}
      </Field>
      <Field label="Email address" error={fields.email}>
        {(ids) => (
          <TextInput
            ids={ids}
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="you@example.com"
          />
        )}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">What should we do?</legend>
        {(Object.keys(LABELS) as Request[]).map((k) => (
          <label key={k} className="mt-2 flex items-center gap-2 text-sm">
            <input type="radio" name="request" value={k} checked={request === k} onChange={() => setRequest(k)} />
            {LABELS[k]}
          </label>
        ))}
      </fieldset>
      <button type="submit" className={buttonClass.primary}>
        Continue
      </button>
    </form>
  );
}
