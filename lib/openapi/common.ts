// Pieces every operation file uses: error responses with example bodies, id path parameters,
// the security combinations, and curl helpers.
import { z } from "zod";
import type { ErrorCode } from "../api/errors";
import { type OperationSpec, type ParamSpec, queryParameters, type ResponseSpec, type SecurityName } from "./builder";
import { ErrorBody } from "./responses";

/** Where the curl examples point; replace with your deployment's URL. */
export const BASE_URL = "http://localhost:3000";

export const KEY_OR_SESSION: SecurityName[] = ["bearerKey", "headerKey", "session"];
export const SELLER_AUTH: SecurityName[] = ["bearerKey", "headerKey", "token", "session"];
export const SESSION_ONLY: SecurityName[] = ["session"];

const ERRORS: Record<number, [ErrorCode, string, string]> = {
  400: [
    "validation_failed",
    "Request body failed validation",
    "Bad input: invalid JSON, a missing field or a wrong value (each field named in details)",
  ],
  401: [
    "unauthorized",
    "Log in (POST /api/auth/login) or send an API key (Authorization: Bearer <key>)",
    "No valid session cookie or API key",
  ],
  403: [
    "forbidden",
    "This endpoint is for buyer or admin accounts; you are signed in as seller",
    "Wrong role, another account's buyerId/sellerId, or a cookie-authenticated write from a foreign Origin",
  ],
  404: ["not_found", "No lead with id 1234", "No such object, or it belongs to another account"],
  409: ["conflict", "The object is not in a state that allows this", "Conflict with the object's current state"],
  413: ["payload_too_large", "Request body exceeds 1048576 bytes", "Body too large"],
  415: ["unsupported_media_type", "Send the body as application/json", "Body is not JSON"],
  422: ["unprocessable", "The request cannot be applied", "A business rule refuses the request"],
  429: [
    "rate_limited",
    "Too many failed logins for this account or from your network; try again in 900 seconds",
    "Too many attempts; see Retry-After",
  ],
};

/** Sent with every 429, and with a 409 idempotency_conflict. */
export const retryAfterHeader = {
  "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 1 } },
};

/** The seller API's per-second limit (a seller with a limit set), on answers and on its 429. */
export const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests per second this seller may make", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this second", schema: { type: "integer", minimum: 0 } },
  "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer", minimum: 0 } },
};

/** Set on an answer replayed for a retried Idempotency-Key (the first answer, unchanged). */
export const replayedHeader = {
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
    schema: { type: "string", enum: ["true"] },
  },
};

/** A 400 as the operation really answers it: a body that is not JSON, or a query parameter that fails. */
function badRequestExample(op: OperationSpec): unknown {
  if (op.body)
    return {
      error: {
        code: "invalid_json",
        message: "Request body is not valid JSON",
        details: [{ field: "(body)", issue: "Unexpected end of JSON input" }],
      },
    };
  const field = op.query ? (queryParameters(op.query)[0]?.name as string | undefined) : undefined;
  return {
    error: {
      code: "validation_failed",
      message: "Query parameters failed validation",
      ...(field ? { details: [{ field, issue: "Invalid input" }] } : {}),
    },
  };
}

/** Error responses with the error contract's body. Override a status's text with [status, code, message, description]. */
export function errors(...statuses: (number | [number, ErrorCode, string, string])[]): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  for (const s of statuses) {
    const [status, code, message, description] = Array.isArray(s) ? s : [s, ...ERRORS[s]];
    out[status] = {
      description,
      schema: ErrorBody,
      ...(status === 400 && !Array.isArray(s)
        ? { exampleFor: badRequestExample }
        : { example: { error: { code, message } } }),
      ...(status === 429 || code === "idempotency_conflict" ? { headers: retryAfterHeader } : {}),
    };
  }
  return out;
}

/**
 * A path id: what `intParam` (lib/api/request.ts) accepts, a positive integer of at most 9
 * digits; anything else answers 404.
 */
export const idParam = (what: string, example: unknown = 1234): ParamSpec => ({
  name: "id",
  description: `The ${what}'s id`,
  schema: z.number().int().min(1).max(PATH_ID_MAX),
  example,
});

export const PATH_ID_MAX = 999_999_999;

export const uuidParam = (what: string): ParamSpec => ({
  name: "id",
  description: `The ${what}'s id (uuid)`,
  schema: z.uuid(),
});

export const idempotencyHeader: ParamSpec = {
  name: "Idempotency-Key",
  description:
    "Optional. Safe retries: a retry with the same key answers the first response and changes nothing; the same key with a different body is refused (422).",
  schema: z.string().max(255),
  example: "7f1c2a52-5d4e-4a53-9d0c-2f0f6b1b6c11",
};

export const pageHeaders = {
  "X-Next-Cursor": {
    description: "Present when there are more rows: pass it as ?cursor= for the next page",
    schema: { type: "string" },
  },
  Link: { description: 'RFC 8288 link to the next page (rel="next")', schema: { type: "string" } },
};

/** A curl command with a JSON body, pretty-printed so it can be read and edited. */
export function curlJson(
  method: string,
  path: string,
  body: unknown,
  auth: string | null = '-H "Authorization: Bearer $TITAN_API_KEY"',
): string {
  const json = JSON.stringify(body, null, 2).replace(/'/g, "'\\''");
  const lines = [
    `curl -sS -X ${method} ${BASE_URL}${path} \\`,
    ...(auth ? [`  ${auth} \\`] : []),
    `  -H "Content-Type: application/json" \\`,
    `  -d '${json}'`,
  ];
  return lines.join("\n");
}

export function curlGet(path: string, auth = '-H "Authorization: Bearer $TITAN_API_KEY"'): string {
  return `curl -sS "${BASE_URL}${path}" \\\n  ${auth}`;
}
