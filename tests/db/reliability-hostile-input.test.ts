// Reliability suite, part 2: hostile request bodies against every write route.
//
// fast-check generates bodies of every bad kind we could think of (wrong types, missing and
// extra fields, 100k-character strings, 10k+-level nesting as raw JSON text, __proto__ /
// constructor / prototype keys, invalid JSON, empty bodies, wrong or missing content types,
// bodies over MAX_BODY_BYTES) and sends them to each POST/PATCH/PUT handler in app/api, called
// with a caller of the right role so it is the body handling that is exercised. Properties:
//   - the status is never >= 500;
//   - every status >= 400 is JSON carrying an error code and a message (POST /api/leads answers
//     in the compliance endpoint's documented shape: { success:false, bid:0, error, details:{ codes } });
//   - a validation failure names the field(s) at fault;
//   - a body over the limit is 413, whether Content-Length says so or the stream does;
//   - nothing a body says ends up on Object.prototype.
// Also: hostile query strings against the listing, export, statement and report GETs (QUERY_ROUTES).
// Every route file's POST/PATCH/PUT export must have a row in ROUTES (the last test checks);
// next-auth's catch-all is tested for its refusals only (see NOT_HERE).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { DEMO_PASSWORD, SPEC_LIST_ID } from "@/lib/seed";
import { BASE, seedWorld, type World } from "./helpers/api";

const REAL_PG = Boolean(process.env.DATABASE_URL);
// PGlite serialises every query and is several times slower: fewer runs per route there.
const RUNS = Number(process.env.HOSTILE_RUNS ?? (REAL_PG ? 200 : 40));
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const LIMIT = env.MAX_BODY_BYTES;

// biome-ignore lint/suspicious/noExplicitAny: handlers declare their own params shape
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
type Role = "none" | "admin" | "buyer1" | "seller1";
type Fixture = {
  world: World;
  campaignId: number;
  leadId: number;
  deliveryId: number;
  buyer2: number;
  seller2: number;
  userId: string;
};

type RouteRow = {
  /** "POST /api/leads/[id]/return": the route file and method. */
  req: string;
  as: Role;
  /** A body the route accepts; mutations start from it. */
  valid: (f: Fixture) => Record<string, unknown>;
  params?: (f: Fixture) => Record<string, string>;
  query?: string;
  /** The route does not read a body at all: oversized bodies are ignored, not refused. */
  noBody?: true;
  /** The compliance endpoint's documented error body (POST /api/leads). */
  compliance?: true;
  /** Only a signed-in session may call it (API-key management): send the cookie, not the key. */
  session?: true;
};

const lead = () => ({
  vertical: "home_services",
  subVertical: "plumbing",
  consumerName: "John Smith",
  consumerEmail: "john.hostile@gmail.com",
  consumerPhone: "6145550123",
  consumerState: "CA",
  consumerZip: "90210",
  cost: "28.00",
  leadData: { project_type: "repair", homeowner: true },
  consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
});

