// The contract test: the OpenAPI document (lib/openapi) against the real route handlers.
//   1. Every route file under app/api exports exactly the methods the document lists, and back.
//   2. For every documented operation: send its documented example (ids swapped for the seeded
//      world's), then check the real status is a documented one and the real body parses with the
//      documented (strict) response schema. A serializer that adds, drops or retypes a field, or a
//      route that answers an undocumented status, fails here.
//   3. Every authenticated operation without credentials answers its documented 401 body.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { seedDemo, SPEC_LIST_ID } from "@/lib/seed";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { allOperations, openApiDocument } from "@/lib/openapi/document";
import type { OperationSpec } from "@/lib/openapi/builder";
import { platformExamples, complianceExamples } from "@/lib/openapi/examples";
import { generateApiKey } from "@/lib/api-keys";
import { sessionCookie } from "@/lib/auth/session";
import { call, type Reply } from "./helpers/api";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

// ---------- the route files, found on disk ----------

const API_DIR = path.resolve(__dirname, "../../app/api");

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** app/api/leads/[id]/return/route.ts → /api/leads/{id}/return */
function docPath(file: string): string {
  const rel = path.relative(path.resolve(API_DIR, ".."), path.dirname(file)).split(path.sep).join("/");
  return `/${rel.replace(/\[(\w+)\]/g, "{$1}")}`;
}

// next-auth's own endpoints (/api/auth/session, /api/auth/callback/...) are not part of our API.
const UNDOCUMENTED = new Set(["/api/auth/[...nextauth]"]);

async function loadRoutes(): Promise<Map<string, Handler>> {
  const handlers = new Map<string, Handler>();
  for (const file of routeFiles()) {
    const p = docPath(file);
    if (UNDOCUMENTED.has(p)) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const m of METHODS) if (typeof mod[m] === "function") handlers.set(`${m} ${p}`, mod[m] as Handler);
  }
  return handlers;
}

const OPS = allOperations();
const opKey = (op: OperationSpec) => `${op.method.toUpperCase()} ${op.path}`;

// ---------- the seeded world ----------

