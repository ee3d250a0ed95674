// The authorization matrix: every API route × who is calling → the expected status.
//
//   none   no credentials                                   (target: the subject account's ids)
//   wrong  a caller of the wrong role                       (target: the subject account's ids)
//   other  same role, another account, using the subject's ids (buyer2 → buyer1's, seller2 → seller1's)
//   own    the subject account itself (buyer1 / seller1)
//   admin  an admin, using the subject's ids
//
// Subjects: "buyer" rows act on buyer1 (wrong role: seller2, other: buyer2); "seller" rows act on
// seller1 (wrong role: buyer2, other: seller2); "admin" rows are admin-only routes (wrong role:
// buyer1, other: seller1, own: n/a). null = not applicable.
//
// Each cell runs twice where it can, once with a session cookie and once with the caller's API key
// (admin and anonymous cells once). Refusals share a seeded database (they must change nothing);
// every success that may write starts from a fresh one.
//
// Adding a route = adding ONE line to MATRIX. Placeholders like {buyerId}, {sellerId}, {keyId},
// {userId}, {campaignId}, {leadId} in the path or body are replaced from the target account's
// fixture (see FIXTURE below; add an entry there for a new kind of id). The last test fails when a route
// file exports a method that has no row here.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { complianceExamples } from "@/lib/openapi/examples";
import { call, seedWorld, type Account, type World } from "./helpers/api";
import { resetDatabase } from "./setup";

type Subject = "buyer" | "seller" | "admin";
type Status = number | null;
type Row = {
  req: string;
  as: Subject;
  expect: [none: Status, wrong: Status, other: Status, own: Status, admin: Status];
  body?: unknown;
  /** Whose ids fill the placeholders, when not the subject's default (admin rows: buyer1). */
  target?: keyof World;
  /** Routes whose refusals use a documented body of their own instead of {error:{…}} (the compliance endpoint). */
  refusal?: "compliance";
  /** A body that is not JSON (a string body is sent as is). */
  contentType?: string;
  /** Credential management: API-key callers get 403 whatever the subject (only sessions may manage keys). */
  sessionOnly?: boolean;
};

const row = (
  req: string,
  as: Subject,
  expect: Row["expect"],
  body?: unknown,
  opts: Pick<Row, "target" | "refusal" | "contentType" | "sessionOnly"> = {},
): Row => ({
  req,
  as,
  expect,
  body,
  ...opts,
});

const newUser = {
  username: "new.person",
  password: "a-long-enough-password",
  role: "buyer",
  fullName: "New Person",
  email: "new.person@example.com",
  buyerId: "{buyerId}",
};

const newCampaign = {
  buyerId: "{buyerId}",
  name: "Matrix Campaign",
  vertical: "home_services",
  geoTargets: { states: ["CA", "TX"] },
  pricePerLead: "55.00",
  bidType: "fixed",
  dailyCap: 40,
  deliveryMethod: "portal",
  priority: 2,
};

const pingBody = {
  sellerId: "{sellerId}",
  vertical: "home_services",
  subVertical: "plumbing",
  consumerState: "CA",
  consumerZip: "90210",
  leadData: { homeowner: true, project_type: "repair" },
};
const ingestBody = {
  sellerId: "{sellerId}",
  vertical: "home_services",
  subVertical: "plumbing",
  sourceType: "arb_purchase",
  consumerName: "John Smith",
  consumerEmail: "john.matrix@gmail.com",
  consumerPhone: "3105551234",
  consumerState: "CA",
  consumerZip: "90210",
  consumerCity: "Beverly Hills",
  cost: "28.00",
  leadData: { project_type: "repair", homeowner: true },
  consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
};
// The compliance endpoint's documented example (seller1's intake list), without its key.
const { token: _token, ...complianceExample } = complianceExamples.testExample;
const complianceBody = { sellerId: "{sellerId}", ...complianceExample };

