// Stage 1: many spellings in, one canonical lead out. Sellers post camelCase, snake_case,
// PascalCase, the platform's consumer* names and the compliance endpoint's short names (phone, zipCode...);
// everything downstream sees only the canonical names below.

import { isTokenField } from "../auth/body-token";

export type CanonicalField =
  | "firstName"
  | "lastName"
  | "consumerName"
  | "consumerEmail"
  | "consumerPhone"
  | "consumerState"
  | "consumerZip"
  | "consumerCity"
  | "consumerAddress"
  | "dob"
  | "ageRange"
  | "incomeBracket"
  | "homeownerStatus"
  | "trustedFormCertUrl"
  | "listId"
  | "campaignId"
  | "cadenceId"
  | "source"
  | "sourceType"
  | "vertical"
  | "subVertical"
  | "ipAddress"
  | "sellerId"
  | "pingId";

export type Consent = { text?: string; timestamp?: string; ip?: string; trustedFormCertUrl?: string };

export type CanonicalLead = Partial<Record<CanonicalField, string>> & {
  /** 10 digits when the input could be reduced to them, else the digits that were sent. */
  phoneDigits?: string;
  leadData: Record<string, unknown>;
  consent: Consent;
  /** The request's cost (what the seller asks), unparsed: price.ts turns it into cents. */
  cost?: unknown;
  test: boolean;
  exclusive: boolean;
};

/** Field spellings, compared after lower-casing and dropping "_", "-", " " and ".". */
const ALIASES: Record<CanonicalField, string[]> = {
  firstName: ["firstname", "fname", "first"],
  lastName: ["lastname", "lname", "last", "surname"],
  consumerName: ["consumername", "name", "fullname"],
  consumerEmail: ["consumeremail", "email", "emailaddress"],
  consumerPhone: ["consumerphone", "phone", "phonenumber", "phone1", "primaryphone", "mobile", "cellphone"],
  consumerState: ["consumerstate", "state", "stateprovince"],
  consumerZip: ["consumerzip", "zip", "zipcode", "postalcode", "postcode"],
  consumerCity: ["consumercity", "city"],
  consumerAddress: ["consumeraddress", "address", "address1", "streetaddress", "street"],
  dob: ["dob", "dateofbirth", "birthdate"],
  ageRange: ["agerange", "age"],
  incomeBracket: ["incomebracket", "income", "incomerange"],
  homeownerStatus: ["homeownerstatus", "housingstatus"],
  trustedFormCertUrl: [
    "trustedformcerturl",
    "trustedformurl",
    "trustedformcert",
    "xxtrustedformcerturl",
    "trustedform",
  ],
  listId: ["listid"],
  campaignId: ["campaignid"],
  cadenceId: ["cadenceid"],
  source: ["source", "leadsource"],
  sourceType: ["sourcetype"],
  vertical: ["vertical"],
  subVertical: ["subvertical"],
  ipAddress: ["ip", "ipaddress", "consumerip"],
  sellerId: ["sellerid"],
  pingId: ["pingid"],
};

/** The spellings a seller may post a canonical field under (lower-cased, without separators). */
export function spellingsOf(field: CanonicalField): string[] {
  return ALIASES[field];
}

export const squash = (key: string) => key.toLowerCase().replace(/[_\-\s.]/g, "");

const LOOKUP = new Map<string, CanonicalField>();
for (const [field, names] of Object.entries(ALIASES) as [CanonicalField, string[]][]) {
  for (const n of names) LOOKUP.set(n, field);
}

/** Maps any accepted spelling ("zip_code", "ZipCode", "consumerZip") to its canonical field. */
export function canonicalField(name: string): CanonicalField | undefined {
  return LOOKUP.get(squash(name));
}

/** Digits only; an 11-digit number with the leading country code 1 becomes 10 digits. Not a string or number: none. */
export function normalizePhone(value: unknown): string | undefined {
  // Only text is a phone: String() of a body's {"toString":1} would throw (a 500), of {} is "[object Object]".
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  if (value === "") return undefined;
  const digits = String(value).replace(/\D/g, "");
  return digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
}

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
};

