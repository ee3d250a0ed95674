// The seller API: ping, ingest, the lead compliance endpoint, and the admin
// suppression lists the compliance checks read.
import { z } from "zod";
import type { ErrorCode } from "../../api/errors";
import type { OperationSpec, ResponseSpec } from "../builder";
import {
  SELLER_AUTH,
  curlGet,
  curlJson,
  errors,
  idParam,
  idempotencyHeader,
  rateLimitHeaders,
  replayedHeader,
  retryAfterHeader,
} from "../common";
import { documented, SPEC_STATES, platformExamples, complianceExamples } from "../examples";
import {
  ComplianceFailure,
  ComplianceResponse,
  IngestResponse,
  PingResponse,
  Suppression,
  SuppressionImport,
  SuppressionList,
} from "../responses";
import { ingestBody, pingBody } from "../../validation/lead-submission";
import { createSuppressionBody, importSuppressionsQuery, listSuppressionsQuery } from "../../validation/suppressions";

/**
 * The compliance endpoint's documented request, field by field. The route itself reads the body through the
 * pipeline's normalizer (lib/pipeline/normalize.ts), which accepts every spelling listed here in
 * camelCase, snake_case or PascalCase; this schema is the reference for integrators.
 */
export const complianceBody = z
  .looseObject({
    firstName: z.string().describe("First name of the lead (also first_name, FirstName)"),
    lastName: z.string().describe("Last name of the lead (also last_name, LastName)"),
    email: z.string().describe("Valid email address"),
    phone: z.string().describe("Phone number, 10 digits, no punctuation"),
    zipCode: z.string().describe("5-digit ZIP code (also zip_code, ZipCode)"),
    trustedFormCertUrl: z.string().describe("TrustedForm certificate URL (mandatory for TCPA coverage)"),
    listId: z.string().describe("Your assigned list ID"),
    campaignId: z.string().describe("Your assigned campaign ID"),
    incomeBracket: z.string().describe('Income range, e.g. "$50,000-$75,000"'),
    state: z.string().describe(`Two-letter state code; only ${SPEC_STATES.join(", ")} are accepted`),
    homeownerStatus: z.string().describe('"Homeowner" or "Renter"'),
    ageRange: z.string().optional().describe('Age range, e.g. "35-44" (or send dob)'),
    dob: z.string().optional().describe('Full date of birth, e.g. "1985-06-15" (or send ageRange)'),
    address: z.string().optional().describe("Street address"),
    city: z.string().optional().describe("City name"),
    cadenceId: z.string().optional().describe("Optional cadence ID"),
    source: z.string().optional().describe("Lead source information"),
    customFields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Any additional data as a JSON object, e.g. {"utm_source": "facebook"}'),
    token: z.string().optional().describe("Your API key, if not sent as a header (also Token, api_key, apiKey)"),
    test: z.boolean().optional().describe("Run every check without selling anything"),
  })
  .describe("A lead in the compliance endpoint's format (the Top of Funnel / Juiced Media lead API)");

const complianceFailureExample = complianceExamples.failure;

/** The seller API's per-second request limit (a seller with a limit set; admins are not limited). */
const SELLER_429: [number, ErrorCode, string, string] = [
  429,
  "rate_limited",
  "Rate limit of 10 requests per second exceeded; retry after the window resets",
  "Over the seller's per-second request limit; see Retry-After",
];

/** The 429 carries the RateLimit-* headers besides Retry-After; a 409 idempotency_conflict carries Retry-After. */
function sellerLimited(responses: Record<number, ResponseSpec>): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {
    ...responses,
    429: { ...responses[429], headers: { ...retryAfterHeader, ...rateLimitHeaders } },
  };
  if (out[409]) out[409] = { ...out[409], headers: retryAfterHeader };
  return out;
}

