"use client";
// API keys: create (the secret is shown once, with a copy button), list, revoke.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiFailure, errorMessage } from "./api";
import { CopyButton } from "./copy-button";
import { Field, FormError, TextInput } from "./form";
import { LocalTime } from "./local-time";
import { Badge, buttonClass, Card } from "./ui";
import type { ApiKeyCreatedJson, ApiKeyJson } from "@/lib/openapi/types";

export type KeyRow = Pick<ApiKeyJson, "id" | "name" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt">;

export function ApiKeys({ keys, owner }: { keys: KeyRow[]; owner: { buyerId?: number; sellerId?: number } | null }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [fieldErr, setFieldErr] = useState<string | undefined>();
  const [formErr, setFormErr] = useState<string | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [revoked, setRevoked] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: () =>
      api<ApiKeyCreatedJson>("/api/api-keys", { method: "POST", body: { name: name.trim(), ...(owner ?? {}) } }),
    onMutate: () => {
      setFieldErr(undefined);
      setFormErr(null);
    },
    onSuccess: (res) => {
      setCreated({ key: res.key, name: name.trim() });
      setName("");
      router.refresh();
    },
    onError: (e) => {
      if (e instanceof ApiFailure) setFieldErr(e.fieldErrors().name);
      setFormErr(errorMessage(e));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<ApiKeyJson>(`/api/api-keys/${id}`, { method: "DELETE" }),
    onMutate: (id) => setRevoked((r) => ({ ...r, [id]: new Date().toISOString() })),
    onError: (e, id) => {
      setRevoked((r) => {
        const n = { ...r };
        delete n[id];
        return n;
      });
      setFormErr(errorMessage(e));
    },
    onSuccess: () => router.refresh(),
  });

  return (
    <div className="space-y-6">
      <Card title="Create a key">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Field
            label="Key name"
            error={fieldErr}
            hint="Where it will be used, e.g. “CRM integration”."
            className="min-w-64 flex-1"
          >
            {(ids) => (
              <TextInput ids={ids} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
            )}
          </Field>
          <button type="submit" className={`${buttonClass.primary} mb-5`} disabled={create.isPending || !name.trim()}>
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </form>
        <FormError message={formErr} />
        {created && (
          <div role="status" className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
            <p className="font-medium text-amber-900">
              New key “{created.name}”: copy it now, it will not be shown again.
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code
                className="break-all rounded bg-white px-2 py-1 text-xs ring-1 ring-amber-200"
                data-testid="new-api-key"
              >
                {created.key}
              </code>
              <CopyButton text={created.key} />
            </div>
          </div>
        )}
      </Card>
      <Card title="Your keys">
        {keys.length ? (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th className="px-3 py-2">Name</th>
                  <th className="px-3 py-2">Key</th>
                  <th className="px-3 py-2">Created</th>
                  <th className="px-3 py-2">Last used</th>
                  <th className="px-3 py-2">Status</th>
                  <th className="px-3 py-2 text-right">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => {
                  const gone = k.revokedAt ?? revoked[k.id];
                  return (
                    <tr key={k.id} className={gone ? "text-slate-400" : ""}>
                      <td className="px-3 py-2 font-medium">{k.name}</td>
                      <td className="px-3 py-2">
                        <code className="text-xs">{k.prefix}…</code>
                      </td>
                      <td className="px-3 py-2">
                        <LocalTime iso={k.createdAt} />
                      </td>
                      <td className="px-3 py-2">{k.lastUsedAt ? <LocalTime iso={k.lastUsedAt} /> : "Never"}</td>
                      <td className="px-3 py-2">{gone ? <Badge status="revoked" /> : <Badge status="active" />}</td>
                      <td className="px-3 py-2 text-right">
                        {!gone && (
                          <button
                            type="button"
                            className={buttonClass.small}
                            onClick={() => {
                              if (window.confirm(`Revoke “${k.name}”? Integrations using it stop working at once.`))
                                revoke.mutate(k.id);
                            }}
                          >
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="py-6 text-center text-sm text-slate-500">
            No keys yet. Create one to use the API from your own systems.
          </p>
        )}
      </Card>
    </div>
  );
}