// biome-ignore format: one row per line, aligned as a table
const MATRIX: Row[] = [
  //   request                                       subject    none wrong other own  admin  body
  row("GET /api/auth/me", "buyer", [401, 200, 200, 200, 200]),
  row("GET /api/auth/me", "seller", [401, 200, 200, 200, 200]),
  row("GET /api/api-keys", "buyer", [401, 200, 200, 200, 200], undefined, { sessionOnly: true }),
  row("GET /api/api-keys?buyerId={buyerId}", "buyer", [401, 403, 403, 200, 200], undefined, { sessionOnly: true }),
  row("GET /api/api-keys?sellerId={sellerId}", "seller", [401, 403, 403, 200, 200], undefined, { sessionOnly: true }),
  row(
    "POST /api/api-keys",
    "buyer",
    [401, 403, 403, 201, 201],
    { name: "k", buyerId: "{buyerId}" },
    { sessionOnly: true },
  ),
  row(
    "POST /api/api-keys",
    "seller",
    [401, 403, 403, 201, 201],
    { name: "k", sellerId: "{sellerId}" },
    { sessionOnly: true },
  ),
  row("GET /api/api-keys/{keyId}", "buyer", [401, 404, 404, 200, 200], undefined, { sessionOnly: true }),
  row("GET /api/api-keys/{keyId}", "seller", [401, 404, 404, 200, 200], undefined, { sessionOnly: true }),
  row("DELETE /api/api-keys/{keyId}", "buyer", [401, 404, 404, 200, 200], undefined, { sessionOnly: true }),
  row("DELETE /api/api-keys/{keyId}", "seller", [401, 404, 404, 200, 200], undefined, { sessionOnly: true }),
  row("POST /api/leads/ping", "seller", [401, 403, 403, 200, 200], pingBody),
  row("POST /api/leads/ingest", "seller", [401, 403, 403, 200, 200], ingestBody),
  row("POST /api/leads", "seller", [401, 403, 403, 200, 200], complianceBody, { refusal: "compliance" }),
  row("GET /api/admin/suppressions", "admin", [401, 403, 403, null, 200]),
  row("POST /api/admin/suppressions", "admin", [401, 403, 403, null, 201], {
    kind: "dnc",
    type: "phone",
    value: "3105550199",
  }),
  row("DELETE /api/admin/suppressions/{suppressionId}", "admin", [401, 403, 403, null, 204]),
  row("POST /api/admin/suppressions/import?kind=dnc&type=phone", "admin", [401, 403, 403, null, 200], {
    csv: "3105550101\n3105550102",
  }),
  row("GET /api/buyer-campaigns", "buyer", [401, 403, 200, 200, 200]),
  row("GET /api/buyer-campaigns?buyerId={buyerId}", "buyer", [401, 403, 403, 200, 200]),
  row("POST /api/buyer-campaigns", "buyer", [401, 403, 403, 201, 201], newCampaign),
  row("GET /api/buyer-campaigns/{campaignId}", "buyer", [401, 403, 404, 200, 200]),
  row("PATCH /api/buyer-campaigns/{campaignId}", "buyer", [401, 403, 404, 200, 200], { status: "paused" }),
  row("DELETE /api/buyer-campaigns/{campaignId}", "buyer", [401, 403, 404, 200, 200]),
  row("GET /api/buyers/{buyerId}", "buyer", [401, 404, 404, 200, 200]),
  row("GET /api/sellers/{sellerId}", "seller", [401, 404, 404, 200, 200]),
  row("GET /api/leads", "buyer", [401, 200, 200, 200, 200]),
  row("GET /api/leads?buyerId={buyerId}", "buyer", [401, 403, 403, 200, 200]),
  row("GET /api/leads?sellerId={sellerId}", "seller", [401, 403, 403, 200, 200]),
  row("GET /api/leads/{leadId}", "buyer", [401, 404, 404, 200, 200]),
  row("GET /api/leads/{leadId}", "seller", [401, 404, 404, 200, 200]),
  row("POST /api/leads/{leadId}/return", "buyer", [401, 403, 404, 200, 200], { reason: "disconnected_phone" }),
  row("GET /api/transactions?buyerId={buyerId}", "buyer", [401, 403, 403, 200, 200]),
  row("GET /api/transactions?sellerId={sellerId}", "seller", [401, 403, 403, 200, 200]),
  row("GET /api/transactions?buyerId={buyerId}&format=csv", "buyer", [401, 403, 403, 200, 200]),
  row("GET /api/leads?sellerId={sellerId}&format=csv", "seller", [401, 403, 403, 200, 200]),
  row("GET /api/statements", "buyer", [401, 200, 200, 200, 400]),
  row("GET /api/statements?buyerId={buyerId}", "buyer", [401, 403, 403, 200, 200]),
  row("GET /api/statements?sellerId={sellerId}&format=csv", "seller", [401, 403, 403, 200, 200]),
  row("GET /api/reports/unsold", "buyer", [401, 200, 200, 200, 200]),
  row("GET /api/reports/unsold", "seller", [401, 200, 200, 200, 200]),
  row("POST /api/transactions", "admin", [401, 403, 403, null, 201], {
    type: "adjustment",
    buyerId: "{buyerId}",
    amount: "10.00",
    note: "matrix check",
  }),
  row("GET /api/deliveries", "buyer", [401, 403, 200, 200, 200]),
  row("GET /api/deliveries?buyerId={buyerId}", "buyer", [401, 403, 403, 200, 200]),
  row("GET /api/deliveries/{deliveryId}", "buyer", [401, 403, 404, 200, 200]),
  row("POST /api/deliveries/{deliveryId}/replay", "buyer", [401, 403, 404, 200, 200]),
  row("POST /api/buyer-campaigns/{campaignId}/rotate-secret", "buyer", [401, 403, 404, 200, 200]),
  row("GET /api/admin/buyers", "admin", [401, 403, 403, null, 200]),
  row("POST /api/admin/buyers", "admin", [401, 403, 403, null, 201], { companyName: "Acme Leads" }),
  row("GET /api/admin/sellers", "admin", [401, 403, 403, null, 200]),
  row("POST /api/admin/sellers", "admin", [401, 403, 403, null, 201], { companyName: "Acme Media" }),
  row("PATCH /api/admin/buyers/{buyerId}", "admin", [401, 403, 403, null, 200], { status: "suspended" }),
  row(
    "PATCH /api/admin/sellers/{sellerId}",
    "admin",
    [401, 403, 403, null, 200],
    { status: "suspended" },
    { target: "seller1" },
  ),
  row("GET /api/admin/users", "admin", [401, 403, 403, null, 200]),
  row("POST /api/admin/users", "admin", [401, 403, 403, null, 201], newUser),
  row("GET /api/admin/users/{userId}", "admin", [401, 403, 403, null, 200]),
  row("PATCH /api/admin/users/{userId}", "admin", [401, 403, 403, null, 200], { fullName: "Renamed" }),
  row("GET /api/admin/verticals", "admin", [401, 403, 403, null, 200]),
  row("POST /api/admin/verticals", "admin", [401, 403, 403, null, 201], { key: "matrix_vertical", name: "Matrix" }),
  row("GET /api/admin/verticals/home_services", "admin", [401, 403, 403, null, 200]),
  row("PATCH /api/admin/verticals/home_services", "admin", [401, 403, 403, null, 200], {
    name: "Home services (edited)",
  }),
  row("GET /api/admin/intake-lists", "admin", [401, 403, 403, null, 200]),
  row(
    "POST /api/admin/intake-lists",
    "admin",
    [401, 403, 403, null, 201],
    { sellerId: "{sellerId}", name: "Matrix list", vertical: "home_services" },
    { target: "seller1" },
  ),
  row("GET /api/admin/intake-lists/{listId}", "admin", [401, 403, 403, null, 200], undefined, { target: "seller1" }),
  row(
    "PATCH /api/admin/intake-lists/{listId}",
    "admin",
    [401, 403, 403, null, 200],
    { status: "paused" },
    { target: "seller1" },
  ),
  row("GET /api/intake-lists/{listId}/spec", "seller", [401, 403, 404, 200, 200]),
  row("GET /api/metrics", "admin", [401, 403, 403, null, 200]),
  row("GET /api/leads/{leadId}/consent", "buyer", [401, 404, 404, 200, 200]),
  row("GET /api/admin/opt-outs", "admin", [401, 403, 403, null, 200]),
  row("POST /api/admin/opt-outs", "admin", [401, 403, 403, null, 202], {
    phone: "6145550123",
    request: "stop_contact",
    note: "by phone",
  }),
  row("GET /api/admin/deletion-requests", "admin", [401, 403, 403, null, 200]),
  row(
    "POST /api/admin/deletion-requests/import",
    "admin",
    [401, 403, 403, null, 200],
    "6145550123\nperson@example.com\n",
    { contentType: "text/plain" },
  ),
  row("GET /api/admin/retention", "admin", [401, 403, 403, null, 200]),
  row("PUT /api/admin/retention", "admin", [401, 403, 403, null, 200], {
    soldDays: 1000,
    unsoldDays: 60,
    consentDays: 1826,
  }),
  row("POST /api/admin/retention/run", "admin", [401, 403, 403, null, 200]),
];

