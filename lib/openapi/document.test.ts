// The document is well-formed OpenAPI 3.1: every operation has responses, every $ref resolves,
// path templates match their parameters, security names exist, and every request example is
// accepted by the very zod schema the route validates with.
import { describe, expect, it } from "vitest";
import { allOperations, openApiDocument, SECURITY_SCHEMES, TAGS } from "./document";
import { z } from "zod";
import { ERROR_STATUS, ERRORS } from "../api/errors";
import { intParam } from "../api/request";
import { MAX_LIMIT } from "../validation/fields";
import { buildOperation, ComponentRegistry, type OperationSpec, queryIntegerBounds } from "./builder";
import { PATH_ID_MAX } from "./common";
import { SPEC_API_KEY, SPEC_LIST_ID, SPEC_STATES } from "./examples";
import * as seed from "../seed";
import type { Json } from "./json";

const doc = openApiDocument() as Json;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function walk(node: unknown, visit: (n: Json, at: string) => void, at = "#"): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      walk(n, visit, `${at}/${i}`);
    });
    return;
  }
  if (!node || typeof node !== "object") return;
  visit(node as Json, at);
  for (const [k, v] of Object.entries(node)) walk(v, visit, `${at}/${k}`);
}

function resolve(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((n, key) => (n && typeof n === "object" ? (n as Json)[key] : undefined), doc);
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with info, servers and tags", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.servers.length).toBeGreaterThan(0);
    // JSON round trip: nothing in it that JSON cannot carry (functions, undefined, cycles).
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("every path has operations, each with a unique operationId, a known tag and described responses", () => {
    const ids = new Set<string>();
    const tags = new Set(TAGS.map((t) => t.name));
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    for (const [p, item] of Object.entries<Json>(doc.paths)) {
      expect(p).toMatch(/^\/api\//);
      const ops = Object.entries<Json>(item).filter(([m]) => METHODS.includes(m));
      expect(ops.length, p).toBeGreaterThan(0);
      for (const [m, op] of ops) {
        const where = `${m.toUpperCase()} ${p}`;
        expect(op.operationId, where).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
        expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(op.summary, where).toBeTruthy();
        for (const t of op.tags) expect(tags.has(t), `${where}: unknown tag ${t}`).toBe(true);
        const statuses = Object.keys(op.responses);
        expect(statuses.length, where).toBeGreaterThan(0);
        expect(
          statuses.some((s) => s.startsWith("2")),
          `${where} has no success response`,
        ).toBe(true);
        for (const [s, r] of Object.entries<Json>(op.responses)) {
          expect(s, where).toMatch(/^[1-5]\d\d$/);
          expect(r.description, `${where} ${s}`).toBeTruthy();
        }
      }
    }
  });

  it("path templates and path parameters agree", () => {
    for (const [p, item] of Object.entries<Json>(doc.paths)) {
      const inTemplate = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [m, op] of Object.entries<Json>(item)) {
        const declared = (op.parameters ?? []).filter((x: Json) => x.in === "path");
        expect(declared.map((x: Json) => x.name).sort(), `${m} ${p}`).toEqual(inTemplate);
        for (const x of declared) expect(x.required, `${m} ${p} ${x.name}`).toBe(true);
        const names = (op.parameters ?? []).map((x: Json) => `${x.in}:${x.name}`);
        expect(new Set(names).size, `${m} ${p}: duplicate parameters`).toBe(names.length);
      }
    }
  });

  it("every $ref resolves inside the document", () => {
    const refs: string[] = [];
    walk(doc, (n, at) => {
      if (typeof n.$ref === "string") {
        refs.push(n.$ref);
        expect(resolve(n.$ref), `${at}: ${n.$ref}`).toBeDefined();
      }
    });
    expect(refs.length).toBeGreaterThan(50);
    expect(doc.components.schemas.__shared).toBeUndefined();
  });

  it("security requirements name declared schemes; public operations say so", () => {
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    expect(schemes).toEqual(new Set(Object.keys(SECURITY_SCHEMES)));
    for (const [p, item] of Object.entries<Json>(doc.paths)) {
      for (const [m, op] of Object.entries<Json>(item)) {
        expect(Array.isArray(op.security), `${m} ${p}`).toBe(true);
        for (const req of op.security)
          for (const name of Object.keys(req)) expect(schemes.has(name), `${m} ${p}: ${name}`).toBe(true);
        if (op.security.length) expect(Object.keys(op.responses), `${m} ${p} needs a 401`).toContain("401");
      }
    }
    expect(doc.paths["/api/auth/login"].post.security).toEqual([]);
    expect(doc.paths["/api/leads"].post.security.map((s: Json) => Object.keys(s)[0])).toContain("token");
  });

  it("every request example is accepted by the schema the route validates with", () => {
    for (const op of allOperations()) {
      if (!op.body) continue;
      const examples = [op.body.example, ...Object.values(op.body.examples ?? {}).map((e) => e.value)].filter(
        (e) => e !== undefined,
      );
      expect(examples.length, `${op.operationId} has no request example`).toBeGreaterThan(0);
      for (const ex of examples) {
        const r = op.body.schema.safeParse(ex);
        expect(r.success, `${op.operationId}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      }
    }
  });

  it("every response example parses with the zod schema it documents", () => {
    let checked = 0;
    for (const op of allOperations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        const example = r.example ?? r.exampleFor?.(op);
        if (example === undefined || !r.schema) continue;
        const parsed = r.schema.safeParse(example);
        expect(parsed.success, `${op.operationId} ${status}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("the error code enum is the error list, and every documented error example uses a listed code", () => {
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(ERRORS));
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(ERROR_STATUS[code as keyof typeof ERRORS]).toBe(e.status);
      expect(e.meaning.length, code).toBeGreaterThan(10);
    }
  });

  it("a request body with both example and examples is refused (OpenAPI 3.1 allows one)", () => {
    const op: OperationSpec = {
      method: "post",
      path: "/api/x",
      operationId: "x",
      tag: "System",
      summary: "x",
      roles: [],
      security: [],
      body: {
        schema: z.object({ a: z.string() }),
        example: { a: "1" },
        examples: { one: { summary: "One", value: { a: "1" } } },
      },
      responses: { 200: { description: "ok" } },
    };
    expect(() => buildOperation(op, new ComponentRegistry())).toThrow(/both example and examples/);
  });

  it("path ids are documented with the bounds intParam enforces", () => {
    const schema = doc.paths["/api/leads/{id}"].get.parameters[0].schema;
    expect(schema).toEqual({ type: "integer", minimum: 1, maximum: PATH_ID_MAX });
    expect(intParam(String(PATH_ID_MAX))).toBe(PATH_ID_MAX);
    for (const refused of ["0", String(PATH_ID_MAX + 1), "-1", "1.5", "abc"]) expect(() => intParam(refused)).toThrow();
  });

  it.each([
    ["/api/leads", "limit", 1, MAX_LIMIT],
    ["/api/leads", "buyerId", 1, 999_999_999],
    ["/api/leads", "offset", 0, 9_999_999],
    ["/api/admin/buyers", "limit", 1, 500],
  ])("GET %s ?%s is an integer from %i to %i, as the server parses it", (path, name, min, max) => {
    const param = doc.paths[path].get.parameters.find((x: Json) => x.in === "query" && x.name === name);
    expect(param.schema).toMatchObject({ type: "integer", minimum: min, maximum: max });
  });

  it("queryIntegerBounds reads the bounds off a parser", () => {
    const field = z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 200);
    expect(queryIntegerBounds(field)).toEqual({ minimum: 1, maximum: 200 });
    expect(queryIntegerBounds(z.string().transform(Number))).toEqual({ minimum: 0 });
    expect(queryIntegerBounds(z.string())).toBeNull();
  });

  it("documents the compliance endpoint's facts the /docs page shows: the 12 states, the key and the list", () => {
    expect(SPEC_STATES).toEqual(seed.SPEC_STATES);
    expect(SPEC_API_KEY).toBe(seed.SPEC_API_KEY);
    expect(SPEC_LIST_ID).toBe(seed.SPEC_LIST_ID);
    expect(doc.paths["/api/leads"].post.description).toContain(SPEC_STATES.join(", "));
  });
});
