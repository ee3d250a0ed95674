"use client";
// The campaign editor (create and edit). Sends the documented body to /api/buyer-campaigns
// and shows the API's field-level messages beside the fields they name.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiFailure, errorMessage } from "@/components/api";
import { Checkbox, Field, FormError, Select, TextInput } from "@/components/form";
import { humanize } from "@/components/format";
import { US_STATES } from "@/components/us-states";
import { CopyButton } from "@/components/copy-button";
import { buttonClass, Card, inputClass } from "@/components/ui";
import type { CampaignWithSecretJson, RotatedSecretJson } from "@/lib/openapi/types";
import type { CampaignFormValues } from "./campaign-defaults";

const TIMEZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "UTC",
];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const OPS: [string, string][] = [
  ["eq", "equals"],
  ["neq", "is not"],
  ["in", "is one of"],
  ["gte", "at least"],
  ["lte", "at most"],
];

const intOrNull = (s: string) => (s.trim() === "" ? null : Number(s));

/** JSON-ish filter values: true/false/numbers stay typed, "a, b" becomes a list for "in". */
function filterValue(op: string, raw: string): unknown {
  const one = (s: string): unknown =>
    s === "true" ? true : s === "false" ? false : s !== "" && !Number.isNaN(Number(s)) ? Number(s) : s;
  return op === "in"
    ? raw
        .split(",")
        .map((s) => one(s.trim()))
        .filter((v) => v !== "")
    : one(raw.trim());
}

/** `buyerId` only on create (an admin naming the owner); a campaign never changes owner. */
function toBody(v: CampaignFormValues, buyerId: number | null) {
  const json = (raw: string, field: string, example: string, array: boolean): unknown => {
    if (v.deliveryMethod !== "http_post" || !raw.trim()) return undefined;
    try {
      const parsed = JSON.parse(raw);
      if (Array.isArray(parsed) !== array || typeof parsed !== "object" || parsed === null) throw new Error("shape");
      return parsed;
    } catch {
      throw new ApiFailure(400, "validation_failed", "Fix the highlighted fields", [
        { field, issue: `must be JSON like ${example}` },
      ]);
    }
  };
  const mapping = json(
    v.deliveryMapping,
    "deliveryConfig.mapping",
    '[{"from": "firstName", "to": "first_name"}]',
    true,
  );
  const constants = json(v.deliveryConstants, "deliveryConfig.constants", '{"listId": "…", "campaignId": "…"}', false);
  const url = v.deliveryUrl.trim() ? { url: v.deliveryUrl.trim() } : {};
  const deliveryConfig =
    v.deliveryMethod === "webhook"
      ? url
      : v.deliveryMethod === "http_post"
        ? {
            ...url,
            format: "json",
            synchronous: v.deliverySynchronous,
            ...(v.deliveryPreset ? { preset: "seed001" } : {}),
            ...(mapping ? { mapping } : {}),
            ...(constants ? { constants } : {}),
            ...(v.deliveryToken.trim() ? { token: v.deliveryToken.trim() } : {}),
          }
        : {};
  return {
    ...(buyerId ? { buyerId } : {}),
    name: v.name.trim(),
    vertical: v.vertical,
    subVertical: v.subVertical || null,
    geoTargets: { states: v.states, zips: v.zips.split(/[\s,]+/).filter(Boolean) },
    filters: v.filters
      .filter((f) => f.field.trim())
      .map((f) => ({ field: f.field.trim(), op: f.op, value: filterValue(f.op, f.value) })),
    pricePerLead: v.pricePerLead.trim(),
    bidType: v.bidType,
    ...(v.bidType === "dynamic" && v.pingUrl.trim() ? { pingUrl: v.pingUrl.trim() } : {}),
    dailyCap: intOrNull(v.dailyCap),
    hourlyCap: intOrNull(v.hourlyCap),
    monthlyCap: intOrNull(v.monthlyCap),
    dailyBudget: v.dailyBudget.trim() === "" ? null : v.dailyBudget.trim(),
    schedule: v.scheduleOn
      ? { timezone: v.timezone, days: v.days, startHour: Number(v.startHour), endHour: Number(v.endHour) }
      : null,
    exclusive: v.exclusive,
    pingPostEnabled: v.pingPostEnabled,
    returnWindowHours: Number(v.returnWindowHours),
    priority: Number(v.priority),
    status: v.status,
    deliveryMethod: v.deliveryMethod,
    deliveryConfig,
  };
}