// prettier-ignore
const ROUTES: RouteRow[] = [
  { req: "POST /api/auth/login", as: "none", valid: () => ({ username: "buyer1", password: DEMO_PASSWORD }) },
  { req: "POST /api/auth/logout", as: "none", valid: () => ({}), noBody: true },
  {
    req: "POST /api/leads",
    as: "seller1",
    compliance: true,
    valid: () => ({
      firstName: "John",
      lastName: "Doe",
      email: "johndoe@example.com",
      phone: "6507769592",
      address: "123 Main St",
      city: "Houston",
      state: "TX",
      zipCode: "77001",
      listId: SPEC_LIST_ID,
      dob: "1980-05-15",
      trustedFormCertUrl: "https://cert.trustedform.com/example",
    }),
  },
  { req: "POST /api/leads/ingest", as: "seller1", valid: lead },
  {
    req: "POST /api/leads/ping",
    as: "seller1",
    valid: () => ({
      vertical: "home_services",
      subVertical: "plumbing",
      consumerState: "CA",
      consumerZip: "90210",
      leadData: { homeowner: true },
    }),
  },
  {
    req: "POST /api/leads/[id]/return",
    as: "buyer1",
    valid: () => ({ reason: "wrong_number", note: "hostile input" }),
    params: (f) => ({ id: String(f.leadId) }),
  },
  {
    req: "POST /api/buyer-campaigns",
    as: "buyer1",
    valid: () => ({
      name: "Hostile",
      vertical: "home_services",
      geoTargets: { states: ["CA"] },
      pricePerLead: "55.00",
      bidType: "fixed",
      dailyCap: 40,
      deliveryMethod: "portal",
      priority: 2,
    }),
  },
  {
    req: "PATCH /api/buyer-campaigns/[id]",
    as: "buyer1",
    valid: () => ({ name: "Renamed", pricePerLead: "50.00", dailyCap: 10 }),
    params: (f) => ({ id: String(f.campaignId) }),
  },
  {
    req: "POST /api/buyer-campaigns/[id]/rotate-secret",
    as: "buyer1",
    valid: () => ({}),
    params: (f) => ({ id: String(f.campaignId) }),
    noBody: true,
  },
  {
    req: "POST /api/deliveries/[id]/replay",
    as: "buyer1",
    valid: () => ({}),
    params: (f) => ({ id: String(f.deliveryId) }),
    noBody: true,
  },
  { req: "POST /api/api-keys", as: "buyer1", session: true, valid: () => ({ name: "hostile key" }) },
  {
    req: "POST /api/transactions",
    as: "admin",
    valid: (f) => ({ type: "adjustment", buyerId: f.buyer2, amount: "1.00", note: "hostile input" }),
  },
  {
    req: "POST /api/admin/buyers",
    as: "admin",
    valid: () => ({ companyName: "Acme Leads", email: "billing@acme.example", creditLimit: "100.00" }),
  },
  // The admin PATCHes target buyer2/seller2/seller2's user, so a valid body that suspends one
  // never locks out the callers the other rows use.
  {
    req: "PATCH /api/admin/buyers/[id]",
    as: "admin",
    valid: () => ({ companyName: "Renamed", creditLimit: "10.00" }),
    params: (f) => ({ id: String(f.buyer2) }),
  },
  {
    req: "POST /api/admin/sellers",
    as: "admin",
    valid: () => ({ companyName: "Acme Media", email: "ops@acme.example" }),
  },
  {
    req: "PATCH /api/admin/sellers/[id]",
    as: "admin",
    valid: () => ({ companyName: "Renamed" }),
    params: (f) => ({ id: String(f.seller2) }),
  },
  {
    req: "POST /api/admin/users",
    as: "admin",
    valid: (f) => ({
      username: "new.person",
      password: "a-long-enough-password",
      role: "buyer",
      fullName: "New Person",
      email: "new.person@example.com",
      buyerId: f.buyer2,
    }),
  },
  {
    req: "PATCH /api/admin/users/[id]",
    as: "admin",
    valid: () => ({ fullName: "Renamed" }),
    params: (f) => ({ id: f.userId }),
  },
  {
    req: "POST /api/admin/verticals",
    as: "admin",
    valid: () => ({
      key: "hostile_vertical",
      name: "Hostile",
      subVerticals: ["a_b"],
      requiredFields: ["consumerPhone", "ageRange|dob"],
    }),
  },
  {
    req: "PATCH /api/admin/verticals/[key]",
    as: "admin",
    valid: () => ({ name: "Renamed", requiredFields: ["consumerPhone"] }),
    params: () => ({ key: "solar" }),
  },
  {
    req: "POST /api/admin/intake-lists",
    as: "admin",
    valid: (f) => ({
      sellerId: f.seller2,
      name: "Hostile list",
      vertical: "home_services",
      subVertical: "roofing",
      acceptedStates: ["TX"],
      checks: ["state"],
      payoutRule: { kind: "share", sharePercent: "40" },
    }),
  },
  {
    req: "PATCH /api/admin/intake-lists/[id]",
    as: "admin",
    valid: () => ({
      name: "Renamed",
      acceptedStates: ["TX", "OK"],
      payoutRule: { kind: "as_stated", maxAmount: "30.00" },
    }),
    params: () => ({ id: SPEC_LIST_ID }),
  },
  {
    req: "POST /api/admin/suppressions",
    as: "admin",
    valid: () => ({ kind: "dnc", type: "phone", value: "3105550199", reason: "asked" }),
  },
  {
    req: "POST /api/admin/suppressions/import",
    as: "admin",
    query: "?kind=dnc&type=phone",
    valid: () => ({ csv: "3105550101\n3105550102" }),
  },
  {
    req: "POST /api/consumer/opt-out",
    as: "none",
    valid: () => ({ phone: "(614) 555-0123", email: "consumer@example.com", request: "stop_contact" }),
  },
  {
    req: "POST /api/admin/opt-outs",
    as: "admin",
    valid: () => ({ phone: "6145550124", request: "delete", note: "called in" }),
  },
  {
    req: "PUT /api/admin/retention",
    as: "admin",
    valid: () => ({ soldDays: 1095, unsoldDays: 90, consentDays: 1826 }),
  },
  { req: "POST /api/admin/retention/run", as: "admin", valid: () => ({}), noBody: true },
];

/** Routes deliberately left out, with the reason. */
const NOT_HERE: Record<string, string> = {
  // Past our body check, next-auth calls cookies(), which needs Next's request scope: a body it
  // accepts cannot complete in-process. Its refusals are tested below; the sign-in flow in e2e/auth.spec.ts.
  "POST /api/auth/[...nextauth]": "next-auth's own handler; only its body refusals are tested here",
  "POST /api/admin/deletion-requests/import":
    "a text/plain stream with no body-size limit by design (100k+ lines); content types, bad and over-long lines, empty files: tests/db/consumer-rights.test.ts",
};

// ---------- the generated bodies ----------

/** A request body as sent: raw text (or bytes), a content type (null = none), how it travels. */
type Body = { kind: string; text: string; contentType: string | null; stream?: boolean; declaredLength?: string };

/** Serialises entries as a JSON object text, keeping keys like __proto__ as own keys (as JSON.parse will). */
const objectText = (entries: [string, unknown][]) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;

const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "then",
  "toJSON",
  "polluted",
  "role",
  "balance",
  "buyerId",
  "sellerId",
  "id",
  "token",
  "isAdmin",
  "",
];
const POLLUTE = { polluted: "yes", toString: "hostile", prototype: { polluted: "yes" }, __proto__x: 1 };
const pollutionText = () =>
  `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}`;

const bigString = fc
  .tuple(
    fc.constantFrom("a", "9", " ", "é", "😀", "\u0000", '"', "\\", "<"),
    fc.integer({ min: 100_000, max: 110_000 }),
  )
  .map(([c, n]) => c.repeat(n).slice(0, n));

const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0,
    2 ** 53 + 1,
    "",
    " ",
    "null",
    "NaN",
    "Infinity",
    "-1",
    "1e999",
    "0x10",
    "１２３",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e",
    "\ud800",
    [],
    {},
    [[[]]],
    { __proto__x: 1 },
    POLLUTE,
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** Depth-n nesting as raw text (JSON.stringify would recurse): arrays, objects, or mixed. */
const deep = (n: number, shape: "array" | "object" | "mixed") =>
  shape === "array"
    ? "[".repeat(n) + "]".repeat(n)
    : shape === "object"
      ? `${'{"a":'.repeat(n)}1${"}".repeat(n)}`
      : `${'{"a":['.repeat(n)}1${"]}".repeat(n)}`;