async function world() {
  await seedDemo(prisma, { history: false });
  invalidateCampaignIndex();
  const users = Object.fromEntries((await prisma.user.findMany()).map((u) => [u.username, u]));
  const account = async (username: string) => {
    const u = users[username];
    const user = {
      id: u.id,
      username: u.username,
      role: u.role,
      fullName: u.fullName,
      email: u.email,
      buyerId: u.buyerId,
      sellerId: u.sellerId,
    };
    const c = await sessionCookie(user);
    return {
      user,
      cookie: `${c.name}=${c.value}`,
      key: u.role === "admin" ? null : await keyFor(u, `${username} key`),
    };
  };
  return {
    admin: await account("admin"),
    buyer1: await account("buyer1"),
    seller1: await account("seller1"),
    buyerId: users.buyer1.buyerId!,
    sellerId: users.seller1.sellerId!,
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** A real key for one account, stored the way POST /api/api-keys stores it (hash only). */
async function keyFor(owner: { buyerId: number | null; sellerId: number | null }, name: string): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await prisma.apiKey.create({ data: { name, prefix, hash, buyerId: owner.buyerId, sellerId: owner.sellerId } });
  return key;
}

/** A lead sold to buyer1: the platform API's documented ingest example with a consumer nobody has sent before. */
async function soldLead(w: World, handlers: Map<string, Handler>): Promise<number> {
  const r = await call(handlers.get("POST /api/leads/ingest")!, "POST", "/api/leads/ingest", {
    key: w.seller1.key,
    body: { ...platformExamples.ingestRequest, consumerPhone: "6143920187", consumerEmail: "contract.test@gmail.com" },
  });
  expect(r.body, JSON.stringify(r.body)).toMatchObject({ success: true, status: "sold", buyerId: w.buyerId });
  return r.body.leadId as number;
}

async function deadDelivery(leadId: number) {
  const sale = await prisma.leadSale.findFirstOrThrow({ where: { leadId } });
  return prisma.delivery.create({
    data: {
      saleId: sale.id,
      leadId,
      campaignId: sale.campaignId,
      buyerId: sale.buyerId,
      method: "webhook",
      target: "https://buyer.example/hook",
      status: "dead",
      attempts: 7,
      lastError: "HTTP 500",
    },
  });
}

// ---------- one case per operation ----------

type Auth = { cookie?: string | null; key?: string | null; keyVia?: "bearer" | "x-api-key" | "body" };
type Case = {
  /** The documented status this example must produce. */
  status: number;
  auth?: Auth;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
};
type CaseFn = (w: World, h: Map<string, Handler>) => Promise<Case | Case[]>;

/** An operation's request example: its one example, or the first of its named ones. */
const bodyExample = (op: OperationSpec) => op.body?.example ?? Object.values(op.body?.examples ?? {})[0]?.value;
const example = (op: string) => bodyExample(OPS.find((o) => o.operationId === op)!);
const alternativeExample = (op: string, contentType: string) =>
  OPS.find((o) => o.operationId === op)!.body?.alternatives?.find((a) => a.contentType === contentType)?.example;

const CASES: Record<string, CaseFn> = {
  login: async () => [
    // The documentation's placeholder credentials are not an account: the documented 401.
    { status: 401, body: example("login") },
    { status: 200, body: { username: "buyer1", password: "demo-password" } },
    { status: 200, body: { username: "seller1", password: "demo-password" } },
  ],
  logout: async () => ({ status: 200 }),
  me: async (w) => [
    { status: 200, auth: { cookie: w.buyer1.cookie } },
    { status: 200, auth: { key: w.seller1.key } },
  ],
  createApiKey: async (w) => ({ status: 201, auth: { cookie: w.seller1.cookie }, body: example("createApiKey") }),
  listApiKeys: async (w) => [
    { status: 200, auth: { cookie: w.seller1.cookie } },
    { status: 403, auth: { key: w.seller1.key } },
  ],
  getApiKey: async (w) => {
    const key = await prisma.apiKey.findFirstOrThrow({ where: { sellerId: w.sellerId } });
    return [
      { status: 200, auth: { cookie: w.seller1.cookie }, params: { id: key.id } },
      { status: 404, auth: { cookie: w.buyer1.cookie }, params: { id: key.id } },
      { status: 403, auth: { key: w.seller1.key }, params: { id: key.id } },
    ];
  },
  revokeApiKey: async (w) => {
    const key = await prisma.apiKey.findFirstOrThrow({ where: { sellerId: w.sellerId } });
    return { status: 200, auth: { cookie: w.seller1.cookie }, params: { id: key.id } };
  },
  createBuyer: async (w) => ({ status: 201, auth: { cookie: w.admin.cookie }, body: example("createBuyer") }),
  listBuyers: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie } },
    { status: 403, auth: { cookie: w.buyer1.cookie } },
  ],
  createSeller: async (w) => ({ status: 201, auth: { cookie: w.admin.cookie }, body: example("createSeller") }),
  listSellers: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie } }),
  updateBuyer: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie }, params: { id: String(w.buyerId) }, body: example("updateBuyer") },
    {
      status: 400,
      auth: { cookie: w.admin.cookie },
      params: { id: String(w.buyerId) },
      body: { balance: "1000000.00" },
    },
  ],
  updateSeller: async (w) => ({
    status: 200,
    auth: { cookie: w.admin.cookie },
    params: { id: String(w.sellerId) },
    body: example("updateSeller"),
  }),
  createVertical: async (w) => [
    { status: 201, auth: { cookie: w.admin.cookie }, body: example("createVertical") },
    { status: 409, auth: { cookie: w.admin.cookie }, body: example("createVertical") },
    { status: 400, auth: { cookie: w.admin.cookie }, body: { key: "X", name: "" } },
  ],
  listVerticals: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie }, query: "?includeArchived=true" },
    { status: 403, auth: { key: w.seller1.key } },
  ],
  getVertical: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie }, params: { key: "home_services" } },
    { status: 404, auth: { cookie: w.admin.cookie }, params: { key: "nope" } },
  ],
  updateVertical: async (w) => [
    {
      status: 200,
      auth: { cookie: w.admin.cookie },
      params: { key: "home_services" },
      body: example("updateVertical"),
    },
    { status: 409, auth: { cookie: w.admin.cookie }, params: { key: "home_services" }, body: { archived: true } },
  ],
  createIntakeList: async (w) => [
    { status: 201, auth: { cookie: w.admin.cookie }, body: example("createIntakeList") },
    {
      status: 400,
      auth: { cookie: w.admin.cookie },
      body: { ...(example("createIntakeList") as object), acceptedStates: ["ZZ"] },
    },
  ],
  listIntakeLists: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie }, query: `?sellerId=${w.sellerId}` }),
  getIntakeList: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie }, params: { id: SPEC_LIST_ID } },
    { status: 404, auth: { cookie: w.admin.cookie }, params: { id: "00000000-0000-4000-8000-000000000000" } },
  ],
  updateIntakeList: async (w) => ({
    status: 200,
    auth: { cookie: w.admin.cookie },
    params: { id: SPEC_LIST_ID },
    body: example("updateIntakeList"),
  }),
  intakeListSpec: async (w) => [
    { status: 200, auth: { key: w.seller1.key }, params: { id: SPEC_LIST_ID } },
    { status: 200, auth: { key: w.seller1.key }, params: { id: SPEC_LIST_ID }, query: "?format=json" },
    { status: 200, auth: { cookie: w.admin.cookie }, params: { id: SPEC_LIST_ID }, query: "?format=html" },
    { status: 400, auth: { key: w.seller1.key }, params: { id: SPEC_LIST_ID }, query: "?format=doc" },
    { status: 403, auth: { key: w.buyer1.key }, params: { id: SPEC_LIST_ID } },
  ],
  createUser: async (w) => [
    {
      status: 201,
      auth: { cookie: w.admin.cookie },
      body: { ...(example("createUser") as object), buyerId: w.buyerId },
    },
    { status: 400, auth: { cookie: w.admin.cookie }, body: { username: "x" } },
  ],
  listUsers: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie } }),
  getUser: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie }, params: { id: w.buyer1.user.id } }),
  updateUser: async (w) => ({
    status: 200,
    auth: { cookie: w.admin.cookie },
    params: { id: w.buyer1.user.id },
    body: example("updateUser"),
  }),

  pingLead: async (w) => [
    { status: 200, auth: { key: w.seller1.key }, body: example("pingLead") },
    { status: 403, auth: { key: w.buyer1.key }, body: example("pingLead") },
  ],
  ingestLead: async (w) => [
    { status: 200, auth: { key: w.seller1.key }, body: example("ingestLead") },
    // A retry with the same Idempotency-Key: the stored answer again, with the documented Idempotent-Replayed.
    ...[1, 2].map(() => ({
      status: 200,
      auth: { key: w.seller1.key },
      headers: { "Idempotency-Key": "contract-replay-1" },
      body: { ...platformExamples.ingestRequest, consumerPhone: "6143920190", consumerEmail: "replay.test@gmail.com" },
    })),
    {
      status: 200,
      auth: { key: w.seller1.key, keyVia: "x-api-key" },
      body: { ...platformExamples.ingestRequest, consumerPhone: "12", consumerEmail: "nope" },
    },
    {
      status: 400,
      auth: { key: w.seller1.key },
      body: { ...platformExamples.ingestRequest, consumerPhone: { not: "a phone" } },
    },
  ],
  submitComplianceLead: async (w) => [
    // The compliance endpoint's documented "Test Example", verbatim, token in the body.
    { status: 200, body: example("submitComplianceLead") },
    // A state outside the 12: rejected with the compliance failure body.
    {
      status: 200,
      body: { ...complianceExamples.testExample, state: "CA", phone: "6143920188", email: "other.person@gmail.com" },
    },
    // The documented form-encoded alternative, token among the fields.
    {
      status: 200,
      body: new URLSearchParams({
        ...(alternativeExample("submitComplianceLead", "application/x-www-form-urlencoded") as Record<string, string>),
        phone: "6143920189",
        email: "form.poster@gmail.com",
      }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    },
    { status: 401, body: { ...complianceExamples.testExample, token: "not-a-key" } },
    { status: 403, body: { ...complianceExamples.testExample, token: w.buyer1.key } },
  ],
  listSuppressions: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie }, query: "?kind=dnc" }),
  addSuppression: async (w) => ({ status: 201, auth: { cookie: w.admin.cookie }, body: example("addSuppression") }),
  removeSuppression: async (w) => {
    const row = await prisma.suppression.create({ data: { kind: "dnc", type: "phone", value: "6507769592" } });
    return { status: 204, auth: { cookie: w.admin.cookie }, params: { id: String(row.id) } };
  },
  importSuppressions: async (w) => [
    {
      status: 200,
      auth: { cookie: w.admin.cookie },
      query: "?kind=dnc&type=phone",
      body: example("importSuppressions"),
      headers: { "content-type": "text/csv" },
    },
    // The documented JSON alternative: { "csv": "..." }.
    {
      status: 200,
      auth: { cookie: w.admin.cookie },
      query: "?kind=dnc&type=phone",
      body: alternativeExample("importSuppressions", "application/json"),
    },
  ],

  listLeads: async (w, h) => {
    await soldLead(w, h);
    return [
      { status: 200, auth: { key: w.buyer1.key }, query: `?buyerId=${w.buyerId}` },
      { status: 200, auth: { key: w.seller1.key }, query: `?sellerId=${w.sellerId}` },
      { status: 200, auth: { cookie: w.admin.cookie } },
      {
        status: 200,
        auth: { cookie: w.admin.cookie },
        query: "?status=unsold&state=CA&unsoldReason=cap_reached&format=csv",
      },
      { status: 400, auth: { key: w.buyer1.key }, query: "?status=bogus" },
      { status: 403, auth: { key: w.buyer1.key }, query: `?buyerId=${w.buyerId + 1}` },
    ];
  },
  getLead: async (w, h) => {
    const id = String(await soldLead(w, h));
    return [
      { status: 200, auth: { key: w.buyer1.key }, params: { id } },
      { status: 200, auth: { key: w.seller1.key }, params: { id } },
      { status: 200, auth: { cookie: w.admin.cookie }, params: { id } },
      { status: 404, auth: { key: w.buyer1.key }, params: { id: "999999" } },
    ];
  },
  returnLead: async (w, h) => {
    const id = String(await soldLead(w, h));
    const c = { auth: { key: w.buyer1.key }, params: { id }, body: example("returnLead") };
    return [
      { status: 200, ...c },
      { status: 409, ...c },
      { status: 400, ...c, body: { reason: "changed_my_mind" } },
    ];
  },
  listCampaigns: async (w) => ({ status: 200, auth: { key: w.buyer1.key }, query: `?buyerId=${w.buyerId}` }),
  createCampaign: async (w) => [
    {
      status: 201,
      auth: { key: w.buyer1.key },
      body: { ...(example("createCampaign") as object), buyerId: w.buyerId },
    },
    {
      status: 400,
      auth: { key: w.buyer1.key },
      body: { ...(example("createCampaign") as object), buyerId: w.buyerId, pricePerLead: "-1" },
    },
  ],
  getCampaign: async (w) => ({
    status: 200,
    auth: { key: w.buyer1.key },
    params: { id: String(await buyer1Campaign(w)) },
  }),
  updateCampaign: async (w) => ({
    status: 200,
    auth: { key: w.buyer1.key },
    params: { id: String(await buyer1Campaign(w)) },
    body: example("updateCampaign"),
  }),
  archiveCampaign: async (w) => ({
    status: 200,
    auth: { key: w.buyer1.key },
    params: { id: String(await buyer1Campaign(w)) },
  }),
  rotateWebhookSecret: async (w) => ({
    status: 200,
    auth: { key: w.buyer1.key },
    params: { id: String(await buyer1Campaign(w)) },
  }),
  listTransactions: async (w, h) => {
    await soldLead(w, h);
    return [
      { status: 200, auth: { key: w.buyer1.key }, query: `?buyerId=${w.buyerId}` },
      { status: 200, auth: { key: w.seller1.key }, query: `?sellerId=${w.sellerId}&type=lead_purchase` },
      { status: 200, auth: { key: w.buyer1.key }, query: "?format=csv" },
    ];
  },
  getStatement: async (w, h) => {
    await soldLead(w, h);
    return [
      { status: 200, auth: { key: w.buyer1.key }, query: "" },
      { status: 200, auth: { cookie: w.seller1.cookie }, query: "?month=2026-03&format=csv" },
      { status: 200, auth: { cookie: w.admin.cookie }, query: `?buyerId=${w.buyerId}&from=2026-03-01&to=2026-03-31` },
      { status: 400, auth: { cookie: w.admin.cookie }, query: "?month=2026-3" },
      { status: 403, auth: { key: w.buyer1.key }, query: `?sellerId=${w.sellerId}` },
      { status: 404, auth: { cookie: w.admin.cookie }, query: "?sellerId=999999" },
    ];
  },
  unsoldReport: async (w) => {
    await prisma.lead.create({
      data: {
        sellerId: w.sellerId,
        vertical: "home_services",
        consumerState: "WY",
        status: "unsold",
        unsoldReasons: [],
      },
    });
    return [
      { status: 200, auth: { cookie: w.admin.cookie }, query: "" },
      { status: 200, auth: { key: w.seller1.key }, query: "?format=csv" },
      { status: 200, auth: { key: w.buyer1.key }, query: "?from=2026-03-01&to=2026-03-31" },
      { status: 400, auth: { cookie: w.admin.cookie }, query: "?from=2026-03-05&to=2026-03-01" },
    ];
  },
  postAdjustment: async (w) => ({
    status: 201,
    auth: { cookie: w.admin.cookie },
    body: { ...(example("postAdjustment") as object), buyerId: w.buyerId },
  }),
  getBuyerAccount: async (w) => [
    { status: 200, auth: { key: w.buyer1.key }, params: { id: String(w.buyerId) } },
    { status: 404, auth: { key: w.buyer1.key }, params: { id: String(w.buyerId + 1) } },
  ],
  getSellerAccount: async (w) => ({ status: 200, auth: { key: w.seller1.key }, params: { id: String(w.sellerId) } }),

  listDeliveries: async (w, h) => {
    await deadDelivery(await soldLead(w, h));
    return { status: 200, auth: { key: w.buyer1.key }, query: "?status=dead" };
  },
  getDelivery: async (w, h) => {
    const d = await deadDelivery(await soldLead(w, h));
    return { status: 200, auth: { key: w.buyer1.key }, params: { id: String(d.id) } };
  },
  replayDelivery: async (w, h) => {
    const d = await deadDelivery(await soldLead(w, h));
    const c = { auth: { key: w.buyer1.key }, params: { id: String(d.id) } };
    return [
      { status: 200, ...c },
      { status: 409, ...c },
    ];
  },

  consumerOptOut: async () => [
    { status: 202, body: example("consumerOptOut"), headers: { "x-forwarded-for": "192.0.2.10" } },
    { status: 400, body: { phone: "12", request: "stop_contact" }, headers: { "x-forwarded-for": "192.0.2.10" } },
  ],
  listOptOuts: async (w, h) => {
    await soldLead(w, h);
    await call(h.get("POST /api/admin/opt-outs")!, "POST", "/api/admin/opt-outs", {
      cookie: w.admin.cookie,
      body: { phone: "6143920187", request: "stop_contact" },
    });
    return { status: 200, auth: { cookie: w.admin.cookie } };
  },
  addOptOut: async (w) => ({ status: 202, auth: { cookie: w.admin.cookie }, body: example("addOptOut") }),
  importDeletionRequests: async (w, h) => {
    await soldLead(w, h);
    const headers = { "content-type": "text/plain" };
    return [
      { status: 200, auth: { cookie: w.admin.cookie }, body: "contract.test@gmail.com\nnot a line\n", headers },
      { status: 415, auth: { cookie: w.admin.cookie }, body: "x", headers: { "content-type": "application/json" } },
    ];
  },
  listDeletionImports: async (w, h) => {
    await call(h.get("POST /api/admin/deletion-requests/import")!, "POST", "/api/admin/deletion-requests/import", {
      cookie: w.admin.cookie,
      body: "6145550123\n",
      headers: { "content-type": "text/plain" },
    });
    return { status: 200, auth: { cookie: w.admin.cookie } };
  },
  getRetention: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie } }),
  setRetention: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie }, body: example("setRetention") },
    { status: 400, auth: { cookie: w.admin.cookie }, body: { soldDays: 10, unsoldDays: 10, consentDays: 5 } },
  ],
  runRetention: async (w) => ({ status: 200, auth: { cookie: w.admin.cookie } }),
  getConsentEvidence: async (w, h) => {
    const id = String(await soldLead(w, h));
    return [
      { status: 200, auth: { key: w.buyer1.key }, params: { id } },
      { status: 404, auth: { key: w.seller1.key }, params: { id } },
    ];
  },

  health: async () => ({ status: 200 }),
  metrics: async (w) => [
    { status: 200, auth: { cookie: w.admin.cookie } },
    { status: 401 },
    { status: 403, auth: { key: w.buyer1.key } },
  ],
  openapi: async () => ({ status: 200 }),
};

