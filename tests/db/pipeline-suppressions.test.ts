// Admin API for the local DNC and blacklist tables, and how the pipeline uses them.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sessionCookie } from "@/lib/auth/session";
import { GET, POST } from "@/app/api/admin/suppressions/route";
import { DELETE } from "@/app/api/admin/suppressions/[id]/route";
import { POST as IMPORT } from "@/app/api/admin/suppressions/import/route";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { call } from "./helpers/api";
import { demo, exampleLead, KEY } from "./pipeline-helpers";

let admin: Record<string, string>;
let seller: Record<string, string>;

async function cookieFor(username: string) {
  const u = await prisma.user.findUniqueOrThrow({ where: { username } });
  const c = await sessionCookie({
    id: u.id,
    username: u.username,
    role: u.role,
    fullName: u.fullName,
    email: u.email,
    buyerId: u.buyerId,
    sellerId: u.sellerId,
  });
  return { cookie: `${c.name}=${c.value}` };
}

beforeEach(async () => {
  await demo();
  admin = await cookieFor("admin");
  seller = await cookieFor("seller1");
});

describe("suppressions admin API", () => {
  it("adds (normalised), lists, filters and deletes", async () => {
    const a = await call(POST, "POST", "/api/admin/suppressions", {
      body: JSON.stringify({ kind: "dnc", type: "phone", value: "+1 (614) 555-2368", reason: "asked" }),
      headers: admin,
    });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({
      id: expect.any(Number),
      kind: "dnc",
      type: "phone",
      value: "6145552368",
      source: null,
      reason: "asked",
      createdAt: expect.any(String),
    });
    await call(POST, "POST", "/api/admin/suppressions", {
      body: JSON.stringify({ kind: "blacklist", type: "email", value: "Fraud@Example.com" }),
      headers: admin,
    });
    const all = await call(GET, "GET", "/api/admin/suppressions", { headers: admin });
    expect(all.body.map((s: { value: string }) => s.value)).toEqual(["fraud@example.com", "6145552368"]);
    const dnc = await call(GET, "GET", "/api/admin/suppressions?kind=dnc", { headers: admin });
    expect(dnc.body).toHaveLength(1);
    const path = `/api/admin/suppressions/${a.body.id}`;
    const del = await call(DELETE, "DELETE", path, { headers: admin, params: { id: String(a.body.id) } });
    expect(del.status).toBe(204);
    const again = await call(DELETE, "DELETE", path, { headers: admin, params: { id: String(a.body.id) } });
    expect(again.status).toBe(404);
    expect(await prisma.auditLog.count({ where: { action: { startsWith: "suppression." } } })).toBe(3);
  });

  it.each<[string, string, number, string]>([
    ["bad phone", JSON.stringify({ kind: "dnc", type: "phone", value: "12" }), 400, "validation_failed"],
    ["bad kind", JSON.stringify({ kind: "nope", type: "phone", value: "6145552368" }), 400, "validation_failed"],
    ["bad email", JSON.stringify({ kind: "blacklist", type: "email", value: "x@" }), 400, "validation_failed"],
    ["not JSON", "{", 400, "invalid_json"],
  ])("refuses %s", async (_n, body, status, code) => {
    const r = await call(POST, "POST", "/api/admin/suppressions", { body, headers: admin });
    expect([r.status, r.body.error.code]).toEqual([status, code]);
  });

  it("a second add of the same entry is a 409", async () => {
    const body = JSON.stringify({ kind: "dnc", type: "phone", value: "6145552368" });
    await call(POST, "POST", "/api/admin/suppressions", { body, headers: admin });
    const r = await call(POST, "POST", "/api/admin/suppressions", { body, headers: admin });
    expect([r.status, r.body.error.code]).toEqual([409, "conflict"]);
  });

  it("is admin-only", async () => {
    expect((await call(GET, "GET", "/api/admin/suppressions", { headers: seller })).status).toBe(403);
    expect(
      (await call(GET, "GET", "/api/admin/suppressions", { headers: { authorization: `Bearer ${KEY}` } })).status,
    ).toBe(403);
    expect((await call(GET, "GET", "/api/admin/suppressions")).status).toBe(401);
  });

  it("imports CSV: header skipped, defaults from the query, per-line type/kind, invalid lines reported", async () => {
    await prisma.suppression.create({ data: { kind: "dnc", type: "phone", value: "6145550001" } });
    const csv =
      "phone,type,kind,reason\n614-555-0001\n(614) 555-2368\n614 555 2369,,blacklist,fraud\nann@x.com,email\n12345\n\n614-555-2368\n";
    const r = await call(IMPORT, "POST", "/api/admin/suppressions/import?kind=dnc&type=phone&source=registry", {
      body: csv,
      headers: {
        ...admin,
        "content-type": "text/csv",
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      imported: 3,
      duplicates: 1,
      invalid: [{ line: 6, value: "12345", issue: "not a valid 10-digit US phone number" }],
    });
    const rows = await prisma.suppression.findMany({
      orderBy: { id: "asc" },
      select: { kind: true, type: true, value: true, reason: true, source: true },
    });
    expect(rows.slice(1)).toEqual([
      { kind: "dnc", type: "phone", value: "6145552368", reason: null, source: "registry" },
      { kind: "blacklist", type: "phone", value: "6145552369", reason: "fraud", source: "registry" },
      { kind: "dnc", type: "email", value: "ann@x.com", reason: null, source: "registry" },
    ]);
    const json = await call(IMPORT, "POST", "/api/admin/suppressions/import", {
      body: JSON.stringify({ csv: "6145552370" }),
      headers: admin,
    });
    expect(json.body.imported).toBe(1);
    const empty = await call(IMPORT, "POST", "/api/admin/suppressions/import", {
      body: "  ",
      headers: { ...admin, "content-type": "text/csv" },
    });
    expect(empty.status).toBe(400);
  });

  it("imports real CSV: quoted fields keep their commas, quotes and line breaks; a broken quote is a 400", async () => {
    const csv =
      'value,type,kind,reason\r\n"614-555-2371",phone,dnc,"asked twice, by phone"\r\n"ann, o@x.com",email,,bad\r\n6145552372,phone,blacklist,"said ""never""\non a call"\r\n';
    const r = await call(IMPORT, "POST", "/api/admin/suppressions/import?kind=dnc&type=phone", {
      body: csv,
      headers: { ...admin, "content-type": "text/csv" },
    });
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(2);
    expect(r.body.invalid.map((i: { line: number; value: string }) => [i.line, i.value])).toEqual([
      [3, "ann, o@x.com"],
    ]);
    const rows = await prisma.suppression.findMany({
      orderBy: { id: "asc" },
      select: { kind: true, value: true, reason: true },
    });
    expect(rows).toEqual([
      { kind: "dnc", value: "6145552371", reason: "asked twice, by phone" },
      { kind: "blacklist", value: "6145552372", reason: 'said "never"\non a call' },
    ]);
    const broken = await call(IMPORT, "POST", "/api/admin/suppressions/import?kind=dnc&type=phone", {
      body: '"6145552373,phone\n',
      headers: {
        ...admin,
        "content-type": "text/csv",
      },
    });
    expect([broken.status, broken.body.error.code, broken.body.error.details[0].field]).toEqual([
      400,
      "validation_failed",
      "(body)",
    ]);
  });

  it("the pipeline rejects suppressed consumers: dnc_listed, blacklisted (email or IP)", async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const a = exampleLead();
    await call(POST, "POST", "/api/admin/suppressions", {
      body: JSON.stringify({ kind: "dnc", type: "phone", value: a.consumerPhone }),
      headers: admin,
    });
    expect((await call(ingest, "POST", "/api/leads/ingest", { body: a, headers: auth })).body.rejectionReasons).toEqual(
      ["dnc_listed"],
    );
    const b = exampleLead();
    await call(POST, "POST", "/api/admin/suppressions", {
      body: JSON.stringify({ kind: "blacklist", type: "ip", value: "73.162.10.10" }),
      headers: admin,
    });
    expect((await call(ingest, "POST", "/api/leads/ingest", { body: b, headers: auth })).body.rejectionReasons).toEqual(
      ["blacklisted"],
    );
  });
});
