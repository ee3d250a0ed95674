// Stage 3: may we sell this lead? Each check is a small provider behind one interface.
// Offline by default (local suppression tables, consent rules, dedupe fingerprints); the
// external services (TrustedForm claim, DNC scrub, carrier/VoIP lookup) join when their
// URL is configured. An external provider that is down or slow does not reject leads
// (fail-open, logged): an outage must not turn every lead into a compliance failure.
import type { Db, Tx } from "../db";
import { env } from "../env";
import type { CanonicalLead } from "./normalize";
import { phoneFormatOk } from "./validate";
import { identifierHash } from "../consumer/identifiers";

export type ListRules = {
  id: string;
  acceptedStates: string[];
  checks: string[];
  requireTrustedForm: boolean;
};

export type ComplianceContext = { db: Db | Tx; list: ListRules | null; now: Date };

export type ComplianceProvider = {
  name: string;
  /** Which intake-list check names switch this provider on (no list: every provider runs). */
  check: "tcpa_dnc" | "phone_validation" | "duplicate" | "blacklist" | "state";
  run(lead: CanonicalLead, ctx: ComplianceContext): Promise<string[]>;
};

// TrustedForm certificate URLs: https://cert.trustedform.com/<certificate id>.
const TRUSTEDFORM_RE = /^https:\/\/cert\.trustedform\.com\/[A-Za-z0-9_-]{4,128}$/;
export const trustedFormOk = (url: string | undefined) => !!url && TRUSTEDFORM_RE.test(url);

export const consentProvider: ComplianceProvider = {
  name: "consent",
  check: "tcpa_dnc",
  async run(lead, ctx) {
    const url = lead.trustedFormCertUrl;
    if (url && !trustedFormOk(url)) return ["invalid_trustedform_cert"];
    if (ctx.list?.requireTrustedForm) return url ? [] : ["invalid_trustedform_cert"];
    const c = lead.consent;
    const stamped = !!c.timestamp && !Number.isNaN(Date.parse(c.timestamp));
    return url || (c.text && stamped) ? [] : ["missing_consent"];
  },
};

/** DNC and blacklist from the local Suppression table: one indexed query for both. */
export const suppressionProvider: ComplianceProvider = {
  name: "suppression",
  check: "blacklist",
  async run(lead, ctx) {
    const keys: { type: "phone" | "email" | "ip" | "sha256"; value: string }[] = [];
    if (lead.phoneDigits && phoneFormatOk(lead.phoneDigits)) keys.push({ type: "phone", value: lead.phoneDigits }, { type: "sha256", value: identifierHash(lead.phoneDigits) });
    if (lead.consumerEmail) keys.push({ type: "email", value: lead.consumerEmail }, { type: "sha256", value: identifierHash(lead.consumerEmail) });
    if (lead.ipAddress) keys.push({ type: "ip", value: lead.ipAddress });
    if (!keys.length) return [];
    const hits = await ctx.db.suppression.findMany({ where: { OR: keys }, select: { kind: true } });
    const wants = (check: string) => !ctx.list || ctx.list.checks.includes(check);
    const codes: string[] = [];
    if (wants("tcpa_dnc") && hits.some((h) => h.kind === "dnc")) codes.push("dnc_listed");
    if (wants("blacklist") && hits.some((h) => h.kind === "blacklist")) codes.push("blacklisted");
    // The consumer's own opt-out or deletion request (lib/consumer): never optional.
    if (hits.some((h) => h.kind === "consumer")) codes.push("suppressed_consumer");
    return codes;
  },
};

export function dedupeWindowStart(now: Date, days = env.DEDUPE_WINDOW_DAYS): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/**
 * A quick read of the dedupe fingerprints, so a duplicate is reported together with the
 * lead's other failures. The guarantee (one of M parallel submissions wins) is the
 * conditional claim in settle.ts, not this read.
 */
export const duplicateProvider: ComplianceProvider = {
  name: "duplicate",
  check: "duplicate",
  async run(lead, ctx) {
    if (env.DEDUPE_WINDOW_DAYS === 0) return [];
    const keys = dedupeKeys(lead);
    if (!keys.length) return [];
    const hit = await ctx.db.dedupeFingerprint.findFirst({
      where: { OR: keys, lastAcceptedAt: { gte: dedupeWindowStart(ctx.now) } },
      select: { leadId: true },
    });
    return hit ? ["duplicate_lead"] : [];
  },
};

export function dedupeKeys(lead: CanonicalLead): { kind: "phone" | "email"; value: string }[] {
  const keys: { kind: "phone" | "email"; value: string }[] = [];
  if (lead.phoneDigits && phoneFormatOk(lead.phoneDigits)) keys.push({ kind: "phone", value: lead.phoneDigits });
  if (lead.consumerEmail) keys.push({ kind: "email", value: lead.consumerEmail });
  return keys;
}