const CONTENT_TYPES: (string | null)[] = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "text/plain;charset=UTF-8",
  "multipart/form-data; boundary=----x",
  "application/x-www-form-urlencoded",
  null,
  "application/xml",
  "text/csv",
  "application/vnd.api+json",
  "APPLICATION/JSON",
  "",
  "garbage/%%%",
  "application/json; charset=utf-16",
];

function bodies(row: RouteRow, f: Fixture): fc.Arbitrary<Body> {
  const valid = row.valid(f);
  const keys = Object.keys(valid);
  const json =
    (kind: string) =>
    (text: string): Body => ({ kind, text, contentType: "application/json" });

  // A valid body with some fields dropped, some retyped and some added (hostile keys too).
  const mutated = fc
    .tuple(
      fc.subarray(keys),
      fc.array(fc.tuple(fc.constantFrom(...(keys.length ? keys : ["x"])), weird), { maxLength: 4 }),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })), weird), {
        maxLength: 4,
      }),
    )
    .map(([drop, retype, extra]) => {
      const entries = new Map<string, unknown>(Object.entries(valid).filter(([k]) => !drop.includes(k)));
      for (const [k, v] of retype) entries.set(k, v);
      return json("mutated")(objectText([...entries, ...extra]));
    });

  const huge = fc
    .tuple(fc.oneof(fc.constantFrom(...(keys.length ? keys : ["x"])), fc.constantFrom(...HOSTILE_KEYS)), bigString)
    .map(([k, s]) => json("huge-string")(objectText([...Object.entries(valid).filter(([x]) => x !== k), [k, s]])));

  const nested = fc
    .tuple(
      fc.constantFrom(1_000, 10_000, 20_000, 50_000),
      fc.constantFrom("array", "object", "mixed") as fc.Arbitrary<"array" | "object" | "mixed">,
      fc.constantFrom("top", ...keys, "leadData", "consent", "__proto__"),
    )
    .map(([n, shape, at]) => {
      const text = deep(n, shape);
      if (at === "top") return json(`deep-${shape}`)(text);
      const rest = objectText(Object.entries(valid).filter(([k]) => k !== at));
      return json(`deep-${shape}-field`)(
        `${rest.slice(0, -1) + (rest.length > 2 ? "," : "")}${JSON.stringify(at)}:${text}}`,
      );
    });

  const proto = fc.constantFrom(
    json("proto")(pollutionText()),
    json("proto")(
      objectText([
        ...Object.entries(valid),
        ["__proto__", { polluted: "yes" }],
        ["constructor", { prototype: { polluted: "yes" } }],
      ]),
    ),
    json("proto")(
      objectText(
        Object.entries(valid).map(([k, v]) => [
          k,
          v && typeof v === "object" ? JSON.parse(`{"__proto__":{"polluted":"yes"}}`) : v,
        ]),
      ),
    ),
    json("proto")(
      `{"leadData":{"__proto__":{"polluted":"yes"}},"consent":{"__proto__":{"polluted":"yes"}},"geoTargets":{"__proto__":{"polluted":"yes"}}}`,
    ),
    {
      kind: "proto-form",
      text: "__proto__[polluted]=yes&constructor[prototype][polluted]=yes&__proto__.polluted=yes&name=x",
      contentType: "application/x-www-form-urlencoded",
    },
  );

  const garbage = fc
    .oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        "{",
        "}",
        "[",
        "{'a':1}",
        '{"a":1,}',
        '{"a":}',
        "NaN",
        "undefined",
        "\u0000",
        "\ufeff{}",
        '{"a":1}{"b":2}',
        '"\\ud800"',
        "[1,2",
        "nul",
        "--\r\n",
        "%7B%7D",
        `{"a":"${"\\u".repeat(3)}"}`,
      ),
      fc
        .jsonValue()
        .map((v) => JSON.stringify(v))
        .map((t) => t.slice(0, Math.max(0, t.length - 1))),
    )
    .map(json("invalid-json"));

  const topLevel = fc.jsonValue({ maxDepth: 3 }).map((v) => json("any-json")(JSON.stringify(v)));
  const empty = fc.constantFrom("", " ", "\n\t ", "{}", "[]", "null").map(json("empty"));

  const withType = fc
    .tuple(fc.oneof(mutated, proto, garbage, empty, topLevel), fc.constantFrom(...CONTENT_TYPES), fc.boolean())
    .map(([b, contentType, stream]) => ({ ...b, kind: `${b.kind}+type`, contentType, stream }));

  const form = fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...keys, ...HOSTILE_KEYS), fc.string({ maxLength: 10 })),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 6 },
    )
    .map(
      (pairs): Body => ({
        kind: "form",
        text: new URLSearchParams(pairs).toString(),
        contentType: "application/x-www-form-urlencoded",
      }),
    );

  const all: fc.Arbitrary<Body> = fc.oneof(
    { arbitrary: mutated, weight: 6 },
    { arbitrary: withType, weight: 4 },
    { arbitrary: garbage, weight: 2 },
    { arbitrary: topLevel, weight: 1 },
    { arbitrary: empty, weight: 1 },
    { arbitrary: form, weight: 1 },
    { arbitrary: proto, weight: 2 },
    { arbitrary: huge, weight: 1 },
    { arbitrary: nested, weight: 1 },
  );
  // fast-check prints counterexamples: keep 100k-character bodies out of the report.
  return all.map((b) => Object.assign(b, { [fc.toStringMethod]: () => summary(b) }));
}

const summary = (b: Body) =>
  `${b.kind} [content-type ${b.contentType}${b.stream ? ", streamed" : ""}] ${JSON.stringify(b.text.length > 300 ? `${b.text.slice(0, 300)}… (${b.text.length} chars)` : b.text)}`;

// ---------- GET routes, for query-string fuzzing ----------

