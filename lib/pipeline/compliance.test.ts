import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { normalizeLead } from "./normalize";
import {
  consentProvider,
  stateProvider,
  trustedFormProvider,
  dncApiProvider,
  phoneLookupProvider,
  runCompliance,
  type ComplianceContext,
  type ListRules,
  type ComplianceProvider,
} from "./compliance";

const list = (over: Partial<ListRules> = {}): ListRules => ({
  id: "L",
  acceptedStates: [],
  checks: [],
  requireTrustedForm: false,
  ...over,
});
const ctx = (l: ListRules | null = null): ComplianceContext => ({ db: null as never, list: l, now: new Date() });
const TF = "https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567";

describe("consent (TCPA)", () => {
  it.each<[string, Record<string, unknown>, ListRules | null, string[]]>([
    ["text + timestamp", { consent: { text: "I agree", timestamp: "2026-03-03T10:30:00Z" } }, null, []],
    ["TrustedForm URL alone", { trustedFormCertUrl: TF }, null, []],
    [
      "the compliance endpoint's example certificate",
      { trustedFormCertUrl: "https://cert.trustedform.com/example" },
      list({ requireTrustedForm: true }),
      [],
    ],
    ["nothing", {}, null, ["missing_consent"]],
    ["text without timestamp", { consent: { text: "I agree" } }, null, ["missing_consent"]],
    ["unparseable timestamp", { consent: { text: "I agree", timestamp: "yesterday" } }, null, ["missing_consent"]],
    [
      "malformed TrustedForm URL",
      { trustedFormCertUrl: "http://evil.example/cert" },
      null,
      ["invalid_trustedform_cert"],
    ],
    [
      "list requires TrustedForm, consent text only",
      { consent: { text: "I agree", timestamp: "2026-03-03T10:30:00Z" } },
      list({ requireTrustedForm: true }),
      ["invalid_trustedform_cert"],
    ],
  ])("%s", async (_n, body, l, codes) => {
    expect(await consentProvider.run(normalizeLead(body), ctx(l))).toEqual(codes);
  });
});

describe("state eligibility", () => {
  it.each<[string | undefined, string[], string[]]>([
    ["TX", ["TX", "OH"], []],
    ["CA", ["TX", "OH"], ["state_not_accepted"]],
    ["CA", [], []],
    [undefined, ["TX"], []],
  ])("%s in %j", async (state, accepted, codes) => {
    expect(
      await stateProvider.run(normalizeLead(state ? { state } : {}), ctx(list({ acceptedStates: accepted }))),
    ).toEqual(codes);
  });
});

describe("runCompliance", () => {
  const fake = (name: string, check: ComplianceProvider["check"], code: string): ComplianceProvider => ({
    name,
    check,
    run: async () => [code],
  });
  it("runs only the checks the list asks for (all without a list) and dedupes codes", async () => {
    const providers = [
      fake("a", "tcpa_dnc", "missing_consent"),
      fake("b", "state", "state_not_accepted"),
      fake("c", "duplicate", "duplicate_lead"),
      fake("d", "duplicate", "duplicate_lead"),
    ];
    expect(await runCompliance(normalizeLead({}), ctx(), providers)).toEqual([
      "missing_consent",
      "state_not_accepted",
      "duplicate_lead",
    ]);
    expect(await runCompliance(normalizeLead({}), ctx(list({ checks: ["state"] })), providers)).toEqual([
      "state_not_accepted",
    ]);
  });
});

// A local fake speaking the providers' APIs: TrustedForm claim, DNC scrub, carrier lookup.
describe("external providers against a local fake server", () => {
  let server: http.Server;
  let base = "";
  const seen: { method?: string; url?: string; auth?: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
      const url = new URL(req.url!, "http://x");
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith("/tf/")) {
        const id = url.pathname.slice(4);
        if (id === "slow0000") return void setTimeout(() => send(201, {}), 3000);
        if (id === "down0000") return send(503, { error: "maintenance" });
        return id.startsWith("good")
          ? send(201, { cert: { token: id } })
          : send(404, { message: "Certificate not found" });
      }
      const phone = url.searchParams.get("phone") ?? "";
      if (url.pathname === "/dnc") return send(200, { phone, dnc: phone.endsWith("0000") });
      if (url.pathname === "/lookup") {
        if (phone.endsWith("9999")) return send(200, { valid: false, line_type: null });
        if (phone.endsWith("8888")) return send(200, { valid: true, line_type: "voip" });
        if (phone.endsWith("7777")) return send(500, {});
        return send(200, { valid: true, active: true, line_type: "mobile" });
      }
      send(404, {});
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each<[string, string, string[]]>([
    ["claimed", "good1234", []],
    ["unknown certificate", "nope1234", ["trustedform_claim_failed"]],
    ["provider down: fail open", "down0000", []],
    ["provider slow: fail open after the timeout", "slow0000", []],
  ])("TrustedForm %s", async (_n, id, codes) => {
    const p = trustedFormProvider({ url: `${base}/tf`, key: "k1", timeoutMs: 300 });
    expect(await p.run(normalizeLead({ trustedFormCertUrl: `https://cert.trustedform.com/${id}` }), ctx())).toEqual(
      codes,
    );
  });

  it("TrustedForm sends HTTP Basic API:<key> as a POST", async () => {
    await trustedFormProvider({ url: `${base}/tf`, key: "k1" }).run(
      normalizeLead({ trustedFormCertUrl: "https://cert.trustedform.com/good9999" }),
      ctx(),
    );
    expect(seen.at(-1)).toEqual({
      method: "POST",
      url: "/tf/good9999",
      auth: `Basic ${Buffer.from("API:k1").toString("base64")}`,
    });
  });

  it.each<[string, string[]]>([
    ["6145550000", ["dnc_listed"]],
    ["6145552368", []],
  ])("DNC scrub %s", async (phone, codes) => {
    expect(await dncApiProvider({ url: `${base}/dnc`, key: "k2" }).run(normalizeLead({ phone }), ctx())).toEqual(codes);
    expect(seen.at(-1)?.auth).toBe("Bearer k2");
  });

  it.each<[string, string[]]>([
    ["6145552368", []],
    ["6145559999", ["disconnected_number"]],
    ["6145558888", ["voip_number"]],
    ["6145557777", []],
  ])("phone lookup %s", async (phone, codes) => {
    expect(await phoneLookupProvider({ url: `${base}/lookup` }).run(normalizeLead({ phone }), ctx())).toEqual(codes);
  });

  it("unconfigured or unreachable providers pass", async () => {
    expect(await dncApiProvider({}).run(normalizeLead({ phone: "6145550000" }), ctx())).toEqual([]);
    expect(
      await dncApiProvider({ url: "http://127.0.0.1:1/dnc", timeoutMs: 300 }).run(
        normalizeLead({ phone: "6145550000" }),
        ctx(),
      ),
    ).toEqual([]);
  });
});
