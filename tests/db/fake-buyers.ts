// Real HTTP servers on 127.0.0.1 (ephemeral ports) that play buyers in delivery tests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { SPEC_STATES } from "@/lib/seed";

export type Fake = {
  url: string;
  close: () => Promise<void>;
  requests: { headers: http.IncomingHttpHeaders; body: string; path: string }[];
};

export async function listen(
  handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void | Promise<void>,
): Promise<Fake> {
  const requests: Fake["requests"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ headers: req.headers, body, path: req.url ?? "/" });
      void handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

// The compliance API's documented accepted states: the same list our own compliance endpoint uses.
const ACCEPTED_STATES: readonly string[] = SPEC_STATES;
const REQUIRED = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "zipCode",
  "trustedFormCertUrl",
  "listId",
  "campaignId",
  "incomeBracket",
  "state",
  "homeownerStatus",
];

/**
 * The lead compliance API as a buyer runs it, by its documented rules: token, required fields, 10-digit
 * phone, 5-digit zip, ageRange or dob, accepted states, a DNC list → success/bid/lead_id or
 * success:false with details.failedSources/reasons. JSON or form bodies.
 */
export function complianceApiServer(opts: { token: string; dnc?: string[]; bid?: number }) {
  let seq = 0;
  return listen((req, body, res) => {
    if (req.method !== "POST" || req.url !== "/api/leads")
      return json(res, 404, { success: false, error: "not found" });
    let b: Record<string, unknown>;
    try {
      b = (req.headers["content-type"] ?? "").includes("form")
        ? Object.fromEntries(new URLSearchParams(body))
        : JSON.parse(body);
    } catch {
      return json(res, 400, { success: false, bid: 0, error: "invalid body" });
    }
    if (b.token !== opts.token && req.headers.token !== opts.token)
      return json(res, 401, { success: false, bid: 0, error: "invalid token" });
    const missing = REQUIRED.filter((f) => !b[f]);
    if (!b.ageRange && !b.dob) missing.push("ageRange or dob");
    if (missing.length)
      return json(res, 400, { success: false, bid: 0, error: `Missing required fields: ${missing.join(", ")}` });
    const failedSources: string[] = [];
    const reasons: string[] = [];
    const fail = (source: string, reason: string) => {
      failedSources.push(source);
      reasons.push(reason);
    };
    if (!/^\d{10}$/.test(String(b.phone))) fail("Phone Validation", "Phone must be 10 digits");
    if (!/^\d{5}$/.test(String(b.zipCode))) fail("Validation", "zipCode must be 5 digits");
    if (!ACCEPTED_STATES.includes(String(b.state))) fail("State Eligibility", `State ${b.state} not accepted`);
    if (opts.dnc?.includes(String(b.phone))) fail("TCPA", "Number on Do Not Call registry");
    if (failedSources.length) {
      return json(res, 200, {
        success: false,
        bid: 0.0,
        error: `Phone number failed compliance check with: ${failedSources.join(", ")}`,
        details: { failedSources, reasons, phoneNumber: b.phone },
      });
    }
    const id = `jm${String(++seq).padStart(6, "0")}`;
    return json(res, 200, {
      success: true,
      lead_id: id,
      data: {
        id,
        first_name: b.firstName,
        last_name: b.lastName,
        phone: b.phone,
        email: b.email,
        created_at: new Date().toISOString(),
      },
      bid: opts.bid ?? 0.35,
    });
  });
}

/** A webhook receiver that verifies Standard Webhooks signatures and processes each webhook-id once. */
export async function webhookReceiver(
  secret: () => string,
  behaviour?: (n: number, id: string, res: http.ServerResponse) => boolean | Promise<boolean>,
) {
  const processed = new Map<string, unknown>();
  const state = { badSignatures: 0, duplicates: 0, calls: 0 };
  const fake = await listen(async (req, body, res) => {
    const n = ++state.calls;
    const id = String(req.headers["webhook-id"] ?? "");
    let payload: unknown;
    try {
      payload = new Webhook(secret()).verify(body, req.headers as Record<string, string>);
    } catch {
      state.badSignatures++;
      return json(res, 401, { error: "bad signature" });
    }
    // The receiver records the lead before answering (as a real one would): a lost answer makes the sender retry.
    if (processed.has(id)) state.duplicates++;
    else processed.set(id, payload);
    if (behaviour && (await behaviour(n, id, res))) return;
    json(res, 200, { ok: true });
  });
  return { ...fake, processed, state };
}
