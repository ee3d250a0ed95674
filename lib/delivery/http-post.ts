// Posting a lead to a buyer's own lead API in the buyer's format: field mapping with transforms,
// constants, token placement, JSON or form body, and reading their answer by configured paths.
// The "seed001" preset is the Top of Funnel / Juiced Media lead API, the format our own compliance
// endpoint (POST /api/leads) speaks. The preset's name is part of the campaign API and stays.
import type { DeliveryConfig, FieldMapping, ResponsePaths } from "./config";
import { toCents } from "../money";

export const SEED001_ACCEPTED_STATES = ["AL", "AR", "AZ", "IN", "KS", "LA", "MO", "MS", "OH", "SC", "TN", "TX"];

const m = (from: string, to: string, extra: Partial<FieldMapping> = {}): FieldMapping => ({
  from,
  to,
  transform: "none",
  required: false,
  ...extra,
});

/** The Top of Funnel / Juiced Media lead API: its required fields (listId/campaignId come from constants), optional fields, token in the body. */
export const COMPLIANCE_API_PRESET = {
  mapping: [
    m("firstName", "firstName", { required: true, transform: "trim" }),
    m("lastName", "lastName", { required: true, transform: "trim" }),
    m("consumerEmail", "email", { required: true, transform: "trim" }),
    m("consumerPhone", "phone", { required: true, transform: "digits" }),
    m("consumerZip", "zipCode", { required: true, transform: "digits" }),
    m("trustedFormCertUrl", "trustedFormCertUrl", { required: true }),
    m("incomeBracket", "incomeBracket", { required: true }),
    m("consumerState", "state", { required: true, transform: "upper" }),
    m("homeownerStatus", "homeownerStatus", { required: true }),
    m("dob", "dob", { transform: "date", format: "YYYY-MM-DD" }),
    m("ageRange", "ageRange"),
    m("consumerAddress", "address"),
    m("consumerCity", "city"),
    m("source", "source"),
  ],
  tokenIn: "body" as const,
  tokenField: "token",
  responsePaths: { success: "success", price: "bid", leadId: "lead_id", error: "error", details: "details" },
  acceptedStates: SEED001_ACCEPTED_STATES,
};

export type ResolvedPostConfig = {
  url?: string;
  format: "json" | "form";
  mapping: FieldMapping[];
  constants: Record<string, string | number | boolean>;
  token?: string;
  tokenIn: "header" | "body" | "bearer";
  tokenField: string;
  headers: Record<string, string>;
  responsePaths: ResponsePaths;
  acceptedStates?: string[];
};

/** Preset defaults, overridden field by field by the campaign's own settings. */
export function resolvePostConfig(c: DeliveryConfig): ResolvedPostConfig {
  const p = c.preset === "seed001" ? COMPLIANCE_API_PRESET : undefined;
  return {
    url: c.url,
    format: c.format,
    mapping: c.mapping ?? p?.mapping ?? [],
    constants: c.constants ?? {},
    token: c.token,
    tokenIn: c.tokenIn ?? p?.tokenIn ?? "header",
    tokenField: c.tokenField ?? p?.tokenField ?? "token",
    headers: c.headers ?? {},
    responsePaths: { ...p?.responsePaths, ...c.responsePaths },
    acceptedStates: c.acceptedStates ?? p?.acceptedStates,
  };
}

