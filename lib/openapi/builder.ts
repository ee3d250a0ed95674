// Turns zod schemas into an OpenAPI 3.1 document. OpenAPI 3.1 schema objects ARE JSON Schema
// 2020-12, which zod 4 emits natively (z.toJSONSchema), so no generator dependency is needed:
//   - request bodies and query strings are converted in "input" mode (what a client may send:
//     before transforms and defaults), response bodies in "output" mode (what we answer);
//   - response schemas are named components (see lib/openapi/responses.ts) and referenced by $ref;
//   - .describe() texts come along as `description`.
import { z } from "zod";

export type JsonSchema = Record<string, unknown>;
export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

/** How an operation authenticates; keys of components.securitySchemes (see document.ts). */
export type SecurityName = "session" | "bearerKey" | "headerKey" | "token";

export type ResponseSpec = {
  description: string;
  /** A schema registered in the component registry (referenced by $ref), or any zod schema (inlined). */
  schema?: z.ZodType;
  example?: unknown;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  contentType?: string;
  /** The same response in other media types (a listing's text/csv export). */
  alternatives?: { contentType: string; schema: z.ZodType; example?: unknown }[];
};

export type ParamSpec = { name: string; description: string; schema: z.ZodType; example?: unknown };

export type OperationSpec = {
  method: HttpMethod;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Roles allowed; shown in the description and on the /docs page. Empty: no login needed. */
  roles: ("admin" | "buyer" | "seller")[];
  security: SecurityName[];
  pathParams?: ParamSpec[];
  query?: z.ZodType;
  headers?: ParamSpec[];
  body?: {
    schema: z.ZodType;
    example?: unknown;
    examples?: Record<string, { summary: string; value: unknown }>;
    contentType?: string;
    description?: string;
  };
  responses: Record<number, ResponseSpec>;
  /** Copy-paste shell example for the /docs page. */
  curl?: string;
  /** Documented from the issue/seed contract because the route had not landed (see the contract test). */
  pending?: string;
};

const JSON_SCHEMA_OPTS = { target: "draft-2020-12", unrepresentable: "any" } as const;

/** zod's safe-integer bounds on every int say nothing to a reader: drop them. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$schema" || k === "$id") continue;
    if ((k === "minimum" && v === Number.MIN_SAFE_INTEGER) || (k === "maximum" && v === Number.MAX_SAFE_INTEGER))
      continue;
    out[k] = tidy(v);
  }
  return out;
}

export function inputSchema(schema: z.ZodType): JsonSchema {
  return tidy(z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTS, io: "input" })) as JsonSchema;
}

export function outputSchema(schema: z.ZodType): JsonSchema {
  return tidy(z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTS, io: "output" })) as JsonSchema;
}

/** Named response schemas: each becomes components.schemas[id], shared ones referenced by $ref. */
export class ComponentRegistry {
  readonly registry = z.registry<{ id: string }>();
  private readonly ids = new Map<z.ZodType, string>();

  add<T extends z.ZodType>(id: string, schema: T): T {
    this.registry.add(schema, { id });
    this.ids.set(schema, id);
    return schema;
  }

  idOf(schema: z.ZodType): string | undefined {
    return this.ids.get(schema);
  }

  toComponents(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, {
      ...JSON_SCHEMA_OPTS,
      io: "output",
      uri: (id) => `#/components/schemas/${id}`,
    }) as { schemas: Record<string, JsonSchema> };
    const out: Record<string, JsonSchema> = {};
    for (const [id, s] of Object.entries(schemas)) out[id] = tidy(s) as JsonSchema;
    return out;
  }

  ref(schema: z.ZodType): JsonSchema {
    const id = this.idOf(schema);
    return id ? { $ref: `#/components/schemas/${id}` } : outputSchema(schema);
  }
}

/** A zod object's fields → OpenAPI parameters (query strings are flat objects of strings). */
export function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as JsonSchema & { description?: string };
    return { name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function roleText(roles: OperationSpec["roles"]): string {
  return roles.length ? `**Who may call it:** ${roles.join(", ")}.` : "**No login needed.**";
}

export function buildOperation(op: OperationSpec, components: ComponentRegistry): JsonSchema {
  const parameters: JsonSchema[] = [
    ...(op.pathParams ?? []).map((p) => ({
      name: p.name,
      in: "path",
      required: true,
      description: p.description,
      schema: inputSchema(p.schema),
      ...(p.example !== undefined ? { example: p.example } : {}),
    })),
    ...(op.query ? queryParameters(op.query) : []),
    ...(op.headers ?? []).map((h) => ({
      name: h.name,
      in: "header",
      required: false,
      description: h.description,
      schema: inputSchema(h.schema),
      ...(h.example !== undefined ? { example: h.example } : {}),
    })),
  ];
  const responses: Record<string, JsonSchema> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.schema
        ? {
            content: {
              [r.contentType ?? "application/json"]: {
                schema: components.ref(r.schema),
                ...(r.example !== undefined ? { example: r.example } : {}),
              },
              ...Object.fromEntries(
                (r.alternatives ?? []).map((a) => [
                  a.contentType,
                  { schema: components.ref(a.schema), ...(a.example !== undefined ? { example: a.example } : {}) },
                ]),
              ),
            },
          }
        : {}),
    };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, roleText(op.roles)].filter(Boolean).join("\n\n"),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: {
              [op.body.contentType ?? "application/json"]: {
                schema: inputSchema(op.body.schema),
                ...(op.body.example !== undefined ? { example: op.body.example } : {}),
                ...(op.body.examples ? { examples: op.body.examples } : {}),
              },
            },
          },
        }
      : {}),
    responses,
    security: op.security.length ? op.security.map((s) => ({ [s]: [] })) : [],
    // Redoc's convention for copy-paste examples; /docs renders them too.
    ...(op.curl ? { "x-codeSamples": [{ lang: "shell", label: "curl", source: op.curl }] } : {}),
    ...(op.pending ? { "x-pending": op.pending } : {}),
  };
}

export function buildPaths(
  ops: OperationSpec[],
  components: ComponentRegistry,
): Record<string, Record<string, JsonSchema>> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of ops) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} is documented twice`);
    item[op.method] = buildOperation(op, components);
  }
  return paths;
}
