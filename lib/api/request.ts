// Reading request bodies defensively: size limit, content type, JSON syntax, zod schema.
// Each failure is a 4xx with the error contract, never a 500.
import { z } from "zod";
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

/** Parses a JSON object body. Form-encoded bodies are accepted too (seed-001 integrators post forms). */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const text = await readBodyText(req);
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
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
  return value as Record<string, unknown>;
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

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error, "Query parameters failed validation");
  return result.data;
}

/** Route params like /api/leads/[id]: positive integer or 404. */
export function intParam(value: string, what = "resource"): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new ApiError("not_found", `No ${what} with id ${value}`);
  return Number(value);
}

/**
 * The client's address, for throttling and the audit log. Route handlers cannot see the socket;
 * `next start` fills X-Forwarded-For with it when the request has none, and each trusted proxy
 * appends the address it saw. So the entry TRUST_PROXY_HOPS from the right is the one nobody but
 * our own infrastructure wrote; entries further left are client-supplied and ignored.
 */
export function clientIp(req: { headers: Headers }): string {
  const hops = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = hops.length ? hops[Math.max(0, hops.length - env.TRUST_PROXY_HOPS)] : req.headers.get("x-real-ip")?.trim();
  return (ip || "unknown").slice(0, 100);
}
