// Stage 2: is the lead well-formed? Pure checks on the canonical lead; every failure is
// reported (a lead may be missing a field AND carry a fake phone).
import disposableList from "disposable-email-domains/index.json";
import { canonicalField, leadValue, type CanonicalLead } from "./normalize";

let disposable: Set<string> | undefined;
/** 120k domains from the maintained `disposable-email-domains` list, indexed on first use. */
function disposableDomains(): Set<string> {
  disposable ??= new Set(disposableList as string[]);
  return disposable;
}

export const US_STATES = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY " +
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP"
  ).split(" "),
);

// Numbers published as fictional or used as defaults in form testing.
const KNOWN_TEST_NUMBERS = new Set([
  "1234567890",
  "0123456789",
  "9876543210",
  "2125551212",
  "8005551212",
  "8675309000",
]);

/** invalid_phone_format: not 10 digits after normalization, or not a possible NANP number. */
export function phoneFormatOk(digits: string | undefined): boolean {
  if (digits?.length !== 10) return false;
  const area = digits.slice(0, 3);
  const exchange = digits.slice(3, 6);
  if (/^[01]/.test(area) || /^[01]/.test(exchange)) return false;
  // N11 codes (211, 411, 911...) are service codes, never area codes or exchanges.
  if (/^\d11$/.test(area) || /^\d11$/.test(exchange)) return false;
  return true;
}

/** fake_phone_number: 555-01xx (reserved for fiction), one repeated digit, runs, known test numbers. */
export function phoneLooksFake(digits: string): boolean {
  if (KNOWN_TEST_NUMBERS.has(digits)) return true;
  if (digits.slice(3, 6) === "555" && digits.slice(6, 8) === "01") return true;
  if (/^(\d)\1{9}$/.test(digits)) return true;
  const line = digits.slice(3);
  if (/^(\d)\1{6}$/.test(line)) return true;
  if ("01234567890123".includes(line) || "98765432109876".includes(line)) return true;
  return false;
}

const EMAIL_RE =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,}$/;

export function emailFormatOk(email: string): boolean {
  if (email.length > 254 || !EMAIL_RE.test(email)) return false;
  const [local] = email.split("@");
  return local.length <= 64 && !local.startsWith(".") && !local.endsWith(".") && !local.includes("..");
}

export function isDisposableEmail(email: string): boolean {
  const domain = email.split("@")[1] ?? "";
  const set = disposableDomains();
  // Subdomains of a disposable domain are disposable too (x.mailinator.com).
  const parts = domain.split(".");
  for (let i = 0; i < parts.length - 1; i++) if (set.has(parts.slice(i).join("."))) return true;
  return false;
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");

/**
 * Required-field names come from the vertical (consumerPhone...) and the intake list
 * (the compliance endpoint's names: zipCode, "ageRange|dob" meaning either). A missing field is reported once,
 * under the name the requirement used: missing_field_zipCode, missing_field_ageRange_or_dob.
 */
export function missingFields(lead: CanonicalLead, required: string[]): string[] {
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const req of required) {
    const options = req
      .split("|")
      .map((s) => s.trim())
      .filter(Boolean);
    const keys = options.map((o) => canonicalField(o) ?? o).join("|");
    if (seen.has(keys)) continue;
    seen.add(keys);
    if (!options.some((o) => present(leadValue(lead, o)))) codes.push(`missing_field_${options.join("_or_")}`);
  }
  return codes;
}

/** All format failures of a lead, in a stable order. Duplicates and suppressions are compliance.ts. */
export function validateLead(lead: CanonicalLead, requiredFields: string[]): string[] {
  const codes = missingFields(lead, requiredFields);
  if (lead.consumerPhone !== undefined) {
    const digits = lead.phoneDigits;
    if (!digits || !phoneFormatOk(digits)) codes.push("invalid_phone_format");
    else if (phoneLooksFake(digits)) codes.push("fake_phone_number");
  }
  if (lead.consumerEmail !== undefined) {
    if (!emailFormatOk(lead.consumerEmail)) codes.push("invalid_email_format");
    else if (isDisposableEmail(lead.consumerEmail)) codes.push("disposable_email");
  }
  if (lead.consumerState !== undefined && !US_STATES.has(lead.consumerState)) codes.push("invalid_state");
  if (lead.consumerZip !== undefined && !/^\d{5}(-?\d{4})?$/.test(lead.consumerZip)) codes.push("invalid_zip_format");
  return codes;
}