/** Routes deliberately outside the matrix, with the reason. */
const NOT_IN_MATRIX: Record<string, string> = {
  "GET /api/health": "public liveness probe",
  "GET /api/openapi.json": "the public API document; tests/db/openapi-contract.test.ts",
  "GET /api/auth/[...nextauth]": "next-auth's own routes (sign-in flow), e2e/auth.spec.ts",
  "POST /api/auth/[...nextauth]": "next-auth's own routes (sign-in flow), e2e/auth.spec.ts",
  "POST /api/auth/login": "public by design; tests/db/auth.test.ts",
  "POST /api/auth/logout": "public by design (clears a cookie); tests/db/auth.test.ts",
  "POST /api/consumer/opt-out": "public by design (consumers have no login); tests/db/consumer-rights.test.ts",
};

/**
 * Values for placeholders, from the account a cell targets (buyer1, seller1, or buyer1 for admin
 * rows). Only the placeholders a row uses are computed. Add an entry for a new kind of id.
 */
const FIXTURE: Record<string, (target: Account, world: World) => Promise<string | number | null>> = {
  buyerId: async (t) => t.buyerId,
  sellerId: async (t) => t.sellerId,
  userId: async (t) => t.userId,
  keyId: async (t) => t.keyId,
  campaignId: async (t) =>
    t.buyerId
      ? ((await prisma.buyerCampaign.findFirst({ where: { buyerId: t.buyerId }, orderBy: { id: "asc" } }))?.id ?? null)
      : null,
  // A lead seller1 sent and buyer1 bought (inside its return window): the target's own lead either way.
  leadId: async (_t, world) => (await soldLead(world)).leadId,
  saleId: async (_t, world) => (await soldLead(world)).saleId,
  // The target seller's own intake list (seller1: the demo intake list).
  listId: async (t) =>
    t.sellerId
      ? ((await prisma.intakeList.findFirst({ where: { sellerId: t.sellerId }, orderBy: { createdAt: "asc" } }))?.id ??
        null)
      : null,
  suppressionId: async () =>
    (
      await prisma.suppression.upsert({
        where: { kind_type_value: { kind: "dnc", type: "phone", value: "3105550142" } },
        create: { kind: "dnc", type: "phone", value: "3105550142" },
        update: {},
      })
    ).id,
  // A dead webhook delivery of that sale (replayable).
  deliveryId: async (_t, world) => {
    const { leadId, saleId } = await soldLead(world);
    const sale = await prisma.leadSale.findUniqueOrThrow({ where: { id: saleId } });
    const d = await prisma.delivery.create({
      data: {
        saleId,
        leadId,
        campaignId: sale.campaignId,
        buyerId: sale.buyerId,
        method: "webhook",
        target: "https://buyer.example/hook",
        status: "dead",
        attempts: 7,
      },
    });
    return d.id;
  },
};

