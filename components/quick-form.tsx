"use client";
// A small create/edit form described as data (so server pages can declare it): posts JSON to an
// endpoint, shows field-level errors beside the fields, refreshes the page on success.
// A dotted name ("payoutRule.kind") nests in the body, as the API's error fields are named.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiFailure, errorMessage } from "./api";
import { Checkbox, Field, FormError, Select, TextInput } from "./form";
import { buttonClass } from "./ui";

export type QuickField = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "number" | "money" | "select" | "checkbox";
  options?: [string, string][];
  required?: boolean;
  placeholder?: string;
  hint?: string;
  /** Only show (and send) this field when another field has one of these values. */
  showWhen?: { field: string; values: string[] };
  /** Send as a number rather than a string. */
  numeric?: boolean;
  /** A UI-only choice (e.g. which kind of account) that is not part of the request body. */
  local?: boolean;
  /** Send as an array: the text split at commas, spaces or new lines ("" sends []). */
  list?: boolean;
  /** This value sends the field's group (the name before the dot) as null, e.g. "use the default". */
  nullValue?: string;
  /** Send even when empty (edit forms: an emptied list or text is a change). */
  sendEmpty?: boolean;
};

function setPath(body: Record<string, unknown>, name: string, value: unknown) {
  const parts = name.split(".");
  const last = parts.pop() ?? name;
  let at = body;
  for (const p of parts) {
    if (at[p] === null) return; // the group was cleared
    at[p] ??= {};
    at = at[p] as Record<string, unknown>;
  }
  at[last] = value;
}

export function QuickForm({
  endpoint,
  method = "POST",
  fields,
  submitLabel,
  successMessage,
  fixed = {},
  testId,
  initialValues = {},
  keepValues = false,
}: {
  endpoint: string;
  method?: string;
  fields: QuickField[];
  submitLabel: string;
  successMessage: string;
  /** Constant body fields (e.g. type: "adjustment"). */
  fixed?: Record<string, unknown>;
  testId?: string;
  /** Prefilled values (edit forms); checkboxes take "true". */
  initialValues?: Record<string, string>;
  /** Keep what was typed after a successful save (edit forms) instead of clearing the form. */
  keepValues?: boolean;
}) {
  const router = useRouter();
  const initial = Object.fromEntries(
    fields.map((f) => [
      f.name,
      initialValues[f.name] ?? (f.type === "select" && f.required && f.options?.length ? f.options[0][0] : ""),
    ]),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const visible = (f: QuickField) => !f.showWhen || f.showWhen.values.includes(values[f.showWhen.field] ?? "");

  const submit = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { ...fixed };
      for (const f of fields) {
        if (!visible(f) || f.local) continue;
        const v = values[f.name]?.trim() ?? "";
        if (f.nullValue !== undefined && v === f.nullValue) {
          body[f.name.split(".")[0]] = null;
          continue;
        }
        if (f.type === "checkbox") setPath(body, f.name, v === "true");
        else if (f.list) {
          if (v !== "" || f.sendEmpty) setPath(body, f.name, v.split(/[\s,]+/).filter(Boolean));
        } else if (v !== "" || f.sendEmpty) setPath(body, f.name, f.numeric ? Number(v) : v);
      }
      const url = endpoint.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ""));
      return api(url, { method, body });
    },
    onMutate: () => {
      setErrors({});
      setFormError(null);
      setDone(false);
    },
    onSuccess: () => {
      setDone(true);
      if (!keepValues) setValues(initial);
      router.refresh();
    },
    onError: (e) => {
      if (e instanceof ApiFailure) setErrors(e.fieldErrors());
      setFormError(errorMessage(e));
    },
  });

  return (
    <form
      data-testid={testId}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.filter(visible).map((f) =>
          f.type === "checkbox" ? (
            <div key={f.name} className="sm:col-span-2">
              <Checkbox
                label={f.label}
                hint={errors[f.name] ?? f.hint}
                checked={values[f.name] === "true"}
                onChange={(c) => setValues((v) => ({ ...v, [f.name]: c ? "true" : "" }))}
              />
            </div>
          ) : (
            <Field key={f.name} label={f.label} error={errors[f.name]} hint={f.hint}>
              {(ids) =>
                f.type === "select" ? (
                  <Select
                    ids={ids}
                    value={values[f.name]}
                    onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                    required={f.required}
                  >
                    {!f.required && <option value="">—</option>}
                    {f.options?.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <TextInput
                    ids={ids}
                    type={f.type === "money" ? "text" : (f.type ?? "text")}
                    inputMode={f.type === "money" ? "decimal" : undefined}
                    placeholder={f.placeholder}
                    required={f.required}
                    autoComplete={f.type === "password" ? "new-password" : "off"}
                    value={values[f.name]}
                    onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                  />
                )
              }
            </Field>
          ),
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={submit.isPending}>
          {submit.isPending ? "Saving…" : submitLabel}
        </button>
        {done && (
          <span role="status" className="text-sm font-medium text-emerald-700">
            {successMessage}
          </span>
        )}
      </div>
      <FormError message={formError} />
    </form>
  );
}
