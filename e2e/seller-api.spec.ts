// The seller API against the production server and the demo seed, as an integrator calls it.
import { expect, test } from "@playwright/test";
import { SPEC_API_KEY, complianceExamples } from "../lib/openapi/examples";

const KEY = SPEC_API_KEY;
const auth = { Authorization: `Bearer ${KEY}` };
// The compliance endpoint's documented example request (it carries seller1's key from the demo data).
const COMPLIANCE_EXAMPLE = complianceExamples.testExample;

test("the platform API: ping, then ingest against the ping", async ({ request }) => {
  const ping = await request.post("/api/leads/ping", {
    headers: auth,
    data: {
      vertical: "home_services",
      subVertical: "plumbing",
      consumerState: "CA",
      consumerZip: "90210",
      leadData: { homeowner: true, project_type: "repair" },
    },
  });
  expect(ping.status()).toBe(200);
  const p = await ping.json();
  expect(p).toEqual({
    pingId: expect.any(String),
    bidPrice: 24,
    exclusiveBidPrice: 27.5,
    expiresInSeconds: 120,
    matchCount: 3,
  });
  const started = Date.now();
  const res = await request.post("/api/leads/ingest", {
    headers: { ...auth, "Idempotency-Key": "e2e-1" },
    data: {
      pingId: p.pingId,
      vertical: "home_services",
      subVertical: "plumbing",
      sourceType: "arb_purchase",
      consumerName: "John Smith",
      consumerEmail: "john.e2e@gmail.com",
      consumerPhone: "(310) 462-8817",
      consumerState: "CA",
      consumerZip: "90210",
      consumerCity: "Beverly Hills",
      leadData: { project_type: "repair", homeowner: true },
      consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
    },
  });
  expect(Date.now() - started).toBeLessThan(2000);
  expect(await res.json()).toEqual({
    success: true,
    leadId: expect.any(Number),
    status: "sold",
    revenue: 55,
    cost: 24,
    margin: 31,
    buyerId: 1,
    matchCount: 3,
  });
});

test("the compliance endpoint: its documented example passes; a non-listed state and a bad token fail in the documented shape", async ({
  request,
}) => {
  const ok = await request.post("/api/leads", { data: COMPLIANCE_EXAMPLE });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({
    success: true,
    bid: 0.35,
    data: { first_name: "John", last_name: "Doe", phone: "6507769592", email: "johndoe@example.com" },
  });

  const ca = await request.post("/api/leads", {
    data: { ...COMPLIANCE_EXAMPLE, state: "CA", phone: "6507769593", email: "jane.e2e@gmail.com" },
  });
  expect(await ca.json()).toMatchObject({
    success: false,
    bid: 0,
    error: "Phone number failed compliance check with: State Eligibility",
    details: { failedSources: ["State Eligibility"], phoneNumber: "6507769593" },
  });

  const bad = await request.post("/api/leads", { data: { ...COMPLIANCE_EXAMPLE, token: "wrong" } });
  expect(bad.status()).toBe(401);
  expect(await bad.json()).toMatchObject({ success: false, bid: 0, details: { failedSources: ["Authentication"] } });
});