async function soldLead(world: World): Promise<{ leadId: number; saleId: number }> {
  const campaign = await prisma.buyerCampaign.findFirstOrThrow({
    where: { buyerId: world.buyer1.buyerId! },
    orderBy: { id: "asc" },
  });
  const existing = await prisma.leadSale.findFirst({
    where: { buyerId: world.buyer1.buyerId!, campaignId: campaign.id },
  });
  if (existing) return { leadId: existing.leadId, saleId: existing.id };
  const lead = await prisma.lead.create({
    data: {
      sellerId: world.seller1.sellerId!,
      vertical: campaign.vertical,
      consumerName: "Matrix Lead",
      consumerPhone: "3105550100",
      consumerState: "CA",
      status: "sold",
      revenue: campaign.pricePerLead,
      buyerId: world.buyer1.buyerId,
      campaignId: campaign.id,
      soldAt: new Date(),
    },
  });
  const sale = await prisma.leadSale.create({
    data: {
      leadId: lead.id,
      campaignId: campaign.id,
      buyerId: world.buyer1.buyerId!,
      price: campaign.pricePerLead,
      returnDeadline: new Date(Date.now() + 48 * 3_600_000),
    },
  });
  return { leadId: lead.id, saleId: sale.id };
}

async function fixture(target: Account, world: World, used: string[]): Promise<Record<string, string | number | null>> {
  const values: Record<string, string | number | null> = {};
  for (const name of used) {
    if (!FIXTURE[name]) throw new Error(`no fixture for {${name}}: add one to FIXTURE`);
    values[name] = await FIXTURE[name](target, world);
  }
  return values;
}

