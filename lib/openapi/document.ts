// The OpenAPI 3.1 document: every operation of lib/openapi/operations/*, the response components
// of lib/openapi/responses.ts and the security schemes. Built once per process (it depends only
// on code) and served by GET /api/openapi.json and rendered by /docs.
import { buildPaths, inputSchema, type JsonSchema, type OperationSpec } from "./builder";

import { components, Health, OpenApiDocument } from "./responses";
import { authOperations } from "./operations/auth";
import { sellerOperations } from "./operations/seller";
import { buyerOperations } from "./operations/buyer";
import { deliveryOperations } from "./operations/delivery";
import { reportOperations } from "./operations/reports";
import { catalogOperations } from "./operations/catalog";
import { consumerOperations } from "./operations/consumer";
import { deliveryConfigSchema } from "../delivery/config";
import { z } from "zod";
import { errors } from "./common";

const systemOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    tag: "System",
    summary: "Health check",
    description: "Liveness plus database reachability; 503 when the database cannot be reached.",
    roles: [],
    security: [],
    responses: {
      200: { description: "Up", schema: Health, example: { status: "ok", database: "ok" } },
      503: {
        description: "Database unreachable",
        schema: Health,
        example: { status: "degraded", database: "unreachable" },
      },
    },
  },
  {
    method: "get",
    path: "/api/metrics",
    operationId: "metrics",
    tag: "System",
    summary: "Prometheus metrics of this instance",
    description:
      "Prometheus text exposition format (prom-client): HTTP latency by route template, pipeline outcomes and stage times, delivery attempts, queue depth and lag, pool use. Authenticate with `Authorization: Bearer <METRICS_TOKEN>` (the scraper) or an admin session. The README lists every metric and its labels.",
    roles: ["admin"],
    security: ["bearerKey", "session"],
    responses: {
      200: {
        description: "The exposition, `text/plain; version=0.0.4`",
        schema: z.string(),
        contentType: "text/plain; version=0.0.4",
      },
      ...errors(401, 403),
    },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapi",
    tag: "System",
    summary: "This document",
    roles: [],
    security: [],
    responses: { 200: { description: "The OpenAPI 3.1 document", schema: OpenApiDocument } },
  },
];

/** Tag order = sidebar order on /docs. */
export const TAGS: { name: string; description: string }[] = [
  { name: "Login & session", description: "Log in, log out, and who am I. See the Authentication guide for API keys." },
  { name: "API keys", description: "Create, list and revoke keys for integrations." },
  { name: "Lead submission (seller API)", description: "Ping, ingest and the lead compliance endpoint." },
  { name: "Leads (buyer API)", description: "The lead inbox, lead details and returns." },
  { name: "Campaigns", description: "Targeting, pricing, caps and delivery settings." },
  { name: "Transactions & billing", description: "The ledger and account balances." },
  { name: "Reports", description: "The supply/demand gap: why accepted leads went unsold, and the revenue left." },
  { name: "Deliveries", description: "How sold leads reach buyers, and replays." },
  { name: "Admin: accounts", description: "Buyer and seller accounts and their users." },
  {
    name: "Admin: verticals & intake lists",
    description: "What the marketplace trades and the sellers' lists, with their payout rules.",
  },
  { name: "Admin: compliance lists", description: "The local Do Not Call list and blacklist." },
  { name: "Consumer rights", description: "Opt-outs, deletion requests, retention and consent evidence." },
  { name: "System", description: "Health, Prometheus metrics and this document." },
];

export function allOperations(): OperationSpec[] {
  return [
    ...authOperations,
    ...sellerOperations,
    ...buyerOperations,
    ...deliveryOperations,
    ...reportOperations,
    ...catalogOperations,
    ...consumerOperations,
    ...systemOperations,
  ];
}

export const SECURITY_SCHEMES = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The session cookie set by POST /api/auth/login (12 hours; `__Secure-next-auth.session-token` on https deployments). Cookie-authenticated POST/PATCH/DELETE requests must carry an Origin (or Referer) of this site: browsers do that; scripts should use an API key instead.",
  },
  bearerKey: {
    type: "http",
    scheme: "bearer",
    description: "An API key (POST /api/api-keys) as `Authorization: Bearer <key>`.",
  },
  headerKey: {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description:
      "An API key as an `x-api-key` header (a `token` header works too, as the compliance endpoint's documentation words it).",
  },
  token: {
    type: "apiKey",
    in: "header",
    name: "token",
    description:
      "The compliance endpoint's style: the API key as a `token` field in the JSON or form body (also `Token`, `api_key`, `apiKey`), or as a `token` header. OpenAPI cannot declare a credential inside the body, so the header form stands for both here.",
  },
} as const;

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const ops = allOperations();
  const paths = buildPaths(ops, components);
  const schemas = { ...components.toComponents(), DeliveryConfig: inputSchema(deliveryConfigSchema) };
  cached = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Titan Lead Group API",
      version: "1.0.0",
      summary: "Submit leads, manage campaigns, track transactions, and automate your lead workflow.",
      description:
        'Integrate with the Titan Lead Group platform. Sellers ping and post leads (or use the lead compliance endpoint); buyers manage campaigns, receive, inspect and return leads, and follow their money. Errors use one body: `{ "error": { "code", "message", "details": [{ "field", "issue" }] } }` (the compliance endpoint answers in its own documented shape). Browsable reference: /docs.',
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "This server" }],
    tags: TAGS,
    paths,
    components: {
      schemas,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
  return cached;
}