async function buyer1Campaign(w: World): Promise<number> {
  const c = await prisma.buyerCampaign.findFirstOrThrow({ where: { buyerId: w.buyerId }, orderBy: { id: "asc" } });
  return c.id;
}

function fillPath(p: string, params: Record<string, string> = {}): string {
  return p.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(params[k] ?? "1"));
}

/** Response headers that carry API meaning (paging, retries, replays, limits, the session). */
const ACTIONABLE_HEADER = /^(retry-after|idempotent-replayed|ratelimit-[a-z]+|x-next-cursor|link|set-cookie)$/i;

/** The documented schema for the reply's status, and whether the body parses with it. */
function checkReply(op: OperationSpec, reply: Reply): { ok: boolean; why: string } {
  const doc = op.responses[reply.status];
  if (!doc)
    return {
      ok: false,
      why: `status ${reply.status} is not documented for ${opKey(op)} (documented: ${Object.keys(op.responses).join(", ")}); body ${JSON.stringify(reply.body)}`,
    };
  // The headers a client acts on must be documented for the status they come with.
  const documentedHeaders = new Set(Object.keys(doc.headers ?? {}).map((h) => h.toLowerCase()));
  const undocumented = [...reply.headers.keys()].filter(
    (h) => ACTIONABLE_HEADER.test(h) && !documentedHeaders.has(h.toLowerCase()),
  );
  if (undocumented.length)
    return { ok: false, why: `${opKey(op)} → ${reply.status} sends undocumented headers: ${undocumented.join(", ")}` };
  if (!doc.schema)
    return { ok: reply.body === null || reply.body === "", why: `expected no body, got ${JSON.stringify(reply.body)}` };
  // A listing's text/csv answer is checked against the documented alternative for that media type.
  const type = reply.headers.get("content-type")?.split(";")[0];
  const alt = doc.alternatives?.find((a) => a.contentType === type);
  if (type && type !== "application/json" && !alt && doc.contentType?.split(";")[0] !== type)
    return { ok: false, why: `${opKey(op)} answered ${type}, which is not documented for ${reply.status}` };
  const parsed = ((alt?.schema ?? doc.schema) as z.ZodType).safeParse(reply.body);
  if (parsed.success) return { ok: true, why: "" };
  const issues = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return {
    ok: false,
    why: `${opKey(op)} → ${reply.status} does not match its documented schema:\n  ${issues.join("\n  ")}\nbody: ${JSON.stringify(reply.body).slice(0, 1500)}`,
  };
}