// ---------- machinery ----------

type Who = "none" | "wrong" | "other" | "own" | "admin";
const WHO: Who[] = ["none", "wrong", "other", "own", "admin"];
const ROLES: Record<Subject, { own: keyof World | null; other: keyof World; wrong: keyof World; target: keyof World }> =
  {
    // The wrong-role caller has no link to the target at all (seller2 neither sold nor bought buyer1's
    // leads), so "wrong" measures the role alone.
    buyer: { own: "buyer1", other: "buyer2", wrong: "seller2", target: "buyer1" },
    seller: { own: "seller1", other: "seller2", wrong: "buyer2", target: "seller1" },
    admin: { own: null, other: "seller1", wrong: "buyer1", target: "buyer1" },
  };

const API_DIR = path.resolve(__dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type RouteFile = { pattern: string; regex: RegExp; params: string[]; file: string };

function routeFiles(dir = API_DIR): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (entry === "route.ts") {
      const rel = `/api/${path.relative(API_DIR, dir).split(path.sep).join("/")}`;
      const pattern = rel.replace(/\/$/, "");
      const params: string[] = [];
      const regex = new RegExp(
        "^" +
          pattern
            .split("/")
            .map((seg) => {
              const catchAll = /^\[\.\.\.(\w+)\]$/.exec(seg);
              if (catchAll) {
                params.push(catchAll[1]);
                return "(.+)";
              }
              const dyn = /^\[(\w+)\]$/.exec(seg);
              if (dyn) {
                params.push(dyn[1]);
                return "([^/]+)";
              }
              return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            })
            .join("/") +
          "$",
      );
      out.push({ pattern, regex, params, file: full });
    }
  }
  // Static segments win over dynamic ones, as in Next.js.
  return out.sort((a, b) => a.params.length - b.params.length);
}

const ROUTES = routeFiles();

function resolve(pathname: string): { route: RouteFile; params: Record<string, string> } {
  for (const route of ROUTES) {
    const m = route.regex.exec(pathname);
    if (m) return { route, params: Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(m[i + 1])])) };
  }
  throw new Error(`no route file serves ${pathname}`);
}

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k) => {
    if (values[k] === undefined || values[k] === null) throw new Error(`fixture has no value for {${k}}`);
    return encodeURIComponent(String(values[k]));
  });
}

function fillBody(body: unknown, values: Record<string, unknown>): unknown {
  if (typeof body === "string") {
    const whole = /^\{(\w+)\}$/.exec(body);
    if (whole) return values[whole[1]];
    return body.replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
  }
  if (Array.isArray(body)) return body.map((b) => fillBody(b, values));
  if (body && typeof body === "object")
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fillBody(v, values)]));
  return body;
}

type Cell = { row: Row; who: Who; via: "session" | "key"; expected: number; title: string };