const truthy = (v: unknown) => v === true || v === "true" || v === "1" || v === 1;

const CONSENT_KEYS: Record<string, keyof Consent> = {
  consenttext: "text",
  tcpaconsenttext: "text",
  tcpatext: "text",
  tcpaconsent: "text",
  consenttimestamp: "timestamp",
  consentat: "timestamp",
  tcpatimestamp: "timestamp",
  consentip: "ip",
};

export function normalizeLead(body: Record<string, unknown>): CanonicalLead {
  const lead: CanonicalLead = { leadData: {}, consent: {}, test: false, exclusive: false };
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const k = squash(key);
    if (isTokenField(key)) continue; // never store credentials with the lead
    const field = LOOKUP.get(k);
    if (field) {
      const t = text(value);
      if (t !== undefined && lead[field] === undefined) lead[field] = t;
    } else if (k === "leaddata" || k === "customfields") {
      if (value && typeof value === "object" && !Array.isArray(value)) Object.assign(lead.leadData, value);
    } else if (k === "consent") {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [ck, cv] of Object.entries(value)) {
          const sk = squash(ck);
          const target: keyof Consent | undefined =
            sk === "text"
              ? "text"
              : sk === "timestamp" || sk === "at"
                ? "timestamp"
                : sk === "ip"
                  ? "ip"
                  : canonicalField(ck) === "trustedFormCertUrl"
                    ? "trustedFormCertUrl"
                    : undefined;
          const t = text(cv);
          if (target && t) lead.consent[target] = t;
        }
      } else if (text(value)) lead.consent.text = text(value);
    } else if (CONSENT_KEYS[k]) {
      const t = text(value);
      if (t) lead.consent[CONSENT_KEYS[k]] = t;
    } else if (k === "cost") {
      lead.cost = value;
    } else if (k === "test" || k === "testmode") {
      lead.test = truthy(value);
    } else if (k === "exclusive") {
      lead.exclusive = truthy(value);
    } else {
      extras[key] = value;
    }
  }
  // Unknown top-level fields are kept as lead data so buyers' filters and deliveries see them.
  lead.leadData = { ...extras, ...lead.leadData };

  if (lead.consumerPhone !== undefined) {
    lead.phoneDigits = normalizePhone(lead.consumerPhone);
    if (lead.phoneDigits && lead.phoneDigits.length === 10) lead.consumerPhone = lead.phoneDigits;
  }
  if (lead.consumerEmail) lead.consumerEmail = lead.consumerEmail.toLowerCase();
  if (lead.consumerState) lead.consumerState = lead.consumerState.toUpperCase();
  if (lead.consumerZip) lead.consumerZip = lead.consumerZip.replace(/\s+/g, "");
  if (!lead.consumerName && (lead.firstName || lead.lastName)) {
    lead.consumerName = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  } else if (lead.consumerName && !lead.firstName && !lead.lastName) {
    const parts = lead.consumerName.split(/\s+/);
    lead.firstName = parts[0];
    if (parts.length > 1) lead.lastName = parts.slice(1).join(" ");
  }
  if (lead.trustedFormCertUrl) lead.consent.trustedFormCertUrl = lead.trustedFormCertUrl;
  else if (lead.consent.trustedFormCertUrl) lead.trustedFormCertUrl = lead.consent.trustedFormCertUrl;
  if (!lead.ipAddress && lead.consent.ip) lead.ipAddress = lead.consent.ip;
  if (lead.vertical) lead.vertical = lead.vertical.toLowerCase();
  if (lead.subVertical) lead.subVertical = lead.subVertical.toLowerCase();
  return lead;
}

/** A field's value for requirements and buyer filters: canonical fields first, then lead data. */
export function leadValue(lead: CanonicalLead, name: string): unknown {
  const field = canonicalField(name);
  if (field) return lead[field];
  if (name in lead.leadData) return lead.leadData[name];
  const s = squash(name);
  for (const [k, v] of Object.entries(lead.leadData)) if (squash(k) === s) return v;
  return undefined;
}
