import { describe, expect, it } from "vitest";
import { buildPost, interpretResponse, resolvePostConfig, applyTransform } from "./http-post";
import { deliveryConfigSchema } from "./config";
import { backoffDelay, parseRetryAfter, BACKOFF_MS } from "./worker";
import { signWebhook, webhookHeaders, generateWebhookSecret } from "./webhook";
import { Webhook } from "standardwebhooks";

const lead = {
  firstName: " John ",
  lastName: "Doe",
  consumerEmail: "johndoe@example.com",
  consumerPhone: "+1 (650) 776-9592",
  consumerZip: "77001",
  trustedFormCertUrl: "https://cert.trustedform.com/abc",
  incomeBracket: "$75,000-$100,000",
  consumerState: "tx",
  homeownerStatus: "Homeowner",
  dob: "05/15/1980",
  consumerCity: "Houston",
  vertical: "insurance",
};
const seed = (extra: object = {}) =>
  resolvePostConfig(
    deliveryConfigSchema.parse({
      url: "https://buyer.example.com/api/leads",
      preset: "seed001",
      token: "tok",
      constants: { listId: "L1", campaignId: "C1" },
      ...extra,
    }),
  );

describe("seed001 preset", () => {
  it("builds the Top of Funnel / Juiced Media body: its field names, 10-digit phone, ISO dob, constants, token in the body", () => {
    const built = buildPost(seed(), lead);
    expect(built).toEqual({
      fields: {
        firstName: "John",
        lastName: "Doe",
        email: "johndoe@example.com",
        phone: "6507769592",
        zipCode: "77001",
        trustedFormCertUrl: "https://cert.trustedform.com/abc",
        incomeBracket: "$75,000-$100,000",
        state: "TX",
        homeownerStatus: "Homeowner",
        dob: "1980-05-15",
        city: "Houston",
        listId: "L1",
        campaignId: "C1",
        token: "tok",
      },
      body: expect.any(String),
      headers: { accept: "application/json", "content-type": "application/json" },
    });
  });

  it.each([
    [
      "a state that API refuses",
      { consumerState: "CA" },
      [{ field: "state", issue: "buyer accepts only AL, AR, AZ, IN, KS, LA, MO, MS, OH, SC, TN, TX; lead is from CA" }],
    ],
    [
      "no state",
      { consumerState: null },
      [
        { field: "state", issue: "required by the buyer; our consumerState is empty" },
        {
          field: "state",
          issue: "buyer accepts only AL, AR, AZ, IN, KS, LA, MO, MS, OH, SC, TN, TX; lead is from an unknown state",
        },
      ],
    ],
    [
      "no TrustedForm",
      { trustedFormCertUrl: "" },
      [{ field: "trustedFormCertUrl", issue: "required by the buyer; our trustedFormCertUrl is empty" }],
    ],
    ["neither dob nor ageRange", { dob: null }, [{ field: "ageRange", issue: "buyer requires ageRange or dob" }]],
  ])("pre-check refuses %s without posting", (_n, patch, details) => {
    expect(buildPost(seed(), { ...lead, ...patch })).toEqual({ reason: "buyer_precheck_failed", details });
  });

  it.each([
    [
      200,
      '{"success":true,"lead_id":"abc123","bid":0.35}',
      { kind: "accepted", buyerLeadId: "abc123", priceCents: 35 },
    ],
    [
      200,
      '{"success":false,"bid":0.00,"error":"Phone failed","details":{"failedSources":["TCPA"],"reasons":["DNC"]}}',
      { kind: "rejected", error: "Phone failed", details: { failedSources: ["TCPA"], reasons: ["DNC"] } },
    ],
    [422, '{"success":false,"error":"bad state"}', { kind: "rejected", error: "bad state", details: null }],
    [200, '{"ok":1}', { kind: "rejected", error: "answer has no success flag", details: { body: '{"ok":1}' } }],
    [500, "oops", null],
    [503, '{"success":true}', null],
  ])("reads HTTP %s %s", (status, body, expected) => {
    expect(interpretResponse(seed(), status, body)).toEqual(expected);
  });
});

describe("custom http_post", () => {
  const cfg = resolvePostConfig(
    deliveryConfigSchema.parse({
      url: "https://crm.example.com/in",
      format: "form",
      token: "secret",
      tokenIn: "header",
      tokenField: "x-api-token",
      mapping: [
        { from: "consumerPhone", to: "phone_number", transform: "digits" },
        { from: "dob", to: "birth", transform: "date", format: "MM/DD/YYYY" },
        { from: "leadData.utm_source", to: "utm" },
      ],
      constants: { vendor: 7 },
      responsePaths: { success: "result.status", leadId: "result.id" },
    }),
  );
  it("form-encodes mapped fields and puts the token in a header", () => {
    const built = buildPost(cfg, { consumerPhone: "650-776-9592", dob: "1980-5-1", leadData: { utm_source: "fb" } });
    expect(built).toMatchObject({
      body: "phone_number=6507769592&birth=05%2F01%2F1980&utm=fb&vendor=7",
      headers: { "x-api-token": "secret", "content-type": "application/x-www-form-urlencoded" },
    });
  });
  it("reads nested response paths", () => {
    expect(interpretResponse(cfg, 201, '{"result":{"status":"accepted","id":99}}')).toEqual({
      kind: "accepted",
      buyerLeadId: "99",
      priceCents: null,
    });
    expect(interpretResponse(cfg, 200, '{"result":{"status":"duplicate"}}')).toMatchObject({ kind: "rejected" });
  });
  it.each([
    ["digits", "(650) 776-9592", "6507769592"],
    ["upper", "tx", "TX"],
    ["boolean_yes_no", "true", "Yes"],
    ["date", "not a date", "not a date"],
  ] as const)("transform %s", (transform, input, out) => {
    expect(applyTransform(input, { from: "x", to: "y", transform, required: false })).toBe(out);
  });
  it("refuses non-http schemes in the config", () => {
    const r = deliveryConfigSchema.safeParse({ url: "file:///etc/passwd" });
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["url", "must be an http or https URL"],
    ]);
  });
  it("rejects an invalid config with field paths", () => {
    const r = deliveryConfigSchema.safeParse({ url: "nope", format: "xml", tokenIn: "query" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["url", "format", "tokenIn"]);
  });
});

describe("retry timing", () => {
  it("follows the schedule with ±20 % jitter", () => {
    expect(BACKOFF_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]);
    expect(backoffDelay(1, BACKOFF_MS, () => 0)).toBe(4_000);
    expect(backoffDelay(1, BACKOFF_MS, () => 1)).toBe(6_000);
    expect(backoffDelay(6, BACKOFF_MS, () => 0.5)).toBe(36_000_000);
    expect(backoffDelay(40, BACKOFF_MS, () => 0.5)).toBe(36_000_000);
  });
  it.each([
    ["120", 120_000],
    ["0", 0],
    ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000],
    ["soon", null],
    [undefined, null],
    ["999999", 86_400_000],
  ])("Retry-After %s → %s ms", (v, ms) => {
    expect(parseRetryAfter(v, Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(ms);
  });
});

describe("webhook signing", () => {
  it("verifies with the standardwebhooks package and fails with another secret", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = '{"type":"lead.sold"}';
    const headers = webhookHeaders(secret, "msg_1", body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: "lead.sold" });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(signWebhook(secret, "msg_1", 1, "x")).toMatch(/^v1,/);
  });
});