export function CampaignForm({
  campaignId,
  initial,
  verticals,
  buyerId,
  backHref,
}: {
  campaignId: number | null;
  initial: CampaignFormValues;
  verticals: { key: string; name: string; subVerticals: string[] }[];
  /** Sent in the body only when an admin edits another buyer's campaigns. */
  buyerId: number | null;
  backHref: string;
}) {
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const set = <K extends keyof CampaignFormValues>(k: K, value: CampaignFormValues[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  const err = (...keys: string[]) => keys.map((k) => errors[k]).find(Boolean);
  const subs = verticals.find((x) => x.key === v.vertical)?.subVerticals ?? [];

  const save = useMutation({
    mutationFn: async () => {
      const body = toBody(v, campaignId ? null : buyerId);
      return campaignId
        ? api<CampaignWithSecretJson>(`/api/buyer-campaigns/${campaignId}`, { method: "PATCH", body })
        : api<CampaignWithSecretJson>("/api/buyer-campaigns", { method: "POST", body });
    },
    onMutate: () => {
      setErrors({});
      setFormError(null);
      setSaved(false);
    },
    onError: (e) => {
      if (e instanceof ApiFailure && e.details.length) setErrors(e.fieldErrors());
      setFormError(
        e instanceof ApiFailure && e.details.length ? `${e.message}: fix the highlighted fields.` : errorMessage(e),
      );
    },
    onSuccess: (res) => {
      setSaved(true);
      if (!campaignId) {
        const q = backHref.includes("?") ? backHref.slice(backHref.indexOf("?")) : "";
        router.push(`/buyer/campaigns/${res.id}${q ? `${q}&` : "?"}created=1`);
      } else router.refresh();
    },
  });

  const rotate = useMutation({
    mutationFn: () =>
      api<RotatedSecretJson>(`/api/buyer-campaigns/${campaignId}/rotate-secret`, { method: "POST", body: {} }),
    onSuccess: (res) => setSecret(res.webhookSecret),
    onError: (e) => setFormError(errorMessage(e)),
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      className="space-y-6"
    >
      <Card title="Basics">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Campaign name" error={err("name")}>
            {(ids) => (
              <TextInput
                ids={ids}
                value={v.name}
                onChange={(e) => set("name", e.target.value)}
                required
                maxLength={120}
              />
            )}
          </Field>
          <Field label="Status" error={err("status")}>
            {(ids) => (
              <Select ids={ids} value={v.status} onChange={(e) => set("status", e.target.value as "active" | "paused")}>
                <option value="active">Active: buying leads</option>
                <option value="paused">Paused</option>
              </Select>
            )}
          </Field>
          <Field label="Vertical" error={err("vertical")}>
            {(ids) => (
              <Select
                ids={ids}
                value={v.vertical}
                onChange={(e) => {
                  set("vertical", e.target.value);
                  set("subVertical", "");
                }}
                required
              >
                <option value="">Choose a vertical…</option>
                {verticals.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Sub-vertical" error={err("subVertical")} hint="Leave empty to buy every sub-vertical.">
            {(ids) => (
              <Select
                ids={ids}
                value={v.subVertical}
                onChange={(e) => set("subVertical", e.target.value)}
                disabled={!subs.length}
              >
                <option value="">Any</option>
                {subs.map((s) => (
                  <option key={s} value={s}>
                    {humanize(s)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      </Card>

      <Card title="Targeting">
        <fieldset aria-describedby="states-help">
          <legend className="text-sm font-medium text-slate-700">Target states</legend>
          <p id="states-help" className="text-xs text-slate-500">
            {v.states.length
              ? `${v.states.length} selected: ${v.states.join(", ")}`
              : "None selected: leads from every state qualify."}{" "}
            <button
              type="button"
              className="font-medium text-brand-700 hover:underline"
              onClick={() =>
                set(
                  "states",
                  US_STATES.map(([c]) => c),
                )
              }
            >
              Select all
            </button>{" "}
            ·{" "}
            <button
              type="button"
              className="font-medium text-brand-700 hover:underline"
              onClick={() => set("states", [])}
            >
              Clear
            </button>
          </p>
          {err("geoTargets.states", "geoTargets") && (
            <p className="mt-1 text-xs text-red-700">{err("geoTargets.states", "geoTargets")}</p>
          )}
          <div className="mt-2 grid grid-cols-4 gap-1 sm:grid-cols-8 lg:grid-cols-13">
            {US_STATES.map(([code, name]) => {
              const on = v.states.includes(code);
              return (
                <label
                  key={code}
                  title={name}
                  className={`flex cursor-pointer items-center justify-center rounded border px-1 py-1 text-xs font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${on ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"}`}
                >
                  <input
                    type="checkbox"
                    className="sr-only"
                    checked={on}
                    aria-label={name}
                    onChange={() => set("states", on ? v.states.filter((s) => s !== code) : [...v.states, code].sort())}
                  />
                  {code}
                </label>
              );
            })}
          </div>
        </fieldset>
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <Field
            label="Target ZIP codes"
            error={err("geoTargets.zips")}
            hint="Optional. Separate with commas or spaces; empty means every ZIP in the chosen states."
          >
            {(ids) => (
              <textarea
                id={ids.id}
                aria-describedby={ids.describedBy}
                aria-invalid={ids.invalid || undefined}
                rows={2}
                className={inputClass}
                value={v.zips}
                onChange={(e) => set("zips", e.target.value)}
              />
            )}
          </Field>
          <div className="text-sm">
            <p className="font-medium text-slate-700">Lead-field filters</p>
            <p className="text-xs text-slate-500">Only buy leads whose answers match, e.g. homeowner equals true.</p>
            {err("filters") && <p className="text-xs text-red-700">{err("filters")}</p>}
            <ul className="mt-2 space-y-2">
              {v.filters.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: filter rows have no identity of their own and every input is controlled from v.filters, so a row's position is its key
                <li key={i} className="grid grid-cols-[minmax(0,1fr)_7.5rem_minmax(0,1fr)_auto] items-center gap-2">
                  <input
                    aria-label={`Filter ${i + 1} field`}
                    placeholder="field, e.g. homeowner"
                    className={`${inputClass} !mt-0`}
                    value={f.field}
                    onChange={(e) =>
                      set(
                        "filters",
                        v.filters.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)),
                      )
                    }
                  />
                  <select
                    aria-label={`Filter ${i + 1} operator`}
                    className={`${inputClass} !mt-0`}
                    value={f.op}
                    onChange={(e) =>
                      set(
                        "filters",
                        v.filters.map((x, j) => (j === i ? { ...x, op: e.target.value } : x)),
                      )
                    }
                  >
                    {OPS.map(([k, l]) => (
                      <option key={k} value={k}>
                        {l}
                      </option>
                    ))}
                  </select>
                  <input
                    aria-label={`Filter ${i + 1} value`}
                    placeholder="value"
                    className={`${inputClass} !mt-0`}
                    value={f.value}
                    onChange={(e) =>
                      set(
                        "filters",
                        v.filters.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)),
                      )
                    }
                  />
                  <button
                    type="button"
                    className={buttonClass.small}
                    onClick={() =>
                      set(
                        "filters",
                        v.filters.filter((_, j) => j !== i),
                      )
                    }
                    aria-label={`Remove filter ${i + 1}`}
                  >
                    Remove
                  </button>
                  {err(`filters.${i}`) && (
                    <span className="col-span-4 text-xs text-red-700">{err(`filters.${i}`)}</span>
                  )}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className={`${buttonClass.small} mt-2`}
              onClick={() => set("filters", [...v.filters, { field: "", op: "eq", value: "" }])}
            >
              + Add filter
            </button>
          </div>
        </div>
      </Card>

      <Card title="Price, caps and budget">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Price per lead (USD)" error={err("pricePerLead")}>
            {(ids) => (
              <TextInput
                ids={ids}
                inputMode="decimal"
                placeholder="55.00"
                value={v.pricePerLead}
                onChange={(e) => set("pricePerLead", e.target.value)}
                required
              />
            )}
          </Field>
          <Field
            label="Bid type"
            error={err("bidType")}
            hint={
              v.bidType === "dynamic" ? "We ping your URL for a price per lead." : "You always pay the price above."
            }
          >
            {(ids) => (
              <Select
                ids={ids}
                value={v.bidType}
                onChange={(e) => set("bidType", e.target.value as "fixed" | "dynamic")}
              >
                <option value="fixed">Fixed</option>
                <option value="dynamic">Dynamic</option>
              </Select>
            )}
          </Field>
          {v.bidType === "dynamic" && (
            <Field label="Bid (ping) URL" error={err("pingUrl")} className="sm:col-span-2">
              {(ids) => (
                <TextInput
                  ids={ids}
                  type="url"
                  placeholder="https://bids.example.com/ping"
                  value={v.pingUrl}
                  onChange={(e) => set("pingUrl", e.target.value)}
                />
              )}
            </Field>
          )}
          <Field label="Daily cap (leads)" error={err("dailyCap")} hint="Empty: no daily cap.">
            {(ids) => (
              <TextInput
                ids={ids}
                type="number"
                min={1}
                value={v.dailyCap}
                onChange={(e) => set("dailyCap", e.target.value)}
              />
            )}
          </Field>
          <Field label="Hourly cap" error={err("hourlyCap")}>
            {(ids) => (
              <TextInput
                ids={ids}
                type="number"
                min={1}
                value={v.hourlyCap}
                onChange={(e) => set("hourlyCap", e.target.value)}
              />
            )}
          </Field>
          <Field label="Monthly cap" error={err("monthlyCap")}>
            {(ids) => (
              <TextInput
                ids={ids}
                type="number"
                min={1}
                value={v.monthlyCap}
                onChange={(e) => set("monthlyCap", e.target.value)}
              />
            )}
          </Field>
          <Field label="Daily budget (USD)" error={err("dailyBudget")} hint="Empty: no budget limit.">
            {(ids) => (
              <TextInput
                ids={ids}
                inputMode="decimal"
                placeholder="2000.00"
                value={v.dailyBudget}
                onChange={(e) => set("dailyBudget", e.target.value)}
              />
            )}
          </Field>
          <Field label="Return window (hours)" error={err("returnWindowHours")}>
            {(ids) => (
              <TextInput
                ids={ids}
                type="number"
                min={0}
                max={720}
                value={v.returnWindowHours}
                onChange={(e) => set("returnWindowHours", e.target.value)}
              />
            )}
          </Field>
          <Field label="Priority" error={err("priority")} hint="Higher wins ties between your campaigns.">
            {(ids) => (
              <TextInput
                ids={ids}
                type="number"
                min={1}
                max={10}
                value={v.priority}
                onChange={(e) => set("priority", e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="mt-4 grid gap-3 sm:grid-cols-2">
          <Checkbox
            label="Exclusive"
            hint="Buy each lead alone (no other buyer gets it)."
            checked={v.exclusive}
            onChange={(b) => set("exclusive", b)}
          />
          <Checkbox
            label="Ping/post enabled"
            hint="Take part in sellers' ping auctions."
            checked={v.pingPostEnabled}
            onChange={(b) => set("pingPostEnabled", b)}
          />
        </div>
      </Card>

      <Card title="Schedule">
        <Checkbox
          label="Only buy during set hours"
          hint="Off: the campaign buys around the clock."
          checked={v.scheduleOn}
          onChange={(b) => set("scheduleOn", b)}
        />
        {v.scheduleOn && (
          <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field label="Time zone" error={err("schedule.timezone")}>
              {(ids) => (
                <Select ids={ids} value={v.timezone} onChange={(e) => set("timezone", e.target.value)}>
                  {TIMEZONES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="From hour (0–23)" error={err("schedule.startHour")}>
              {(ids) => (
                <TextInput
                  ids={ids}
                  type="number"
                  min={0}
                  max={23}
                  value={v.startHour}
                  onChange={(e) => set("startHour", e.target.value)}
                />
              )}
            </Field>
            <Field label="Until hour (1–24)" error={err("schedule.endHour")}>
              {(ids) => (
                <TextInput
                  ids={ids}
                  type="number"
                  min={1}
                  max={24}
                  value={v.endHour}
                  onChange={(e) => set("endHour", e.target.value)}
                />
              )}
            </Field>
            <fieldset className="text-sm">
              <legend className="font-medium text-slate-700">Days</legend>
              <div className="mt-1 flex flex-wrap gap-1">
                {DAYS.map((d, i) => {
                  const on = v.days.includes(i);
                  return (
                    <label
                      key={d}
                      className={`cursor-pointer rounded border px-2 py-1 text-xs has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${on ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 text-slate-600"}`}
                    >
                      <input
                        type="checkbox"
                        className="sr-only"
                        checked={on}
                        onChange={() => set("days", on ? v.days.filter((x) => x !== i) : [...v.days, i].sort())}
                      />
                      {d}
                    </label>
                  );
                })}
              </div>
              {err("schedule.days", "schedule") && (
                <p className="mt-1 text-xs text-red-700">{err("schedule.days", "schedule")}</p>
              )}
            </fieldset>
          </div>
        )}
      </Card>

      <Card title="Delivery">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Delivery method" error={err("deliveryMethod")}>
            {(ids) => (
              <Select
                ids={ids}
                value={v.deliveryMethod}
                onChange={(e) => set("deliveryMethod", e.target.value as CampaignFormValues["deliveryMethod"])}
              >
                <option value="portal">Portal only (read leads here)</option>
                <option value="webhook">Webhook (signed JSON POST)</option>
                <option value="http_post">HTTP post to your system (field mapping)</option>
              </Select>
            )}
          </Field>
          {v.deliveryMethod !== "portal" && (
            <Field
              label={v.deliveryMethod === "webhook" ? "Webhook URL" : "Post URL"}
              error={err("deliveryConfig.url", "deliveryConfig")}
            >
              {(ids) => (
                <TextInput
                  ids={ids}
                  type="url"
                  placeholder="https://crm.example.com/leads"
                  value={v.deliveryUrl}
                  onChange={(e) => set("deliveryUrl", e.target.value)}
                />
              )}
            </Field>
          )}
        </div>
        {v.deliveryMethod === "webhook" && (
          <div className="mt-4 rounded-md bg-slate-50 p-3 text-sm">
            <p className="text-slate-700">
              Webhooks are signed (Standard Webhooks: <code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
              <code>webhook-signature</code>) with this campaign&apos;s secret.
            </p>
            {campaignId ? (
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  className={buttonClass.secondary}
                  onClick={() => rotate.mutate()}
                  disabled={rotate.isPending}
                >
                  {rotate.isPending ? "Generating…" : "Generate a new signing secret"}
                </button>
                {secret && (
                  <span className="flex items-center gap-2">
                    <code className="break-all rounded bg-white px-2 py-1 text-xs ring-1 ring-slate-200">{secret}</code>
                    <CopyButton text={secret} />
                    <span className="text-xs text-amber-700">Shown once: store it now.</span>
                  </span>
                )}
              </div>
            ) : (
              <p className="mt-1 text-xs text-slate-500">
                Save the campaign first; then generate its signing secret here.
              </p>
            )}
          </div>
        )}
        {v.deliveryMethod === "http_post" && (
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            <div className="md:col-span-2">
              <Checkbox
                label="Use the compliance-endpoint preset"
                hint="Posts firstName, lastName, email, phone, zipCode, state, listId, trustedFormCertUrl… as the compliance spec names them and reads its success/bid answer."
                checked={v.deliveryPreset}
                onChange={(b) => set("deliveryPreset", b)}
              />
            </div>
            <Field label="Token (sent in the body)" error={err("deliveryConfig.token")}>
              {(ids) => (
                <TextInput
                  ids={ids}
                  autoComplete="off"
                  value={v.deliveryToken}
                  onChange={(e) => set("deliveryToken", e.target.value)}
                />
              )}
            </Field>
            <Field
              label="Field mapping (JSON, optional)"
              error={err("deliveryConfig.mapping")}
              hint='Replaces the preset: [{"from": "firstName", "to": "first_name"}, {"from": "consumerPhone", "to": "phone", "transform": "digits"}]'
            >
              {(ids) => (
                <textarea
                  id={ids.id}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  rows={4}
                  className={`${inputClass} font-mono text-xs`}
                  value={v.deliveryMapping}
                  onChange={(e) => set("deliveryMapping", e.target.value)}
                />
              )}
            </Field>
            <Field
              label="Constant fields (JSON, optional)"
              error={err("deliveryConfig.constants")}
              hint='Added to every post, e.g. {"listId": "94ec…", "campaignId": "your_campaign"}'
            >
              {(ids) => (
                <textarea
                  id={ids.id}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  rows={3}
                  className={`${inputClass} font-mono text-xs`}
                  value={v.deliveryConstants}
                  onChange={(e) => set("deliveryConstants", e.target.value)}
                />
              )}
            </Field>
            <div className="md:pt-6">
              <Checkbox
                label="Your answer decides the sale"
                hint="We post while the lead is being sold; if your API says no, the lead goes to the next buyer."
                checked={v.deliverySynchronous}
                onChange={(b) => set("deliverySynchronous", b)}
              />
            </div>
          </div>
        )}
      </Card>

      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <button type="submit" className={buttonClass.primary} disabled={save.isPending}>
          {save.isPending ? "Saving…" : campaignId ? "Save changes" : "Create campaign"}
        </button>
        <a href={backHref} className={buttonClass.secondary}>
          Cancel
        </a>
        {saved && (
          <span role="status" className="text-sm font-medium text-emerald-700">
            Saved.
          </span>
        )}
        <div className="w-full">
          <FormError message={formError} />
        </div>
      </div>
    </form>
  );
}