export const sellerOperations: OperationSpec[] = [
  {
    method: "post",
    path: "/api/leads/ping",
    operationId: "pingLead",
    tag: "Lead submission (seller API)",
    summary: "Ping: get a price before committing a lead",
    description:
      "Send partial, non-identifying lead data to get a bid price. Post the full lead to /api/leads/ingest with the returned pingId within expiresInSeconds (120) to be paid the pinged price; `exclusive: true` on the ingest takes the exclusive price. Both prices are 0 with matchCount 0 when nothing matches.",
    roles: ["seller", "admin"],
    security: SELLER_AUTH,
    body: { schema: pingBody, example: platformExamples.pingRequest },
    responses: {
      200: {
        description: "The bid",
        schema: PingResponse,
        example: platformExamples.pingResponse,
        headers: rateLimitHeaders,
      },
      ...sellerLimited(errors(400, 401, 403, SELLER_429)),
    },
    curl: curlJson("POST", "/api/leads/ping", platformExamples.pingRequest),
  },
  {
    method: "post",
    path: "/api/leads/ingest",
    operationId: "ingestLead",
    tag: "Lead submission (seller API)",
    summary: "Ingest: submit a full lead",
    description:
      'The whole pipeline: normalize, validate, compliance checks, match buyer campaigns, route to the highest-scoring buyer, settle. A rejected lead answers `success: false, status: "rejected"` with every reason code (see Rejection reason codes); a valid lead nobody bought answers `status: "unsold"` with each campaign\'s reason. Rejected and unsold leads are stored too. Optional `pingId` posts against an earlier ping; `test: true` runs everything without selling.',
    roles: ["seller", "admin"],
    security: SELLER_AUTH,
    headers: [idempotencyHeader],
    body: { schema: ingestBody, example: platformExamples.ingestRequest },
    responses: {
      200: {
        description: "The outcome: sold, unsold or rejected (all 200: a rejected lead is an answer, not an error)",
        schema: IngestResponse,
        example: platformExamples.ingestResponse,
        headers: { ...replayedHeader, ...rateLimitHeaders },
      },
      ...sellerLimited(
        errors(
          400,
          401,
          403,
          [404, "ping_not_found", "No ping with this pingId", "Unknown pingId"],
          [
            409,
            "ping_used",
            "This ping was already used",
            "Ping already used, or an Idempotency-Key still in progress",
          ],
          [410, "ping_expired", "The ping expired; ping again", "Ping older than 120 seconds"],
          [
            422,
            "idempotency_key_mismatch",
            "This Idempotency-Key was used with a different request body",
            "Same Idempotency-Key, different body",
          ],
          SELLER_429,
        ),
      ),
    },
    curl: curlJson("POST", "/api/leads/ingest", platformExamples.ingestRequest).replace(
      "curl -sS",
      'curl -sS -H "Idempotency-Key: $(uuidgen)"',
    ),
  },
  {
    method: "post",
    path: "/api/leads",
    operationId: "submitComplianceLead",
    tag: "Lead submission (seller API)",
    summary: "Compliance endpoint: submit a lead in the lead API's format",
    description: [
      "Submit a lead in the compliance endpoint's documented format: every lead undergoes TCPA and DNC checks, phone validation, duplicate detection (30-day lookback), blacklist verification and state eligibility.",
      `Only leads from **${SPEC_STATES.join(", ")}** are accepted on the compliance list; any other state is rejected with the State Eligibility source.`,
      "Field names may be camelCase (`firstName`), snake_case (`first_name`) or PascalCase (`FirstName`): choose one convention and use it consistently. The API key may be sent as a `token` body field, a `token` header, `x-api-key`, or `Authorization: Bearer`.",
      "Every answer, including a bad token (401) or an unreadable body (400), uses the compliance response shape: `success: false` means the lead failed compliance; do not post it downstream.",
    ].join("\n\n"),
    roles: ["seller", "admin"],
    security: ["token", "bearerKey", "headerKey", "session"],
    headers: [idempotencyHeader],
    body: {
      schema: complianceBody,
      example: complianceExamples.testExample,
      description:
        "JSON, or application/x-www-form-urlencoded with the same field names (every value a string, so no customFields or test). The API key may be the `token` field.",
      alternatives: [
        {
          contentType: "application/x-www-form-urlencoded",
          schema: complianceBody.omit({ customFields: true, test: true }),
          example: complianceExamples.testExample,
        },
      ],
    },
    responses: {
      200: {
        description: "Accepted (`success: true`, bid > 0) or failed compliance (`success: false`, bid 0)",
        schema: ComplianceResponse,
        example: documented.complianceSuccess,
        headers: { ...replayedHeader, ...rateLimitHeaders },
      },
      400: {
        description: "Unreadable body (compliance failure shape, source Request)",
        schema: ComplianceFailure,
        example: complianceFailureExample,
      },
      403: {
        description:
          "Valid credentials of a buyer account, or a cookie-authenticated post from a foreign Origin (compliance failure shape, source Request)",
        schema: ComplianceFailure,
        example: {
          success: false,
          bid: 0,
          error: "Phone number failed compliance check with: Request",
          details: {
            failedSources: ["Request"],
            reasons: ["Lead submission is for seller accounts"],
            phoneNumber: "6507769592",
            codes: ["forbidden"],
          },
        },
      },
      409: {
        description: "An Idempotency-Key whose first request is still being processed (compliance failure shape)",
        schema: ComplianceFailure,
        headers: retryAfterHeader,
      },
      429: {
        description:
          "Over the seller's per-second request limit (compliance failure shape, source Rate Limit); see Retry-After",
        schema: ComplianceFailure,
        headers: { ...retryAfterHeader, ...rateLimitHeaders },
      },
      422: {
        description: "An Idempotency-Key reused with a different body (compliance failure shape)",
        schema: ComplianceFailure,
      },
      401: {
        description: "Missing or invalid token (compliance failure shape, source Authentication)",
        schema: ComplianceFailure,
        example: {
          success: false,
          bid: 0,
          error: "Phone number failed compliance check with: Authentication",
          details: {
            failedSources: ["Authentication"],
            reasons: ["Invalid or missing token"],
            phoneNumber: "6507769592",
            codes: ["unauthorized"],
          },
        },
      },
    },
    curl: curlJson("POST", "/api/leads", complianceExamples.testExample, null),
  },
  {
    method: "get",
    path: "/api/admin/suppressions",
    operationId: "listSuppressions",
    tag: "Admin: compliance lists",
    summary: "List DNC and blacklist entries",
    roles: ["admin"],
    security: ["session"],
    query: listSuppressionsQuery,
    responses: { 200: { description: "Entries", schema: SuppressionList }, ...errors(400, 401, 403) },
    curl: curlGet("/api/admin/suppressions?kind=dnc", "-b cookies.txt"),
  },
  {
    method: "post",
    path: "/api/admin/suppressions",
    operationId: "addSuppression",
    tag: "Admin: compliance lists",
    summary: "Add one DNC or blacklist entry",
    roles: ["admin"],
    security: ["session"],
    body: {
      schema: createSuppressionBody,
      example: { kind: "dnc", type: "phone", value: "6507769592", reason: "Consumer asked not to be called" },
    },
    responses: { 201: { description: "The entry", schema: Suppression }, ...errors(400, 401, 403) },
  },
  {
    method: "delete",
    path: "/api/admin/suppressions/{id}",
    operationId: "removeSuppression",
    tag: "Admin: compliance lists",
    summary: "Remove an entry",
    roles: ["admin"],
    security: ["session"],
    pathParams: [idParam("entry", 1)],
    responses: { 204: { description: "Removed" }, ...errors(401, 403, 404) },
  },
  {
    method: "post",
    path: "/api/admin/suppressions/import",
    operationId: "importSuppressions",
    tag: "Admin: compliance lists",
    summary: "Import entries from CSV",
    description: 'One value per line (a header line is skipped). Send text/csv, or JSON `{ "csv": "..." }`.',
    roles: ["admin"],
    security: ["session"],
    query: importSuppressionsQuery,
    body: {
      schema: z.string().describe("CSV text"),
      contentType: "text/csv",
      example: "phone\n6507769592\n3105550123\n",
      description: 'CSV text (any media type other than JSON is read as CSV), or JSON `{ "csv": "..." }`',
      alternatives: [
        {
          contentType: "application/json",
          schema: z.strictObject({ csv: z.string().describe("The CSV text") }),
          example: { csv: "phone\n6507769592\n3105550123\n" },
        },
      ],
    },
    responses: { 200: { description: "What was imported", schema: SuppressionImport }, ...errors(400, 401, 403) },
  },
];