type GetRow = { req: string; as: Role; params?: (f: Fixture) => Record<string, string> };
// prettier-ignore
const GET_ROUTES: GetRow[] = [
  { req: "GET /api/health", as: "none" },
  { req: "GET /api/openapi.json", as: "none" },
  { req: "GET /api/auth/me", as: "buyer1" },
  { req: "GET /api/admin/suppressions", as: "admin" },
  { req: "GET /api/admin/buyers", as: "admin" },
  { req: "GET /api/admin/sellers", as: "admin" },
  { req: "GET /api/admin/users", as: "admin" },
  { req: "GET /api/admin/users/[id]", as: "admin", params: (f) => ({ id: f.userId }) },
  { req: "GET /api/buyer-campaigns", as: "buyer1" },
  { req: "GET /api/buyer-campaigns/[id]", as: "buyer1", params: (f) => ({ id: String(f.campaignId) }) },
  { req: "GET /api/buyers/[id]", as: "buyer1", params: (f) => ({ id: String(f.world.buyer1.buyerId) }) },
  { req: "GET /api/sellers/[id]", as: "seller1", params: (f) => ({ id: String(f.world.seller1.sellerId) }) },
  { req: "GET /api/leads", as: "admin" },
  { req: "GET /api/leads/[id]", as: "buyer1", params: (f) => ({ id: String(f.leadId) }) },
  { req: "GET /api/transactions", as: "admin" },
  { req: "GET /api/deliveries", as: "buyer1" },
  { req: "GET /api/deliveries/[id]", as: "buyer1", params: (f) => ({ id: String(f.deliveryId) }) },
  { req: "GET /api/api-keys", as: "buyer1" },
  { req: "GET /api/api-keys/[id]", as: "buyer1", params: (f) => ({ id: f.world.buyer1.keyId! }) },
];
const QUERY_KEYS = [
  "q",
  "status",
  "kind",
  "type",
  "vertical",
  "buyerId",
  "sellerId",
  "campaignId",
  "leadId",
  "limit",
  "offset",
  "cursor",
  "from",
  "to",
  "role",
  "page",
  "sort",
];

/** GET with a session cookie (API-key management refuses keys), the query string as given. */
async function sendGet(row: GetRow, f: Fixture, query: string): Promise<Reply> {
  const [, pattern] = row.req.split(" ");
  const params = row.params?.(f) ?? {};
  const headers = new Headers();
  if (row.as !== "none") headers.set("cookie", world[row.as].cookie);
  const url = BASE + pattern.replace(/\[(\w+)\]/g, (_, p) => encodeURIComponent(params[p])) + query;
  const res = await (await handlerFor({ req: row.req, as: row.as, valid: () => ({}) }))(new Request(url, { headers }), {
    params: Promise.resolve(params),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json };
}

// ---------- calling a route ----------

let world: World;
const loaded = new Map<string, Handler>();

async function handlerFor(row: RouteRow): Promise<Handler> {
  const [method, pattern] = row.req.split(" ");
  const file = path.resolve(__dirname, "../../app", pattern.slice(1), "route.ts");
  const key = `${method} ${file}`;
  if (!loaded.has(key)) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
    if (!mod[method]) throw new Error(`${file} exports no ${method}`);
    loaded.set(key, mod[method]);
  }
  return loaded.get(key)!;
}

function authHeaders(role: Role, session = false): Headers {
  const h = new Headers({ origin: BASE });
  if (role === "none") return h;
  const a = world[role];
  if (a.key && !session) h.set("authorization", `Bearer ${a.key}`);
  else h.set("cookie", a.cookie);
  return h;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds
type Reply = { status: number; contentType: string; text: string; json: any };

async function send(row: RouteRow, f: Fixture, body: Body): Promise<Reply> {
  const [method, pattern] = row.req.split(" ");
  const params = row.params?.(f) ?? {};
  const url = BASE + pattern.replace(/\[(\w+)\]/g, (_, p) => encodeURIComponent(params[p])) + (row.query ?? "");
  const headers = authHeaders(row.as, row.session);
  if (body.contentType !== null) headers.set("content-type", body.contentType);
  if (body.declaredLength !== undefined) headers.set("content-length", body.declaredLength);
  const bytes = new TextEncoder().encode(body.text);
  let init: RequestInit & { duplex?: "half" };
  if (body.stream) {
    // No Content-Length: the size is only known by reading, in chunks.
    const CHUNK = 64 * 1024;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        c.enqueue(bytes.slice(at, at + CHUNK));
        at += CHUNK;
      },
    });
    init = { method, headers, body: stream, duplex: "half" };
  } else {
    // Bytes, not a string: a string body would make fetch add text/plain when we mean "no type".
    init = { method, headers, body: bytes };
  }
  const res = await (await handlerFor(row))(new Request(url, init), { params: Promise.resolve(params) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json };
}

/** The properties every answer must have; returns a description of what is wrong, or null. */
function problem(row: RouteRow, body: Body, r: Reply): string | null {
  if (r.status >= 500) return `status ${r.status}`;
  if (r.status < 400) return null;
  if (!r.contentType.includes("application/json") || r.json === undefined)
    return `status ${r.status} but not JSON: ${r.contentType} ${r.text.slice(0, 200)}`;
  let code: unknown, message: unknown, details: unknown;
  if (row.compliance) {
    // The compliance endpoint's documented refusal: { success:false, bid:0, error:"…", details:{ failedSources, reasons, codes } }
    if (r.json.success !== false || r.json.bid !== 0)
      return `compliance refusal not in the documented shape: ${r.text.slice(0, 300)}`;
    [code, message] = [r.json.details?.codes?.[0], r.json.error];
  } else {
    ({ code, message, details } = r.json.error ?? {});
  }
  if (typeof code !== "string" || !code || typeof message !== "string" || !message)
    return `error without code and message: ${r.text.slice(0, 300)}`;
  if (code === "validation_failed" && !row.compliance) {
    const list = details as { field?: unknown; issue?: unknown }[] | undefined;
    if (!Array.isArray(list) || !list.length)
      return `validation_failed without details naming a field: ${r.text.slice(0, 300)}`;
    for (const d of list)
      if (typeof d.field !== "string" || !d.field || typeof d.issue !== "string" || !d.issue)
        return `detail without field/issue: ${JSON.stringify(d)}`;
  }
  if (body.text.length > LIMIT && !row.noBody && r.status !== 413)
    return `oversized body answered ${r.status}, not 413`;
  return null;
}

