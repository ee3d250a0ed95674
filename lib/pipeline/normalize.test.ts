import { describe, expect, it } from "vitest";
import { normalizeLead, normalizePhone, canonicalField, leadValue } from "./normalize";
import { bodyToken } from "../auth/body-token";

describe("normalizeLead: every field-name style maps to one canonical lead", () => {
  const styles: [string, Record<string, unknown>][] = [
    [
      "camelCase",
      {
        firstName: "Ann",
        lastName: "Lee",
        email: "A@X.COM",
        phone: "(614) 555-2368",
        zipCode: "43004",
        state: "oh",
        trustedFormCertUrl: "https://cert.trustedform.com/abc123",
        incomeBracket: "$50k",
        homeownerStatus: "Renter",
        dob: "1980-01-01",
        listId: "L",
        campaignId: "C",
      },
    ],
    [
      "snake_case",
      {
        first_name: "Ann",
        last_name: "Lee",
        email: "A@X.COM",
        phone: "614.555.2368",
        zip_code: "43004",
        state: "oh",
        trusted_form_cert_url: "https://cert.trustedform.com/abc123",
        income_bracket: "$50k",
        homeowner_status: "Renter",
        dob: "1980-01-01",
        list_id: "L",
        campaign_id: "C",
      },
    ],
    [
      "PascalCase",
      {
        FirstName: "Ann",
        LastName: "Lee",
        Email: "A@X.COM",
        Phone: "+1 614 555 2368",
        ZipCode: "43004",
        State: "oh",
        TrustedFormCertUrl: "https://cert.trustedform.com/abc123",
        IncomeBracket: "$50k",
        HomeownerStatus: "Renter",
        DOB: "1980-01-01",
        ListId: "L",
        CampaignId: "C",
      },
    ],
    [
      "platform names",
      {
        consumerName: "Ann Lee",
        consumerEmail: "A@X.COM",
        consumerPhone: "16145552368",
        consumerZip: "43004",
        consumerState: "oh",
        trustedFormCertUrl: "https://cert.trustedform.com/abc123",
        incomeBracket: "$50k",
        homeownerStatus: "Renter",
        dateOfBirth: "1980-01-01",
        listId: "L",
        campaignId: "C",
      },
    ],
    [
      "kebab/odd spellings",
      {
        "first-name": "Ann",
        "last-name": "Lee",
        email_address: "A@X.COM",
        phone_number: "614-555-2368",
        postal_code: "43004",
        STATE: "oh",
        xxTrustedFormCertUrl: "https://cert.trustedform.com/abc123",
        income: "$50k",
        housing_status: "Renter",
        birth_date: "1980-01-01",
        list_id: "L",
        campaignID: "C",
      },
    ],
  ];
  it.each(styles)("%s", (_name, body) => {
    const lead = normalizeLead(body);
    expect(lead).toMatchObject({
      firstName: "Ann",
      lastName: "Lee",
      consumerName: "Ann Lee",
      consumerEmail: "a@x.com",
      consumerPhone: "6145552368",
      phoneDigits: "6145552368",
      consumerZip: "43004",
      consumerState: "OH",
      trustedFormCertUrl: "https://cert.trustedform.com/abc123",
      incomeBracket: "$50k",
      homeownerStatus: "Renter",
      dob: "1980-01-01",
      listId: "L",
      campaignId: "C",
    });
    expect(lead.consent.trustedFormCertUrl).toBe("https://cert.trustedform.com/abc123");
  });

  it("keeps unknown fields and leadData/customFields as lead data", () => {
    const lead = normalizeLead({
      vertical: "Home_Services",
      leadData: { homeowner: true },
      customFields: { utm_source: "fb" },
      roofAge: 12,
    });
    expect(lead.vertical).toBe("home_services");
    expect(lead.leadData).toEqual({ homeowner: true, utm_source: "fb", roofAge: 12 });
  });

  it.each([
    [
      { consent: { text: "I agree", timestamp: "2026-03-03T10:30:00Z", ip: "1.2.3.4" } },
      { text: "I agree", timestamp: "2026-03-03T10:30:00Z", ip: "1.2.3.4" },
    ],
    [
      { consent_text: "I agree", consent_timestamp: "2026-03-03T10:30:00Z" },
      { text: "I agree", timestamp: "2026-03-03T10:30:00Z" },
    ],
    [{ TcpaConsentText: "I agree" }, { text: "I agree" }],
  ])("consent forms %#", (body, consent) => {
    expect(normalizeLead(body).consent).toEqual(consent);
  });

  it("flags test and exclusive, keeps cost raw, never stores the token", () => {
    const lead = normalizeLead({ test: "true", exclusive: true, cost: "28.00", token: "secret", Api_Key: "secret2" });
    expect(lead).toMatchObject({ test: true, exclusive: true, cost: "28.00" });
    expect(JSON.stringify(lead)).not.toContain("secret");
  });

  it("splits a full name and derives one from parts", () => {
    expect(normalizeLead({ consumerName: "Mary Ann Smith" })).toMatchObject({
      firstName: "Mary",
      lastName: "Ann Smith",
    });
    expect(normalizeLead({ first_name: "Mary" })).toMatchObject({ consumerName: "Mary" });
  });
});

describe("normalizePhone", () => {
  it.each([
    ["6145552368", "6145552368"],
    ["(614) 555-2368", "6145552368"],
    ["+1 614-555-2368", "6145552368"],
    ["16145552368", "6145552368"],
    ["26145552368", "26145552368"],
    ["555-2368", "5552368"],
    [6145552368, "6145552368"],
    ["", undefined],
  ])("%s → %s", (input, out) => expect(normalizePhone(input)).toBe(out));
});

describe("bodyToken and field lookup", () => {
  it.each([["token"], ["Token"], ["api_key"], ["apiKey"], ["API-KEY"], ["access_token"]])(
    "finds the credential in %s",
    (k) => {
      expect(bodyToken({ [k]: " abc " })).toBe("abc");
    },
  );
  it("returns null without one", () => expect(bodyToken({ phone: "1" })).toBeNull());
  it("maps requirement names and reads lead data", () => {
    expect(canonicalField("zipCode")).toBe("consumerZip");
    expect(canonicalField("consumer_phone")).toBe("consumerPhone");
    expect(leadValue(normalizeLead({ leadData: { project_type: "repair" } }), "projectType")).toBe("repair");
  });
});