export const stateProvider: ComplianceProvider = {
  name: "state",
  check: "state",
  async run(lead, ctx) {
    const accepted = ctx.list?.acceptedStates ?? [];
    if (!accepted.length || !lead.consumerState) return [];
    return accepted.includes(lead.consumerState) ? [] : ["state_not_accepted"];
  },
};

// ---------- optional external providers ----------

export type ExternalConfig = { url?: string; key?: string; timeoutMs?: number };

async function callJson(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown } | null> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.json().catch(() => null);
    return { status: res.status, body };
  } catch (err) {
    console.warn(`[compliance] provider ${new URL(url).host} unavailable:`, err instanceof Error ? err.message : err);
    return null;
  }
}

/**
 * TrustedForm certificate claim: POST {url}/{certificate id} with HTTP Basic "API:<key>",
 * as TrustedForm's claim API does. 2xx = claimed; 404/410 (unknown/expired) = rejected.
 */
export function trustedFormProvider(cfg: ExternalConfig): ComplianceProvider {
  return {
    name: "trustedform",
    check: "tcpa_dnc",
    async run(lead) {
      if (!cfg.url || !trustedFormOk(lead.trustedFormCertUrl)) return [];
      const certId = lead.trustedFormCertUrl!.split("/").pop()!;
      const res = await callJson(`${cfg.url.replace(/\/$/, "")}/${certId}`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`API:${cfg.key ?? ""}`).toString("base64")}`, accept: "application/json" },
      }, cfg.timeoutMs ?? 1500);
      if (!res || res.status >= 500) return [];
      return res.status >= 200 && res.status < 300 ? [] : ["trustedform_claim_failed"];
    },
  };
}

/** DNC scrub: GET {url}?phone=<10 digits> with a bearer key → { "phone": "...", "dnc": true|false }. */
export function dncApiProvider(cfg: ExternalConfig): ComplianceProvider {
  return {
    name: "dnc_api",
    check: "tcpa_dnc",
    async run(lead) {
      if (!cfg.url || !lead.phoneDigits || !phoneFormatOk(lead.phoneDigits)) return [];
      const res = await callJson(`${cfg.url}?phone=${lead.phoneDigits}`, {
        headers: { authorization: `Bearer ${cfg.key ?? ""}`, accept: "application/json" },
      }, cfg.timeoutMs ?? 1500);
      const body = res?.body as { dnc?: unknown } | null;
      return res && res.status === 200 && body?.dnc === true ? ["dnc_listed"] : [];
    },
  };
}

/**
 * Carrier lookup: GET {url}?phone=<10 digits> with a bearer key →
 * { "valid": bool, "active": bool?, "line_type": "mobile"|"landline"|"voip"|... } (numverify-style).
 */
export function phoneLookupProvider(cfg: ExternalConfig): ComplianceProvider {
  return {
    name: "phone_lookup",
    check: "phone_validation",
    async run(lead) {
      if (!cfg.url || !lead.phoneDigits || !phoneFormatOk(lead.phoneDigits)) return [];
      const res = await callJson(`${cfg.url}?phone=${lead.phoneDigits}`, {
        headers: { authorization: `Bearer ${cfg.key ?? ""}`, accept: "application/json" },
      }, cfg.timeoutMs ?? 1500);
      const body = res?.body as { valid?: unknown; active?: unknown; line_type?: unknown } | null;
      if (!res || res.status !== 200 || !body) return [];
      if (body.valid === false || body.active === false) return ["disconnected_number"];
      return String(body.line_type ?? "").toLowerCase() === "voip" ? ["voip_number"] : [];
    },
  };
}

export function defaultProviders(): ComplianceProvider[] {
  const providers = [consentProvider, suppressionProvider, duplicateProvider, stateProvider];
  if (env.TRUSTEDFORM_API_URL) providers.push(trustedFormProvider({ url: env.TRUSTEDFORM_API_URL, key: env.TRUSTEDFORM_API_KEY }));
  if (env.DNC_API_URL) providers.push(dncApiProvider({ url: env.DNC_API_URL, key: env.DNC_API_KEY }));
  if (env.PHONE_LOOKUP_API_URL) providers.push(phoneLookupProvider({ url: env.PHONE_LOOKUP_API_URL, key: env.PHONE_LOOKUP_API_KEY }));
  return providers;
}

/** Runs the providers the list asks for (all of them without a list), in parallel. */
export async function runCompliance(
  lead: CanonicalLead,
  ctx: ComplianceContext,
  providers: ComplianceProvider[] = defaultProviders(),
): Promise<string[]> {
  const active = providers.filter(
    (p) => !ctx.list || ctx.list.checks.length === 0 || ctx.list.checks.includes(p.check) || p.check === "blacklist",
  );
  const results = await Promise.all(active.map((p) => p.run(lead, ctx)));
  return [...new Set(results.flat())];
}
