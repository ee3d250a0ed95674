// Consumer rights: the public opt-out, the admin queue, deletion-request imports,
// retention, and per-lead consent evidence.
import { z } from "zod";
import type { ErrorCode } from "../../api/errors";
import type { OperationSpec } from "../builder";
import { KEY_OR_SESSION, curlGet, errors, idParam } from "../common";
import {
  ConsentEvidence,
  DeletionReport,
  DeletionReportList,
  OptOutQueue,
  OptOutReceipt,
  RetentionRun,
  RetentionSettingsView,
} from "../responses";
import { AdminOptOutBody, OptOutBody, OptOutListQuery } from "../../validation/consumer";
import { RetentionSettings } from "../../consumer/retention";

const TAG = "Consumer rights";
const limited: [number, ErrorCode, string, string] = [
  429,
  "rate_limited",
  "Too many requests from your address; try again later",
  "Too many requests from this address (5 an hour by default); see Retry-After",
];

export const consumerOperations: OperationSpec[] = [
  {
    method: "post",
    path: "/api/consumer/opt-out",
    operationId: "consumerOptOut",
    tag: TAG,
    summary: "Opt out: stop contacting me, or delete my data (no login)",
    description:
      "The consumer's phone and/or email go on the suppression list (new leads are rejected as suppressed_consumer), their leads are marked consent-revoked and every buyer that bought one in the look-back window receives a signed consent.revoked webhook; delete also erases their data and sends consumer.deleted. The answer is the same whether or not we hold data about the person.",
    roles: [],
    security: [],
    body: { schema: OptOutBody, example: { phone: "(650) 776-9592", request: "stop_contact" } },
    responses: { 202: { description: "Received", schema: OptOutReceipt }, ...errors(400, limited) },
    curl: `curl -X POST http://localhost:3000/api/consumer/opt-out -H 'content-type: application/json' -d '{"phone":"6507769592","request":"stop_contact"}'`,
  },
  {
    method: "get",
    path: "/api/admin/opt-outs",
    operationId: "listOptOuts",
    tag: TAG,
    summary: "The opt-out queue and how each request was honoured",
    roles: ["admin"],
    security: ["session"],
    query: OptOutListQuery,
    responses: {
      200: { description: "Requests, newest first, with each buyer notice's delivery status", schema: OptOutQueue },
      ...errors(400, 401, 403),
    },
    curl: curlGet("/api/admin/opt-outs", "-b cookies.txt"),
  },
  {
    method: "post",
    path: "/api/admin/opt-outs",
    operationId: "addOptOut",
    tag: TAG,
    summary: "Enter an opt-out received by phone or mail",
    roles: ["admin"],
    security: ["session"],
    body: { schema: AdminOptOutBody, example: { phone: "6507769592", request: "delete", note: "Called on 1 Dec" } },
    responses: { 202: { description: "Honoured", schema: OptOutReceipt }, ...errors(400, 401, 403) },
  },
  {
    method: "post",
    path: "/api/admin/deletion-requests/import",
    operationId: "importDeletionRequests",
    tag: TAG,
    summary: "Import a deletion-request file (Delete Act / DROP, CCPA)",
    description:
      "text/plain, one identifier a line: a plain email or US phone, or the SHA-256 hex of the normalised email (trimmed, lower case) or phone (10 digits, no country code). Streamed: files of 100k+ lines are fine. Every identifier is suppressed; each matched consumer's leads are erased in one transaction (ids, money, vertical, state, status and timestamps kept) and their buyers get consumer.deleted. Bad lines are reported by number and the rest processed. The report is kept.",
    roles: ["admin"],
    security: ["session"],
    body: {
      schema: z.string().describe("One identifier a line"),
      contentType: "text/plain",
      example: "johndoe@example.com\n6507769592\n3f0b7c…(64 hex)\n",
    },
    responses: {
      200: { description: "The import's report", schema: DeletionReport },
      ...errors(400, 401, 403, [
        415,
        "unsupported_media_type",
        "Send the identifiers as text/plain, one a line",
        "Not text/plain",
      ]),
    },
    curl: `curl -X POST http://localhost:3000/api/admin/deletion-requests/import -b cookies.txt -H 'content-type: text/plain' --data-binary @drop-file.txt`,
  },
  {
    method: "get",
    path: "/api/admin/deletion-requests",
    operationId: "listDeletionImports",
    tag: TAG,
    summary: "Reports of past deletion imports",
    roles: ["admin"],
    security: ["session"],
    responses: { 200: { description: "Newest first", schema: DeletionReportList }, ...errors(401, 403) },
  },
  {
    method: "get",
    path: "/api/admin/retention",
    operationId: "getRetention",
    tag: TAG,
    summary: "Retention periods",
    roles: ["admin"],
    security: ["session"],
    responses: { 200: { description: "The periods in force", schema: RetentionSettingsView }, ...errors(401, 403) },
  },
  {
    method: "put",
    path: "/api/admin/retention",
    operationId: "setRetention",
    tag: TAG,
    summary: "Set the retention periods",
    roles: ["admin"],
    security: ["session"],
    body: { schema: RetentionSettings, example: { soldDays: 1095, unsoldDays: 90, consentDays: 1826 } },
    responses: { 200: { description: "Saved", schema: RetentionSettingsView }, ...errors(400, 401, 403) },
  },
  {
    method: "post",
    path: "/api/admin/retention/run",
    operationId: "runRetention",
    tag: TAG,
    summary: "Run the retention job now",
    description:
      "It also runs on a schedule in every delivery worker (RETENTION_INTERVAL_SECONDS), in batches claimed FOR UPDATE SKIP LOCKED.",
    roles: ["admin"],
    security: ["session"],
    responses: { 200: { description: "What it erased", schema: RetentionRun }, ...errors(401, 403) },
  },
  {
    method: "get",
    path: "/api/leads/{id}/consent",
    operationId: "getConsentEvidence",
    tag: TAG,
    summary: "A lead's consent evidence",
    description:
      "Consent text, timestamp, IP, TrustedForm certificate and claim result, kept 5 years by default even after other fields are erased. Admins and the buyer who bought the lead.",
    roles: ["buyer", "admin"],
    security: KEY_OR_SESSION,
    pathParams: [idParam("lead")],
    responses: { 200: { description: "The evidence", schema: ConsentEvidence }, ...errors(401, 404) },
  },
];
