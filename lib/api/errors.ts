// The JSON API's one error contract:
//   { "error": { "code": "validation_failed", "message": "...", "details": [{ "field": "...", "issue": "..." }] } }
// Where a seed document fixes a different body (the compliance endpoint), that route builds its own.
import { NextResponse } from "next/server";
import { z } from "zod";
import type { AuditEntry } from "../audit";
import { logger } from "../log";

export const ERROR_STATUS = {
  invalid_json: 400,
  validation_failed: 400,
  unprocessable: 422,
  unauthorized: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_conflict: 409,
  duplicate_lead: 409,
  ping_expired: 410,
  ping_not_found: 404,
  ping_used: 409,
  ping_mismatch: 422,
  idempotency_key_mismatch: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // Returns (issue #5): a closed window or a monthly return cap is a business rule the
  // request cannot fix by retrying (422); a second return of the same sale is a conflict.
  return_window_expired: 422,
  return_limit_reached: 422,
  already_returned: 409,
  insufficient_funds: 402,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
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

export function errorBody(code: ErrorCode | string, message: string, details: ErrorDetail[] = []) {
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
