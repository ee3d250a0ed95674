// Reading request bodies defensively: size limit, content type, JSON syntax, zod schema.
// Each failure is a 4xx with the error contract, never a 500.
import type { z } from "zod";
import { ApiError, validationError } from "./errors";
import { env } from "../env";

/** Reads the body as text, refusing more than MAX_BODY_BYTES even when Content-Length lies. */
export async function readBodyText(req: Request, limit = env.MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number) {
  return new ApiError("payload_too_large", `Request body exceeds ${limit} bytes`);
}

/** Parses a JSON object body. Form-encoded bodies are accepted too (integrators of the compliance endpoint post forms). */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const text = await readBodyText(req);
  if (type.includes("application/x-www-form-urlencoded")) {
    return assertStorable(Object.fromEntries(new URLSearchParams(text)));
  }
  if (type && !type.includes("json") && !type.includes("text/plain")) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json", [
      { field: "Content-Type", issue: `expected application/json, got ${type.split(";")[0]}` },
    ]);
  }
  if (!text.trim()) throw new ApiError("invalid_json", "Request body is empty; expected a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiError("invalid_json", "Request body is not valid JSON", [
      { field: "(body)", issue: e instanceof Error ? e.message : "parse error" },
    ]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiError("invalid_json", "Request body must be a JSON object", [
      { field: "(body)", issue: `got ${Array.isArray(value) ? "array" : typeof value}` },
    ]);
  }
  return assertStorable(value as Record<string, unknown>);
}

/** Deeper JSON than this is refused: no API body needs it, and recursive code (JSON.stringify, the database driver) would overflow the stack on it. */
export const MAX_BODY_DEPTH = 32;

// PostgreSQL stores no NUL character (\u0000) in text or jsonb, and no unpaired UTF-16 surrogate
// (\ud800) in jsonb; such a value would fail at the INSERT, as a 500. Refused here, by name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is this pattern's job
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored in (or compared by) PostgreSQL, or null when it can. */
export function unstorable(s: string): string | null {
  if (NUL.test(s)) return "contains a NUL character (\\u0000), which is not accepted";
  if (LONE_SURROGATE.test(s)) return "contains an unpaired UTF-16 surrogate, which is not valid Unicode";
  return null;
}

/**
 * A parsed body's values can be stored and serialised: nesting at most MAX_BODY_DEPTH levels, no
 * NUL or unpaired surrogate in any key or string. Walks without recursion (bodies may nest 100k
 * levels deep); a failure is a 400 naming the field.
 */
export function assertStorable<T>(body: T): T {
  type Node = { value: unknown; key: string; parent: Node | null; depth: number };
  const pathOf = (n: Node) => {
    const keys: string[] = [];
    for (let at: Node | null = n; at?.parent; at = at.parent) keys.unshift(at.key || '""');
    return keys.join(".") || "(body)";
  };
  const refuse = (n: Node, issue: string) =>
    new ApiError("validation_failed", "Request body failed validation", [{ field: pathOf(n), issue }]);
  const stack: Node[] = [{ value: body, key: "", parent: null, depth: 0 }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const v = node.value;
    if (typeof v === "string") {
      const issue = unstorable(v);
      if (issue) throw refuse(node, issue);
    } else if (v && typeof v === "object") {
      if (node.depth >= MAX_BODY_DEPTH) throw refuse(node, `nests deeper than ${MAX_BODY_DEPTH} levels`);
      for (const [key, value] of Object.entries(v)) {
        const child = { value, key, parent: node, depth: node.depth + 1 };
        const issue = Array.isArray(v) ? null : unstorable(key);
        if (issue) throw refuse(child, `field name ${issue}`);
        stack.push(child);
      }
    }
  }
  return body;
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseObject(await readJsonObject(req), schema);
}

/** Validates an already-read body (e.g. one that also carried an API key). */
export function parseObject<S extends z.ZodType>(raw: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/**
 * The query string under the same character rules as bodies: a NUL or unpaired surrogate in a
 * parameter's name or value is a 400 naming the parameter (it would otherwise reach PostgreSQL
 * as a 500). Then the zod schema.
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const search = new URL(req.url).searchParams;
  const bad: { field: string; issue: string }[] = [];
  for (const [key, value] of search) {
    const issue = unstorable(key) ?? unstorable(value);
    if (issue)
      bad.push({ field: unstorable(key) ? "(query parameter name)" : key || "(empty query parameter name)", issue });
  }
  if (bad.length) throw new ApiError("validation_failed", "Query parameters failed validation", bad);
  const params = Object.fromEntries(search);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error, "Query parameters failed validation");
  return result.data;
}

/** A path id ("42"): a positive integer of at most 9 digits, else null. Routes and pages share it. */
export function parseId(value: string): number | null {
  return /^\d{1,9}$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

/** Route params like /api/leads/[id]: positive integer or 404. */
export function intParam(value: string, what = "resource"): number {
  const id = parseId(value);
  if (id === null) throw new ApiError("not_found", `No ${what} with id ${value}`);
  return id;
}
