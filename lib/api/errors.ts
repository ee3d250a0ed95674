// The JSON API's one error contract:
//   { "error": { "code": "validation_failed", "message": "...", "details": [{ "field": "...", "issue": "..." }] } }
// The compliance endpoint, whose documented response has a body of its own, builds that itself.
import { NextResponse } from "next/server";
import { z } from "zod";
import type { AuditEntry } from "../audit";
import { logger } from "../log";
import type { ErrorJson } from "../openapi/types";

/**
 * Every error code the JSON API answers, with its HTTP status and what it means. The one list:
 * `ApiError` takes its status from here, the OpenAPI document's `ErrorBody.code` enum is built
 * from its keys, and the /docs page's error table is rendered from it.
 */
export const ERRORS = {
  invalid_json: { status: 400, meaning: "The body is empty or is not valid JSON" },
  validation_failed: {
    status: 400,
    meaning: "A field or query parameter fails validation; each one is named in details",
  },
  unauthorized: { status: 401, meaning: "No valid session cookie or API key" },
  forbidden: { status: 403, meaning: "Wrong role, or another account's buyerId/sellerId or object" },
  csrf_rejected: { status: 403, meaning: "A cookie-authenticated write without an Origin (or Referer) of this site" },
  not_found: { status: 404, meaning: "No such object, or it belongs to another account" },
  ping_not_found: { status: 404, meaning: "The pingId names no ping of this seller" },
  conflict: { status: 409, meaning: "The object's current state does not allow it (a taken name, a key in use)" },
  idempotency_conflict: {
    status: 409,
    meaning: "A request with this Idempotency-Key is still being processed; retry after Retry-After seconds",
  },
  ping_used: { status: 409, meaning: "The ping was already used by another lead" },
  // Returns: a second return of the same sale is a conflict; a closed window or a monthly return
  // cap is a business rule the request cannot fix by retrying (422).
  already_returned: { status: 409, meaning: "The lead was already returned" },
  ping_expired: { status: 410, meaning: "The ping's bid expired (after expiresInSeconds); ping again" },
  payload_too_large: { status: 413, meaning: "The body exceeds the size limit" },
  unsupported_media_type: { status: 415, meaning: "The body is not in a media type this endpoint accepts" },
  unprocessable: { status: 422, meaning: "A business rule refuses the request (e.g. suspending your own account)" },
  ping_mismatch: { status: 422, meaning: "The posted lead's state or ZIP differs from its ping" },
  idempotency_key_mismatch: { status: 422, meaning: "The Idempotency-Key was used before with a different body" },
  return_window_expired: { status: 422, meaning: "The campaign's return window for this sale has closed" },
  return_limit_reached: { status: 422, meaning: "The campaign's monthly return cap is reached" },
  rate_limited: { status: 429, meaning: "Too many attempts; wait Retry-After seconds" },
  internal_error: { status: 500, meaning: "A fault on our side; the request was not applied" },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Each code's HTTP status. */
export const ERROR_STATUS = Object.fromEntries(Object.entries(ERRORS).map(([code, e]) => [code, e.status])) as {
  [C in ErrorCode]: (typeof ERRORS)[C]["status"];
};

/** The codes, in the list's order (the OpenAPI enum). */
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export type ErrorDetail = { field: string; issue: string };

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  /** Set on authorization failures: `route()` writes it to the audit log before answering. */
  auditEntry?: AuditEntry;
}

export function errorBody(code: ErrorCode, message: string, details: ErrorDetail[] = []): ErrorJson {
  return { error: { code, message, ...(details.length ? { details } : {}) } };
}

export function errorResponse(err: ApiError): NextResponse {
  return NextResponse.json(errorBody(err.code, err.message, err.details), {
    status: err.status,
    headers: err.headers,
  });
}

/** Zod issues → field details ("consumerPhone", "geoTargets.states.0"). */
export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((i) => {
    // An empty key ({"": 1}) still gets a visible name: `""`, never an empty field.
    const at = i.path.map((p) => String(p) || '""');
    // A strict object names each field it refuses (mass assignment: role, balance, owner ids…).
    if (i.code === "unrecognized_keys") {
      return i.keys.map((k) => ({
        field: [...at, k || '""'].join("."),
        issue: "unknown field; it is not accepted here",
      }));
    }
    const issue = i.code === "invalid_type" && /received undefined$/.test(i.message) ? "is required" : i.message;
    return [{ field: at.join(".") || "(body)", issue }];
  });
}

export function validationError(error: z.ZodError, message = "Request body failed validation"): ApiError {
  return new ApiError("validation_failed", message, zodDetails(error));
}

/** Anything thrown that is not an ApiError is a bug or an outage: log it, answer generically. */
export function toErrorResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) return errorResponse(err);
  if (err instanceof z.ZodError) return errorResponse(validationError(err));
  logger.error({ err }, "unhandled error");
  return errorResponse(
    new ApiError("internal_error", "Something went wrong on our side; the request was not applied."),
  );
}
