// The served document checked by tools that are not ours, so it says exactly what the server does:
//   - @seriousme/openapi-schema-validator: the official OAS 3.1 JSON schema, strictly;
//   - Ajv (JSON Schema 2020-12, the dialect OAS 3.1 schema objects are written in): every example
//     in the document (parameter, request body, response) validates against the schema it sits beside.
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";
import type { Json } from "./json";

const doc = openApiDocument() as Json;

/** Every (where, schema, example) triple the document holds. */
function examplesOf(d: Json): { at: string; schema: Json; value: unknown }[] {
  const out: { at: string; schema: Json; value: unknown }[] = [];
  const media = (at: string, m: Json) => {
    if (!m.schema) return;
    if (m.example !== undefined) out.push({ at, schema: m.schema, value: m.example });
    for (const [name, e] of Object.entries<Json>(m.examples ?? {}))
      if (e.value !== undefined) out.push({ at: `${at} (${name})`, schema: m.schema, value: e.value });
  };
  for (const [p, item] of Object.entries<Json>(d.paths))
    for (const [method, op] of Object.entries<Json>(item)) {
      const where = `${method.toUpperCase()} ${p}`;
      for (const param of op.parameters ?? []) media(`${where} ${param.in} ${param.name}`, param);
      for (const [type, m] of Object.entries<Json>(op.requestBody?.content ?? {})) media(`${where} body ${type}`, m);
      for (const [status, r] of Object.entries<Json>(op.responses)) {
        for (const [type, m] of Object.entries<Json>(r.content ?? {})) media(`${where} ${status} ${type}`, m);
        for (const [name, h] of Object.entries<Json>(r.headers ?? {})) media(`${where} ${status} header ${name}`, h);
      }
    }
  return out;
}

/** Each example that its schema refuses, as "where: why" (Ajv, JSON Schema 2020-12, $refs into the document). */
function badExamples(d: Json): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "doc", components: d.components }, "doc");
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const failures: string[] = [];
  for (const { at, schema, value } of examplesOf(d)) {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
    const validate = compiled.get(text) ?? ajv.compile(JSON.parse(text));
    compiled.set(text, validate);
    if (!validate(value)) failures.push(`${at}: ${ajv.errorsText(validate.errors)}`);
  }
  return failures;
}

describe("OpenAPI document, strictly", () => {
  it("is valid OpenAPI 3.1 by the official schema", async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc));
    expect(res.errors ?? [], JSON.stringify(res.errors, null, 2)).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  }, 60_000);

  it("every example validates against its own schema", () => {
    expect(examplesOf(doc).length).toBeGreaterThan(100);
    expect(badExamples(doc)).toEqual([]);
  }, 60_000);

  it("the example check catches a wrong example (the ingest 200 with a negative leadId)", () => {
    const broken = structuredClone(doc);
    broken.paths["/api/leads/ingest"].post.responses["200"].content["application/json"].example.leadId = -1;
    expect(badExamples(broken)).toEqual([expect.stringMatching(/^POST \/api\/leads\/ingest 200 .*leadId/)]);
  }, 60_000);
});
