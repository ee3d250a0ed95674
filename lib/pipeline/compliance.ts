// Stage 3: may we sell this lead? Each check is a small provider behind one interface.
// Offline by default (local suppression tables, consent rules, dedupe fingerprints); the
// external services (TrustedForm claim, DNC scrub, carrier/VoIP lookup) join when their
// URL is configured. An external provider that is down or slow does not reject leads
// (fail-open, logged): an outage must not turn every lead into a compliance failure.
import type { Db, Tx } from "../db";
import { env } from "../env";
import { sql, statement } from "../sql";
import { logger } from "../log";
import type { CanonicalLead } from "./normalize";
import { phoneFormatOk } from "./validate";
import { identifierHash } from "../consumer/identifiers";

export type ListRules = {
  id: string;
  acceptedStates: string[];
  checks: string[];
  requireTrustedForm: boolean;
};

export type ComplianceContext = {
  db: Db | Tx;
  list: ListRules | null;
  now: Date;
  /** The local lookups every lead needs, read in one round trip and shared by the providers. */
  facts?: Promise<ComplianceFacts>;
};

/** What the local tables say about this consumer: suppression kinds that match, and a live dedupe claim. */
export type ComplianceFacts = { suppressions: Set<string>; duplicate: boolean };

const FACTS = statement(
  "compliance_facts",
  `SELECT
     ARRAY(SELECT DISTINCT s."kind"::text FROM "Suppression" s
           WHERE (s."type", s."value") IN (SELECT t::"SuppressionType", v FROM unnest($1::text[], $2::text[]) AS u(t, v))) AS kinds,
     EXISTS (SELECT 1 FROM "DedupeFingerprint" f
             WHERE (f."kind", f."value") IN (SELECT k, v FROM unnest($3::text[], $4::text[]) AS u(k, v))
               AND f."lastAcceptedAt" >= $5::timestamp) AS duplicate`,
);

function suppressionKeys(lead: CanonicalLead): { type: "phone" | "email" | "ip" | "sha256"; value: string }[] {
  const keys: { type: "phone" | "email" | "ip" | "sha256"; value: string }[] = [];
  // Opt-outs and deletion requests are kept as hashes of the normalised identifier (lib/consumer).
  if (lead.phoneDigits && phoneFormatOk(lead.phoneDigits))
    keys.push({ type: "phone", value: lead.phoneDigits }, { type: "sha256", value: identifierHash(lead.phoneDigits) });
  if (lead.consumerEmail)
    keys.push(
      { type: "email", value: lead.consumerEmail },
      { type: "sha256", value: identifierHash(lead.consumerEmail) },
    );
  if (lead.ipAddress) keys.push({ type: "ip", value: lead.ipAddress });
  return keys;
}

/** Suppression hits and the dedupe read, in one statement (memoised on the context). */
export function complianceFacts(lead: CanonicalLead, ctx: ComplianceContext): Promise<ComplianceFacts> {
  ctx.facts ??= (async () => {
    const sup = suppressionKeys(lead);
    const dedupe = env.DEDUPE_WINDOW_DAYS > 0 ? dedupeKeys(lead) : [];
    if (!sup.length && !dedupe.length) return { suppressions: new Set<string>(), duplicate: false };
    const [row] = await sql<{ kinds: string[]; duplicate: boolean }>(FACTS, [
      sup.map((k) => k.type),
      sup.map((k) => k.value),
      dedupe.map((k) => k.kind),
      dedupe.map((k) => k.value),
      dedupeWindowStart(ctx.now).toISOString(),
    ]);
    return { suppressions: new Set(row.kinds), duplicate: row.duplicate };
  })();
  return ctx.facts;
}

/** The check names an intake list may switch on (an empty list runs them all; blacklist always runs). */
export const LIST_CHECKS = ["tcpa_dnc", "phone_validation", "duplicate", "blacklist", "state"] as const;
export type ListCheck = (typeof LIST_CHECKS)[number];

export type ComplianceProvider = {
  name: string;
  /** Which intake-list check names switch this provider on (no list: every provider runs). */
  check: ListCheck;
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

/** DNC and blacklist from the local Suppression table (read with the dedupe claim, complianceFacts). */
export const suppressionProvider: ComplianceProvider = {
  name: "suppression",
  check: "blacklist",
  async run(lead, ctx) {
    const { suppressions } = await complianceFacts(lead, ctx);
    const wants = (check: string) => !ctx.list || ctx.list.checks.includes(check);
    const codes: string[] = [];
    if (wants("tcpa_dnc") && suppressions.has("dnc")) codes.push("dnc_listed");
    if (wants("blacklist") && suppressions.has("blacklist")) codes.push("blacklisted");
    // The consumer's own opt-out or deletion request (lib/consumer): never optional.
    if (suppressions.has("consumer")) codes.push("suppressed_consumer");
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
    return (await complianceFacts(lead, ctx)).duplicate ? ["duplicate_lead"] : [];
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

async function callJson(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; body: unknown } | null> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.json().catch(() => null);
    return { status: res.status, body };
  } catch (err) {
    logger.warn(
      { provider: new URL(url).host, error: err instanceof Error ? err.message : String(err) },
      "compliance: provider unavailable",
    );
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
      const certUrl = lead.trustedFormCertUrl;
      if (!cfg.url || !certUrl || !trustedFormOk(certUrl)) return [];
      const certId = certUrl.slice(certUrl.lastIndexOf("/") + 1);
      const res = await callJson(
        `${cfg.url.replace(/\/$/, "")}/${certId}`,
        {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`API:${cfg.key ?? ""}`).toString("base64")}`,
            accept: "application/json",
          },
        },
        cfg.timeoutMs ?? 1500,
      );
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
      const res = await callJson(
        `${cfg.url}?phone=${lead.phoneDigits}`,
        {
          headers: { authorization: `Bearer ${cfg.key ?? ""}`, accept: "application/json" },
        },
        cfg.timeoutMs ?? 1500,
      );
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
      const res = await callJson(
        `${cfg.url}?phone=${lead.phoneDigits}`,
        {
          headers: { authorization: `Bearer ${cfg.key ?? ""}`, accept: "application/json" },
        },
        cfg.timeoutMs ?? 1500,
      );
      const body = res?.body as { valid?: unknown; active?: unknown; line_type?: unknown } | null;
      if (res?.status !== 200 || !body) return [];
      if (body.valid === false || body.active === false) return ["disconnected_number"];
      return String(body.line_type ?? "").toLowerCase() === "voip" ? ["voip_number"] : [];
    },
  };
}

export function defaultProviders(): ComplianceProvider[] {
  const providers = [consentProvider, suppressionProvider, duplicateProvider, stateProvider];
  if (env.TRUSTEDFORM_API_URL)
    providers.push(trustedFormProvider({ url: env.TRUSTEDFORM_API_URL, key: env.TRUSTEDFORM_API_KEY }));
  if (env.DNC_API_URL) providers.push(dncApiProvider({ url: env.DNC_API_URL, key: env.DNC_API_KEY }));
  if (env.PHONE_LOOKUP_API_URL)
    providers.push(phoneLookupProvider({ url: env.PHONE_LOOKUP_API_URL, key: env.PHONE_LOOKUP_API_KEY }));
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
