"use client";
// Integration help: send a real ping, lead or compliance post to the live API and show
// exactly what came back (status, time, body), plus the same request as curl.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { Field, Select, TextInput } from "@/components/form";
import { buttonClass, Card, inputClass } from "@/components/ui";

type Mode = "ping" | "ingest" | "compliance";

const ENDPOINT: Record<Mode, string> = {
  ping: "/api/leads/ping",
  ingest: "/api/leads/ingest",
  compliance: "/api/leads",
};

/** `n` varies phone and email so repeated tries are not rejected as duplicates (0: stable, for the server render). */
function samples(listId: string | null, n: number): Record<Mode, unknown> {
  // Not 555 numbers: validation rejects those as fake.
  const phone = `6024${String(n % 1_000_000).padStart(6, "0")}`;
  return {
    ping: {
      vertical: "home_services",
      subVertical: "plumbing",
      consumerState: "CA",
      consumerZip: "90210",
      leadData: { homeowner: true, project_type: "repair" },
    },
    ingest: {
      vertical: "home_services",
      subVertical: "plumbing",
      sourceType: "arb_purchase",
      consumerName: "John Smith",
      consumerEmail: `john.smith.${n % 100000}@example.com`,
      consumerPhone: `3104${String((n * 7) % 1_000_000).padStart(6, "0")}`,
      consumerState: "CA",
      consumerZip: "90210",
      consumerCity: "Beverly Hills",
      cost: "28.00",
      leadData: { project_type: "repair", homeowner: true, description: "Leaking kitchen faucet" },
      consent: {
        text: "By submitting this form, I agree...",
        timestamp: new Date(n ? Date.now() : Date.UTC(2026, 0, 1)).toISOString(),
        ip: "73.162.10.20",
      },
    },
    compliance: {
      firstName: "John",
      lastName: "Doe",
      email: `johndoe.${n % 100000}@example.com`,
      phone,
      address: "123 Main St",
      city: "Houston",
      state: "TX",
      zipCode: "77001",
      listId: listId ?? "your-list-id",
      campaignId: "your_assigned_campaign_id",
      incomeBracket: "$75,000-$100,000",
      homeownerStatus: "Homeowner",
      dob: "1980-05-15",
      source: "Top of Funnel LLC",
      trustedFormCertUrl: "https://cert.trustedform.com/example",
    },
  };
}

type Result = { status: number; ms: number; body: string };

export function TryIt({ listId }: { listId: string | null }) {
  const [mode, setMode] = useState<Mode>("ingest");
  const [key, setKey] = useState("");
  const [bodies, setBodies] = useState<Record<Mode, string>>(() => render(samples(listId, 0)));
  const [origin, setOrigin] = useState("https://your-server");
  // Fresh consumer data once in the browser (the server render must be deterministic).
  useEffect(() => {
    setBodies(render(samples(listId, Date.now())));
    setOrigin(window.location.origin);
  }, [listId]);
  const [jsonError, setJsonError] = useState<string | undefined>();

  const send = useMutation({
    mutationFn: async (): Promise<Result> => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(bodies[mode]);
      } catch (e) {
        throw new Error(`The body is not valid JSON: ${(e as Error).message}`);
      }
      const headers: Record<string, string> = { "content-type": "application/json" };
      // The compliance spec carries the key as a body `token`; the others use a bearer header.
      if (key.trim() && mode !== "compliance") headers.authorization = `Bearer ${key.trim()}`;
      const body = mode === "compliance" && key.trim() ? { ...(parsed as object), token: key.trim() } : parsed;
      const t = performance.now();
      const res = await fetch(ENDPOINT[mode], {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        credentials: key.trim() ? "omit" : "same-origin",
      });
      const text = await res.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        /* not JSON: show it raw */
      }
      return { status: res.status, ms: Math.round(performance.now() - t), body: pretty };
    },
    onMutate: () => setJsonError(undefined),
    onError: (e) => setJsonError((e as Error).message),
  });

  const curl = `curl -X POST ${origin}${ENDPOINT[mode]} \\\n  -H 'content-type: application/json' \\\n${mode === "compliance" ? "" : `  -H 'authorization: Bearer ${key.trim() || "<your API key>"}' \\\n`}  -d '${mode === "compliance" ? JSON.stringify({ ...(safeParse(bodies[mode]) as object), token: key.trim() || "<your API key>" }) : compact(bodies[mode])}'`;
  const r = send.data;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card title="Request">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="What to send">
              {(ids) => (
                <Select ids={ids} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
                  <option value="ping">Ping (/api/leads/ping)</option>
                  <option value="ingest">Lead (/api/leads/ingest)</option>
                  <option value="compliance">Compliance post (/api/leads)</option>
                </Select>
              )}
            </Field>
            <Field label="Your API key" hint="Empty: send as your signed-in session.">
              {(ids) => (
                <TextInput
                  ids={ids}
                  value={key}
                  onChange={(e) => setKey(e.target.value)}
                  autoComplete="off"
                  placeholder="tlg_…"
                />
              )}
            </Field>
          </div>
          <Field label="JSON body" error={jsonError}>
            {(ids) => (
              <textarea
                id={ids.id}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid || undefined}
                rows={18}
                spellCheck={false}
                className={`${inputClass} font-mono text-xs`}
                value={bodies[mode]}
                onChange={(e) => setBodies((b) => ({ ...b, [mode]: e.target.value }))}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass.primary} disabled={send.isPending}>
              {send.isPending ? "Sending…" : "Send request"}
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() =>
                setBodies((b) => ({ ...b, [mode]: JSON.stringify(samples(listId, Date.now())[mode], null, 2) }))
              }
            >
              Fresh sample
            </button>
          </div>
        </form>
      </Card>
      <div className="space-y-6">
        <Card title="Response">
          {r ? (
            <div data-testid="try-response">
              <p className="text-sm">
                <span className={`font-semibold ${r.status < 300 ? "text-emerald-700" : "text-red-700"}`}>
                  HTTP {r.status}
                </span>
                <span className="text-slate-500"> · {r.ms} ms</span>
              </p>
              <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
                {r.body}
              </pre>
            </div>
          ) : (
            <p className="py-6 text-center text-sm text-slate-500">
              {send.isPending ? "Waiting for the server…" : "Send a request to see the live response here."}
            </p>
          )}
        </Card>
        <Card title="The same request with curl" actions={<CopyButton text={curl} />}>
          <pre className="overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 p-3 text-xs text-slate-800">
            {curl}
          </pre>
        </Card>
      </div>
    </div>
  );
}

function render(x: Record<Mode, unknown>): Record<Mode, string> {
  return {
    ping: JSON.stringify(x.ping, null, 2),
    ingest: JSON.stringify(x.ingest, null, 2),
    compliance: JSON.stringify(x.compliance, null, 2),
  };
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return {};
  }
}

function compact(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s));
  } catch {
    return s;
  }
}