async function send(op: OperationSpec, handler: Handler, c: Case): Promise<Reply> {
  const url = fillPath(op.path, c.params) + (c.query ?? "");
  return call(handler, op.method.toUpperCase(), url, {
    cookie: c.auth?.cookie ?? null,
    key: c.auth?.key ?? null,
    keyVia: c.auth?.keyVia,
    body: c.body,
    headers: c.headers,
    params: c.params,
  });
}

describe("OpenAPI document ↔ route handlers", () => {
  it("documents exactly the methods the route files export", async () => {
    const handlers = await loadRoutes();
    const documented = new Set(OPS.map(opKey));
    const routes = new Set(handlers.keys());
    expect([...routes].filter((k) => !documented.has(k)).sort(), "routes missing from the document").toEqual([]);
    expect([...documented].filter((k) => !routes.has(k)).sort(), "documented operations without a route").toEqual([]);
  });

  it("has a contract case for every documented operation", () => {
    const missing = OPS.map((o) => o.operationId).filter((id) => !CASES[id]);
    expect(missing).toEqual([]);
  });

  for (const op of OPS) {
    const run = CASES[op.operationId];
    it(`${opKey(op)} (${op.operationId}): the documented example gets a documented answer`, async () => {
      expect(run, `no contract case for ${op.operationId}`).toBeDefined();
      const handlers = await loadRoutes();
      const handler = handlers.get(opKey(op));
      expect(handler, `no route handler for ${opKey(op)}`).toBeDefined();
      const w = await world();
      const cases = [await run!(w, handlers)].flat();
      for (const c of cases) {
        const reply = await send(op, handler!, c);
        expect(
          reply.status,
          `${opKey(op)} with ${JSON.stringify(c.body ?? c.query ?? c.params ?? "")}: ${JSON.stringify(reply.body)}`,
        ).toBe(c.status);
        const check = checkReply(op, reply);
        expect(check.ok, check.why).toBe(true);
      }
      if (op.operationId === "openapi") {
        const reply = await send(op, handler!, { status: 200 });
        expect(reply.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
      }
    });
  }

  it("every authenticated operation answers its documented 401 without credentials", async () => {
    const handlers = await loadRoutes();
    await world();
    for (const op of OPS.filter((o) => o.security.length)) {
      const handler = handlers.get(opKey(op));
      if (!handler) continue; // reported by the first test
      const body = bodyExample(op);
      const noToken =
        body && typeof body === "object"
          ? Object.fromEntries(Object.entries(body).filter(([k]) => k !== "token"))
          : body;
      const reply = await send(op, handler, {
        status: 401,
        params: {
          id:
            op.pathParams?.[0]?.schema.safeParse(1).success || op.pathParams?.[0]?.schema.safeParse("1").success
              ? "1"
              : "00000000-0000-4000-8000-000000000000",
        },
        body: noToken,
        headers: op.body?.contentType ? { "content-type": op.body.contentType } : undefined,
      });
      expect(reply.status, `${opKey(op)} without credentials: ${JSON.stringify(reply.body)}`).toBe(401);
      const check = checkReply(op, reply);
      expect(check.ok, check.why).toBe(true);
    }
  });
});