// ---------- the tests ----------

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
let sent = 0;
const byKind = new Map<string, number>();
const byStatus = new Map<number, number>();

async function fixture(): Promise<Fixture> {
  world = await seedWorld();
  const buyer1 = world.buyer1.buyerId!;
  const campaign = await prisma.buyerCampaign.findFirstOrThrow({ where: { buyerId: buyer1 }, orderBy: { id: "asc" } });
  const l = await prisma.lead.create({
    data: {
      sellerId: world.seller1.sellerId!,
      vertical: campaign.vertical,
      consumerName: "Hostile Lead",
      consumerPhone: "3105550100",
      consumerState: "CA",
      status: "sold",
      revenue: campaign.pricePerLead,
      buyerId: buyer1,
      campaignId: campaign.id,
      soldAt: new Date(),
    },
  });
  const sale = await prisma.leadSale.create({
    data: {
      leadId: l.id,
      campaignId: campaign.id,
      buyerId: buyer1,
      price: campaign.pricePerLead,
      returnDeadline: new Date(Date.now() + 48 * 3_600_000),
    },
  });
  const delivery = await prisma.delivery.create({
    data: {
      saleId: sale.id,
      leadId: l.id,
      campaignId: campaign.id,
      buyerId: buyer1,
      method: "webhook",
      target: "https://buyer.example/hook",
      status: "dead",
      attempts: 7,
    },
  });
  return {
    world,
    campaignId: campaign.id,
    leadId: l.id,
    deliveryId: delivery.id,
    buyer2: world.buyer2.buyerId!,
    seller2: world.seller2.sellerId!,
    userId: world.seller2.userId,
  };
}

beforeAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

afterAll(() => {
  console.log(
    `[hostile] ${sent} bodies sent (${RUNS} generated per route + fixed cases), fc seed ${SEED}, on ${REAL_PG ? "PostgreSQL" : "PGlite"}\n` +
      `  by kind: ${JSON.stringify(Object.fromEntries([...byKind].sort()))}\n  by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`,
  );
});

async function sendAndCheck(row: RouteRow, f: Fixture, body: Body): Promise<Reply> {
  const r = await send(row, f, body);
  sent++;
  byKind.set(body.kind.replace(/-field$/, ""), (byKind.get(body.kind.replace(/-field$/, "")) ?? 0) + 1);
  byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const p = problem(row, body, r);
  if (p) throw new Error(`${row.req}: ${p}\n  body: ${summary(body)}`);
  return r;
}