export function getPath(obj: unknown, path: string | undefined): unknown {
  if (!path) return undefined;
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function formatDate(value: string, format = "YYYY-MM-DD"): string | null {
  // Accept ISO dates and US MM/DD/YYYY; anything else is left for the pre-check to refuse.
  let y: string, mo: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (iso) [, y, mo, d] = iso;
  else if (us) [, mo, d, y] = us;
  else return null;
  return format.replace("YYYY", y).replace("MM", mo.padStart(2, "0")).replace("DD", d.padStart(2, "0"));
}

export function applyTransform(value: unknown, f: FieldMapping): unknown {
  if (value === undefined || value === null || value === "") return value;
  const s = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  switch (f.transform) {
    case "digits": {
      const digits = s.replace(/\D/g, "");
      // US phones: drop a leading country code 1 so the buyer gets 10 digits.
      return digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
    }
    case "upper":
      return s.toUpperCase();
    case "lower":
      return s.toLowerCase();
    case "trim":
      return s.trim();
    case "date":
      return formatDate(s.trim(), f.format) ?? s;
    case "boolean_yes_no":
      return ["true", "1", "yes", "y"].includes(s.toLowerCase()) ? "Yes" : "No";
    case "string":
      return s;
    default:
      return value;
  }
}

export type PrecheckFailure = { reason: "buyer_precheck_failed"; details: { field: string; issue: string }[] };

export type BuiltPost = { body: string; headers: Record<string, string>; fields: Record<string, unknown> };

/** Builds the buyer's body, or the reasons we must not post (their pre-checks, missing required fields). */
export function buildPost(cfg: ResolvedPostConfig, lead: Record<string, unknown>): BuiltPost | PrecheckFailure {
  const problems: { field: string; issue: string }[] = [];
  const fields: Record<string, unknown> = {};
  for (const f of cfg.mapping) {
    const raw = f.from.startsWith("leadData.") ? getPath(lead.leadData, f.from.slice(9)) : lead[f.from];
    const v = applyTransform(raw, f);
    if (v === undefined || v === null || v === "") {
      if (f.required) problems.push({ field: f.to, issue: `required by the buyer; our ${f.from} is empty` });
      continue;
    }
    fields[f.to] = v;
  }
  Object.assign(fields, cfg.constants);
  if (cfg.acceptedStates) {
    const state = String(lead.consumerState ?? "").toUpperCase();
    if (!cfg.acceptedStates.includes(state)) {
      problems.push({
        field: "state",
        issue: `buyer accepts only ${cfg.acceptedStates.join(", ")}; lead is from ${state || "an unknown state"}`,
      });
    }
  }
  // That API needs ageRange or dob.
  if (cfg.mapping === COMPLIANCE_API_PRESET.mapping && fields.dob === undefined && fields.ageRange === undefined) {
    problems.push({ field: "ageRange", issue: "buyer requires ageRange or dob" });
  }
  if (problems.length) return { reason: "buyer_precheck_failed", details: problems };

  const headers: Record<string, string> = { ...cfg.headers, accept: "application/json" };
  if (cfg.token) {
    if (cfg.tokenIn === "body") fields[cfg.tokenField] = cfg.token;
    else if (cfg.tokenIn === "bearer") headers.authorization = `Bearer ${cfg.token}`;
    else headers[cfg.tokenField] = cfg.token;
  }
  if (cfg.format === "form") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) form.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
    return { body: form.toString(), headers, fields };
  }
  headers["content-type"] = "application/json";
  return { body: JSON.stringify(fields), headers, fields };
}

export type PostOutcome =
  | { kind: "accepted"; buyerLeadId: string | null; priceCents: number | null }
  | { kind: "rejected"; error: string | null; details: unknown };

function truthy(v: unknown): boolean {
  return (
    v === true ||
    v === 1 ||
    (typeof v === "string" && ["true", "1", "yes", "accepted", "success", "ok"].includes(v.toLowerCase()))
  );
}

/**
 * Reads the buyer's answer. A body whose success flag is false is a rejection whatever the status;
 * a 2xx without a configured flag (or with a true one) is an acceptance; null means "no verdict":
 * a transport-level failure (non-2xx without a readable refusal) the caller retries or reports.
 */
export function interpretResponse(cfg: ResolvedPostConfig, status: number, text: string): PostOutcome | null {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const p = cfg.responsePaths;
  const flag = json !== undefined && p.success ? getPath(json, p.success) : undefined;
  const rejected = () => ({
    kind: "rejected" as const,
    error: (getPath(json, p.error) as string | undefined) ?? null,
    details: getPath(json, p.details) ?? null,
  });
  if (flag !== undefined && !truthy(flag)) return rejected();
  if (status < 200 || status >= 300) return null;
  if (p.success && flag === undefined)
    return { kind: "rejected", error: "answer has no success flag", details: { body: text.slice(0, 500) } };
  const id = getPath(json, p.leadId);
  const price = getPath(json, p.price);
  return {
    kind: "accepted",
    buyerLeadId: id === undefined || id === null ? null : String(id),
    priceCents: price === undefined || price === null ? null : toCents(price),
  };
}