function cells(): Cell[] {
  const out: Cell[] = [];
  for (const r of MATRIX) {
    WHO.forEach((who, i) => {
      const expectedStatus = r.expect[i];
      if (expectedStatus === null) return;
      const vias: ("session" | "key")[] = who === "none" || who === "admin" ? ["session"] : ["session", "key"];
      for (const via of vias) {
        const expected = via === "key" && r.sessionOnly ? 403 : expectedStatus;
        const caller = who === "none" ? "anonymous" : who === "admin" ? "admin" : `${ROLES[r.as][who]} (${via})`;
        out.push({ row: r, who, via, expected, title: `${r.req} [${r.as}] · ${who}: ${caller} → ${expected}` });
      }
    });
  }
  return out;
}

const CELLS = cells();

async function run(cell: Cell, world: World) {
  const roles = ROLES[cell.row.as];
  const target = world[cell.row.target ?? roles.target];
  const used = [
    ...new Set([...(cell.row.req + JSON.stringify(cell.row.body ?? null)).matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
  ];
  const values = await fixture(target, world, used);
  const [method, rawPath] = cell.row.req.split(" ");
  const url = fill(rawPath, values);
  const { route, params } = resolve(url.split("?")[0]);
  const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
  const handler = mod[method] as Parameters<typeof call>[0] | undefined;
  if (!handler) throw new Error(`${route.file} exports no ${method}`);

  const callerName =
    cell.who === "none" ? null : cell.who === "admin" ? "admin" : roles[cell.who as "wrong" | "other" | "own"];
  const caller = callerName ? world[callerName] : null;
  const useKey = cell.via === "key" && caller?.key;
  return call(handler, method, url, {
    params,
    cookie: caller && !useKey ? caller.cookie : null,
    key: useKey ? caller!.key : null,
    ...(cell.row.contentType ? { headers: { "content-type": cell.row.contentType } } : {}),
    body:
      cell.row.body === undefined
        ? method === "GET" || method === "DELETE"
          ? undefined
          : {}
        : fillBody(cell.row.body, values),
  });
}

// One test per row. Refusals (4xx) must not change anything, so they share one seeded database;
// each success that may write gets a fresh one, so cells never see each other's effects.
describe(`authorization matrix (${MATRIX.length} rows, ${CELLS.length} cells)`, () => {
  it.each(MATRIX.map((r) => [`${r.req} [${r.as}]`, r] as const))("%s", async (_title, r) => {
    const mine = CELLS.filter((c) => c.row === r);
    const isolated = (c: Cell) => c.expected < 400 && !r.req.startsWith("GET ");
    const expected: Record<string, number> = {};
    const actual: Record<string, number> = {};
    const leaks: string[] = [];
    let world = await seedWorld();
    for (const cell of [...mine.filter((c) => !isolated(c)), ...mine.filter(isolated)]) {
      if (isolated(cell)) {
        await resetDatabase();
        world = await seedWorld();
      }
      const res = await run(cell, world);
      expected[cell.title] = cell.expected;
      actual[cell.title] = res.status;
      // Refusals use the one error contract and carry nothing else: never the other account's data.
      // (The compliance endpoint answers refusals in its own documented shape: success false, bid 0, no lead.)
      const refusal = { 401: "unauthorized", 403: "forbidden", 404: "not_found" }[res.status as 401 | 403 | 404];
      const clean =
        r.refusal === "compliance"
          ? res.body?.success === false &&
            res.body.bid === 0 &&
            !("lead_id" in res.body) &&
            res.body.details?.codes?.[0] === refusal
          : Object.keys(res.body ?? {}).join() === "error" && res.body.error.code === refusal;
      if (refusal && !clean) leaks.push(`${cell.title}: ${JSON.stringify(res.body)}`);
    }
    expect(actual).toEqual(expected);
    expect(leaks).toEqual([]);
  });

  it("every method of every route file has a row (or a stated reason not to)", async () => {
    const sample = (p: string) => p.replace(/\{\w+\}/g, "1");
    const covered = new Set(
      MATRIX.map((r) => `${r.req.split(" ")[0]} ${resolve(sample(r.req.split(" ")[1].split("?")[0])).route.pattern}`),
    );
    const missing: string[] = [];
    for (const route of ROUTES) {
      const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      for (const m of METHODS) {
        if (typeof mod[m] !== "function") continue;
        const key = `${m} ${route.pattern}`;
        if (!covered.has(key) && !NOT_IN_MATRIX[key]) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });
});