describe(`hostile bodies against every write route (${ROUTES.length} routes × ${RUNS} runs)`, () => {
  it.each(ROUTES.map((r) => [r.req, r] as const))(
    "%s",
    async (_name, row) => {
      const f = await fixture();
      // The valid body really is accepted: the caller and the fixture reach the body handling.
      const ok = await sendAndCheck(row, f, {
        kind: "valid",
        text: JSON.stringify(row.valid(f)),
        contentType: "application/json",
      });
      expect(ok.status, ok.text).toBeLessThan(300);

      await fc.assert(
        fc.asyncProperty(bodies(row, f), async (body) => {
          await sendAndCheck(row, f, body);
        }),
        // One seed per route (SEED + its row), so routes do not all see the same sequence of shapes.
        { numRuns: RUNS, seed: SEED + ROUTES.indexOf(row), endOnFailure: true },
      );

      // Over the limit, told by Content-Length, by a Content-Length that lies, or only by the stream.
      const big = JSON.stringify({ ...row.valid(f), padding: "x".repeat(LIMIT) });
      for (const over of [
        { kind: "oversized", text: big, contentType: "application/json" },
        { kind: "oversized", text: big, contentType: "application/json", declaredLength: "100" },
        { kind: "oversized", text: big, contentType: "application/json", stream: true },
        { kind: "oversized", text: "x".repeat(LIMIT + 1), contentType: "text/plain", stream: true },
        { kind: "oversized", text: big, contentType: "application/x-www-form-urlencoded" },
      ] satisfies Body[]) {
        const r = await sendAndCheck(row, f, over);
        if (!row.noBody)
          expect([r.status, row.compliance ? r.json.details.codes[0] : r.json.error.code]).toEqual([
            413,
            "payload_too_large",
          ]);
      }
      // Exactly at the limit is not "over".
      if (!row.noBody) {
        const at = await sendAndCheck(row, f, {
          kind: "at-limit",
          text: objectText([["padding", "x".repeat(LIMIT - 14)]]),
          contentType: "application/json",
        });
        expect(at.status).not.toBe(413);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    180_000,
  );

  // Bugs the property found (each was a 500 or an unnamed field before the fix), and their neighbours.
  // prettier-ignore
  it.each([
    // PostgreSQL refuses NUL in text and jsonb: the INSERT failed, as a 500.
    {
      name: "NUL in a lead's name",
      req: "POST /api/leads/ingest",
      text: JSON.stringify({ ...lead(), consumerName: "John\u0000Smith" }),
      field: "consumerName",
    },
    {
      name: "NUL in lead data",
      req: "POST /api/leads/ingest",
      text: JSON.stringify({ ...lead(), leadData: { notes: ["ok", "a\u0000b"] } }),
      field: "leadData.notes.1",
    },
    {
      name: "NUL in an unknown field (kept as lead data)",
      req: "POST /api/leads/ingest",
      text: JSON.stringify({ ...lead(), valueOf: "\u0000".repeat(1000) }),
      field: "valueOf",
    },
    {
      name: "NUL in a field name",
      req: "POST /api/leads/ingest",
      text: JSON.stringify({ ...lead(), "a\u0000b": 1 }),
      field: "a\u0000b",
    },
    {
      name: "NUL in a ping's lead data",
      req: "POST /api/leads/ping",
      text: JSON.stringify({ vertical: "home_services", leadData: { x: "\u0000" } }),
      field: "leadData.x",
    },
    {
      name: "NUL in a compliance lead",
      req: "POST /api/leads",
      text: JSON.stringify({ firstName: "Jo\u0000hn", phone: "6507769592", listId: SPEC_LIST_ID }),
      field: "firstName",
    },
    {
      name: "NUL in a company name",
      req: "POST /api/admin/buyers",
      text: JSON.stringify({ companyName: "Acme\u0000" }),
      field: "companyName",
    },
    {
      name: "NUL in a suppression",
      req: "POST /api/admin/suppressions",
      text: JSON.stringify({ kind: "dnc", type: "email", value: "a\u0000@b.com" }),
      field: "value",
    },
    {
      name: "NUL in a CSV import",
      req: "POST /api/admin/suppressions/import",
      text: "3105550101\n31055\u00000102",
      contentType: "text/csv",
      field: "(body)",
    },
    {
      name: "NUL in a JSON CSV import",
      req: "POST /api/admin/suppressions/import",
      text: JSON.stringify({ csv: "3105550101\u0000" }),
      field: "csv",
    },
    {
      name: "NUL in a form-encoded body",
      req: "POST /api/leads/ingest",
      text: "vertical=home_services&consumerName=a%00b",
      contentType: "application/x-www-form-urlencoded",
      field: "consumerName",
    },
    {
      name: "NUL in a campaign name",
      req: "PATCH /api/buyer-campaigns/[id]",
      text: JSON.stringify({ name: "x\u0000" }),
      field: "name",
    },
    // jsonb refuses unpaired surrogates ("unsupported Unicode escape sequence").
    {
      name: "an unpaired surrogate in lead data",
      req: "POST /api/leads/ingest",
      text: `{"vertical":"home_services","consumerPhone":"6145550123","leadData":{"x":"\\ud800"}}`,
      field: "leadData.x",
    },
    {
      name: "an unpaired low surrogate in a ping",
      req: "POST /api/leads/ping",
      text: `{"vertical":"home_services","leadData":{"x":"a\\udc00"}}`,
      field: "leadData.x",
    },
    // 20k-level lead data overflowed the stack while being stored (RangeError, a 500).
    {
      name: "lead data nested 20k levels",
      req: "POST /api/leads/ingest",
      text: `${JSON.stringify(lead()).slice(0, -1)},"extra":${deep(20_000, "object")}}`,
      field: `extra.${Array(31).fill("a").join(".")}`,
    },
    {
      name: "a body nested 100k levels",
      req: "POST /api/admin/buyers",
      text: deep(100_000, "object"),
      field: Array(32).fill("a").join("."),
    },
    // The compliance endpoint echoes the phone in its refusals: String() of {"toString":1} threw inside its catch.
    {
      name: "a phone that is not text, in a refused compliance lead",
      req: "POST /api/leads",
      text: `{"phone":{"toString":1},"sellerId":999}`,
      status: 403,
      code: "forbidden",
    },
    {
      name: "a phone that is an object with a null prototype",
      req: "POST /api/leads",
      text: `{"phone":{"valueOf":{}},"listId":"nope"}`,
      status: 404,
      code: "not_found",
    },
    {
      name: "lead data nested 33 levels",
      req: "POST /api/leads/ping",
      text: `{"vertical":"home_services","leadData":${deep(32, "object")}}`,
      field: `leadData.${Array(31).fill("a").join(".")}`,
    },
    // An empty field name was reported as field "" (nothing named).
    { name: "an empty field name", req: "POST /api/admin/sellers", text: `{"companyName":"Acme","":1}`, field: '""' },
    {
      name: "an empty nested field name",
      req: "POST /api/buyer-campaigns",
      text: `{"name":"x","geoTargets":{"":["CA"]}}`,
      fieldPrefix: "geoTargets",
    },
  ] as {
    name: string;
    req: string;
    text: string;
    contentType?: string;
    field?: string;
    fieldPrefix?: string;
    status?: number;
    code?: string;
  }[])(
    "regression: $name → 4xx naming the field",
    async ({ req, text, contentType, field, fieldPrefix, status, code }) => {
      const f = await fixture();
      const row = ROUTES.find((r) => r.req === req)!;
      const r = await sendAndCheck(row, f, {
        kind: "regression",
        text,
        contentType: contentType ?? "application/json",
      });
      const error = row.compliance ? { code: r.json.details.codes[0], message: r.json.error } : r.json.error;
      expect([r.status, error.code]).toEqual([status ?? 400, code ?? "validation_failed"]);
      if (field)
        expect(
          row.compliance ? r.json.details.reasons : error.details.map((d: { field: string }) => d.field),
        ).toContainEqual(row.compliance ? expect.stringContaining(`${field}: `) : field);
      if (fieldPrefix)
        expect(error.details.map((d: { field: string }) => d.field)).toContainEqual(
          expect.stringMatching(new RegExp(`^${fieldPrefix}\\.`)),
        );
      for (const d of row.compliance ? [] : (error.details ?? [])) expect(d.field).not.toMatch(/^$|\.$|\.\./);
    },
  );

  // Hostile query strings against the listing, export and report GETs: every known
  // parameter with a generated value, plus unknown ones; never a 5xx, every 4xx names its field,
  // a 200 CSV is text/csv. Each route with each caller role that may use it.
  const QUERY_ROUTES: { req: string; as: Role; params: string[]; bare?: number }[] = [
    {
      req: "GET /api/leads",
      as: "admin",
      params: [
        "buyerId",
        "sellerId",
        "status",
        "vertical",
        "state",
        "unsoldReason",
        "q",
        "from",
        "to",
        "limit",
        "cursor",
        "offset",
        "format",
      ],
    },
    { req: "GET /api/leads", as: "buyer1", params: ["status", "vertical", "q", "from", "to", "format", "cursor"] },
    {
      req: "GET /api/transactions",
      as: "seller1",
      params: ["type", "leadId", "from", "to", "limit", "cursor", "offset", "format"],
    },
    { req: "GET /api/statements", as: "buyer1", params: ["buyerId", "sellerId", "month", "from", "to", "format"] },
    {
      req: "GET /api/statements",
      as: "admin",
      params: ["buyerId", "sellerId", "month", "from", "to", "format"],
      bare: 400,
    },
    { req: "GET /api/reports/unsold", as: "seller1", params: ["from", "to", "format"] },
    { req: "GET /api/reports/unsold", as: "admin", params: ["from", "to", "format"] },
  ];
  const queryValue = fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "csv",
      "json",
      "CSV",
      "2026-03-01",
      "2026-02-30",
      "2026-13",
      "2026-03",
      "1900-01-01",
      "9999-12-31",
      "2026-03-01T10:00:00Z",
      "0",
      "-1",
      "1e9",
      "999999999999",
      "NaN",
      "null",
      "[]",
      "{}",
      "' OR 1=1 --",
      "%00",
      "\u0000",
      "../../etc/passwd",
      "<script>",
      "=cmd|' /C calc'!A0",
      "no_campaign",
      "cap_reached",
      "CA",
      "zz",
      "a".repeat(5000),
    ),
    fc.string({ maxLength: 30 }),
    fc.integer().map(String),
  );
  it.each(QUERY_ROUTES.map((r) => [`${r.req} as ${r.as}`, r] as const))(
    "hostile query strings: %s",
    async (_name, route) => {
      const f = await fixture();
      const row: RouteRow = { req: route.req, as: route.as, valid: () => ({}), noBody: true };
      const handler = await handlerFor(row);
      const sendQuery = async (qs: URLSearchParams, accept?: string) => {
        const headers = authHeaders(route.as);
        if (accept) headers.set("accept", accept);
        const res = await handler(new Request(`${BASE}${route.req.split(" ")[1]}?${qs}`, { headers }), {
          params: Promise.resolve({}),
        });
        const text = await res.text();
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const r: Reply = { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json };
        sent++;
        byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
        const p = problem(row, { kind: "query", text: "", contentType: null }, r);
        if (p) throw new Error(`${route.req}?${qs}: ${p}`);
        if (r.status === 200 && (qs.get("format") === "csv" || accept === "text/csv"))
          expect(r.contentType).toBe("text/csv; charset=utf-8");
        return r;
      };
      // The bare route answers (an admin's statement must name the account: 400).
      expect((await sendQuery(new URLSearchParams())).status).toBe(route.bare ?? 200);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.oneof(fc.constantFrom(...route.params), fc.string({ maxLength: 12 })), queryValue, {
            maxKeys: 5,
          }),
          fc.constantFrom(undefined, "text/csv", "application/json", "*/*", "text/csv;q=0.1, application/json"),
          async (params, accept) => {
            await sendQuery(new URLSearchParams(params), accept);
          },
        ),
        { numRuns: Math.max(20, RUNS >> 2), seed: SEED + 1000 + QUERY_ROUTES.indexOf(route), endOnFailure: true },
      );
      void f;
    },
    180_000,
  );

  // next-auth read POST bodies without a size limit and threw (a 500) on invalid JSON.
  it.each([
    ["session", 400, "invalid_json", "{", "application/json", false],
    ["_log", 400, "invalid_json", "[", "application/json", false],
    ["session", 400, "invalid_json", "", "application/json", false],
    [
      "callback/credentials",
      413,
      "payload_too_large",
      "x".repeat(LIMIT + 1),
      "application/x-www-form-urlencoded",
      false,
    ],
    [
      "callback/credentials",
      413,
      "payload_too_large",
      "x".repeat(LIMIT + 1),
      "application/x-www-form-urlencoded",
      true,
    ],
    ["session", 413, "payload_too_large", JSON.stringify({ data: "x".repeat(LIMIT) }), "application/json", true],
  ] as const)(
    "regression: next-auth POST /api/auth/%s → %i %s",
    async (action, status, code, text, contentType, stream) => {
      const { POST } = await import("@/app/api/auth/[...nextauth]/route");
      const row: RouteRow = { req: "POST /api/auth/[...nextauth]", as: "none", valid: () => ({}) };
      const headers = new Headers({ origin: BASE, "content-type": contentType });
      const bytes = new TextEncoder().encode(text);
      const body = stream
        ? new ReadableStream({
            start: (c) => {
              c.enqueue(bytes);
              c.close();
            },
          })
        : bytes;
      const res = await POST(
        new Request(`${BASE}/api/auth/${action}`, { method: "POST", headers, body, duplex: "half" } as RequestInit),
        {
          params: Promise.resolve({ nextauth: action.split("/") }),
        },
      );
      const answer = await res.text();
      const r: Reply = {
        status: res.status,
        contentType: res.headers.get("content-type") ?? "",
        text: answer,
        json: JSON.parse(answer),
      };
      expect(problem(row, { kind: "regression", text: "", contentType }, r)).toBeNull();
      expect([r.status, r.json.error.code]).toEqual([status, code]);
    },
  );

  // Query strings get the same character rules as bodies.
  it.each<[string, string, string, string]>([
    ["NUL in a search", "GET /api/admin/suppressions", "?q=%00", "q"],
    ["NUL inside a search", "GET /api/admin/suppressions", "?q=31055%0050101", "q"],
    ["NUL in a filter", "GET /api/leads", "?status=sold%00", "status"],
    ["NUL in a parameter name", "GET /api/buyer-campaigns", "?a%00b=1", "(query parameter name)"],
    ["NUL in an id", "GET /api/transactions", "?buyerId=1%00", "buyerId"],
    ["NUL in a cursor", "GET /api/deliveries", "?cursor=%00", "cursor"],
  ])("regression: %s → 400 naming the parameter", async (_name, req, query, field) => {
    const f = await fixture();
    const row = GET_ROUTES.find((r) => r.req === req)!;
    const r = await sendGet(row, f, query);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "validation_failed", message: "Query parameters failed validation" });
    expect(r.json.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("search wildcards are literal: % _ and \\ match only rows containing them", async () => {
    const f = await fixture();
    await prisma.suppression.createMany({
      data: ["a%b@x.example", "a_b@x.example", "a\\b@x.example", "plain@x.example"].map((value) => ({
        kind: "blacklist",
        type: "email",
        value,
      })),
    });
    const row = GET_ROUTES.find((r) => r.req === "GET /api/admin/suppressions")!;
    for (const [q, expected] of [
      ["%", ["a%b@x.example"]],
      ["_", ["a_b@x.example"]],
      ["\\", ["a\\b@x.example"]],
      ["a%b", ["a%b@x.example"]],
      ["plain", ["plain@x.example"]],
    ] as const) {
      const r = await sendGet(row, f, `?kind=blacklist&q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(r.json.map((s: { value: string }) => s.value).sort(), q).toEqual([...expected].sort());
    }
  });

  it("dashboard searches: NUL, surrogates and wildcards neither fail nor match everything", async () => {
    const f = await fixture();
    const { buyerInbox } = await import("@/lib/queries/buyer");
    const { sellerSubmissions, sellerStats } = await import("@/lib/queries/seller");
    const { suppressions } = await import("@/lib/queries/admin");
    await prisma.lead.update({ where: { id: f.leadId }, data: { consumerName: "100% Roofing" } });
    for (const q of ["\u0000", "a\u0000b", "\ud800", "%", "_", "\\", "%%", "' OR 1=1 --"]) {
      const inbox = await buyerInbox(f.world.buyer1.buyerId!, { q, vertical: q, page: 1 });
      const subs = await sellerSubmissions(f.world.seller1.sellerId!, { q, vertical: q, page: 1 });
      await sellerStats(f.world.seller1.sellerId!, {
        range: { from: new Date(0), to: new Date() },
        vertical: q,
      } as Parameters<typeof sellerStats>[1]);
      const sup = await suppressions({ q, page: 1 });
      expect(
        JSON.stringify([inbox, subs, sup], (_k, v) => (typeof v === "bigint" ? String(v) : v)).length,
        q,
      ).toBeGreaterThan(0);
    }
    const pct = await sellerSubmissions(f.world.seller1.sellerId!, { q: "%", page: 1 });
    const under = await sellerSubmissions(f.world.seller1.sellerId!, { q: "_", page: 1 });
    expect(JSON.stringify(pct)).toContain("100% Roofing");
    expect(JSON.stringify(under)).not.toContain("100% Roofing");
  });

  it(`hostile query strings against every GET route (${Math.max(10, Math.round(RUNS / 8))} runs each)`, async () => {
    const f = await fixture();
    const key = fc.oneof(
      fc.constantFrom(...QUERY_KEYS),
      fc.string({ maxLength: 8 }),
      fc.constantFrom("__proto__", "constructor", "a\u0000", ""),
    );
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "\u0000",
        "a\u0000b",
        "\ud800",
        "\udc00x",
        "%",
        "_",
        "\\",
        "%25",
        "-1",
        "0",
        "1e999",
        "99999999999999999999",
        "2026-13-45",
        "null",
        "[]",
        "{}",
        "' OR 1=1 --",
        "x".repeat(5000),
      ),
      fc.integer().map(String),
    );
    for (const row of GET_ROUTES) {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 5 }), async (pairs) => {
          // URLSearchParams, as a browser would: a lone surrogate cannot travel in a URL (it becomes U+FFFD).
          const query = `?${new URLSearchParams(pairs).toString()}`;
          const r = await sendGet(row, f, query);
          sent++;
          const p = problem(
            { req: row.req, as: row.as, valid: () => ({}) },
            { kind: "query", text: "", contentType: null },
            r,
          );
          if (p) throw new Error(`${row.req}${query.slice(0, 300)}: ${p}`);
        }),
        { numRuns: Math.max(10, Math.round(RUNS / 8)), seed: SEED },
      );
    }
  }, 300_000);

  it("nothing reached Object.prototype", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(Object.prototype.toString.call({})).toBe("[object Object]");
  });

  it("every POST/PATCH/PUT export of app/api has a row (or a stated reason not to)", async () => {
    const dir = path.resolve(__dirname, "../../app/api");
    const found: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const full = path.join(d, e);
        if (statSync(full).isDirectory()) walk(full);
        else if (e === "route.ts") {
          const pattern = `/api/${path.relative(dir, d).split(path.sep).join("/")}`;
          for (const m of ["POST", "PATCH", "PUT"]) {
            const src = readFileSync(full, "utf8");
            if (new RegExp(`export (const|async function) ${m}\\b|\\bas ${m}\\b`).test(src))
              found.push(`${m} ${pattern}`);
          }
        }
      }
    };
    walk(dir);
    const covered = new Set([...ROUTES.map((r) => r.req), ...Object.keys(NOT_HERE)]);
    expect(found.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !found.includes(r))).toEqual([]);
  });
});
