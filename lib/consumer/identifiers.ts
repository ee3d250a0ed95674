// A consumer's identifiers in the one canonical form every consumer-rights feature matches on:
// a phone is its 10 NANP digits (lib/pipeline/normalize.ts normalizePhone + validate.ts
// phoneFormatOk), an email is trimmed and lower-cased (validate.ts emailFormatOk). Opt-outs,
// deletion files (which may arrive pre-hashed) and stored leads meet as SHA-256 hex of that form.
import { createHash } from "node:crypto";
import type { CanonicalLead } from "../pipeline/normalize";
import { normalizePhone } from "../pipeline/normalize";
import { emailFormatOk, phoneFormatOk } from "../pipeline/validate";

export const HASH_RE = /^[0-9a-f]{64}$/;

export function identifierHash(canonical: string): string {
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

export function canonicalPhone(raw: unknown): string | null {
  const p = normalizePhone(typeof raw === "string" ? raw.trim() : raw);
  return p && phoneFormatOk(p) ? p : null;
}

export function canonicalEmail(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const e = raw.trim().toLowerCase();
  return emailFormatOk(e) ? e : null;
}

/** The lead row's identifier columns (written by lib/pipeline/settle.ts leadColumns). */
export function identifierColumns(lead: Pick<CanonicalLead, "phoneDigits" | "consumerEmail">) {
  const normalizedPhone = lead.phoneDigits?.length === 10 ? lead.phoneDigits : null;
  const normalizedEmail = lead.consumerEmail ?? null;
  return {
    normalizedPhone,
    normalizedEmail,
    phoneHash: normalizedPhone ? identifierHash(normalizedPhone) : null,
    emailHash: normalizedEmail ? identifierHash(normalizedEmail) : null,
  };
}

/** What the opt-out queue shows instead of the identifier: enough to recognise, not to contact. */
export function phoneHint(phone: string): string {
  return `(•••) •••-${phone.slice(-4)}`;
}

export function emailHint(email: string): string {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

export type DeletionLine = { hash: string; kind: "sha256" | "phone" | "email" } | { issue: string };

/**
 * One line of a deletion file: SHA-256 hex (of a normalised phone or email), a plain email, or a
 * plain phone. Hex is told apart by shape (64 hex characters, case-insensitive).
 */
export function parseDeletionLine(line: string): DeletionLine {
  const v = line.trim();
  if (HASH_RE.test(v.toLowerCase())) return { hash: v.toLowerCase(), kind: "sha256" };
  if (v.includes("@")) {
    const e = canonicalEmail(v);
    return e ? { hash: identifierHash(e), kind: "email" } : { issue: "not a valid email address" };
  }
  if (/^[\d\s()+.-]{7,25}$/.test(v)) {
    const p = canonicalPhone(v);
    return p ? { hash: identifierHash(p), kind: "phone" } : { issue: "not a valid 10-digit US phone number" };
  }
  return { issue: "neither an email, a US phone number nor a 64-character SHA-256 hex digest" };
}
