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
  /** An example that depends on the operation (a 400 differs for a body and a query string). */
  exampleFor?: (op: OperationSpec) => unknown;
  headers?: Record<string, HeaderSpec>;
  contentType?: string;
  /** The same response in other media types (a listing's text/csv export). */
  alternatives?: { contentType: string; schema: z.ZodType; example?: unknown }[];
};

export type ParamSpec = { name: string; description: string; schema: z.ZodType; example?: unknown };

/** A response or response header, as OpenAPI writes it. */
export type HeaderSpec = { description: string; schema: JsonSchema };

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
    /** One example, or several named ones: OpenAPI 3.1 forbids both on one media type. */
    example?: unknown;
    examples?: Record<string, { summary: string; value: unknown }>;
    contentType?: string;
    /** The same body in other media types the route accepts (a flat form post, CSV text). */
    alternatives?: { contentType: string; schema?: z.ZodType; example?: unknown }[];
    description?: string;
  };
  responses: Record<number, ResponseSpec>;
  /** Copy-paste shell example for the /docs page. */
  curl?: string;
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

/** The fields of a query schema (a z.object, possibly refined). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const def = (schema as unknown as { def: { shape?: Record<string, z.ZodType>; in?: z.ZodType } }).def;
  if (def.shape) return def.shape;
  return def.in ? shapeOf(def.in) : {};
}

/**
 * A query string carries text, but a field the server parses into an integer ("5" → 5) is an
 * integer to a client. Its bounds are read off the field's own parser (the one the route runs), by
 * asking it which digit strings it accepts, so the document cannot drift from what is refused.
 */
export function queryIntegerBounds(field: z.ZodType): { minimum: number; maximum?: number } | null {
  const accepts = (n: number) => {
    const r = field.safeParse(String(n));
    return r.success && typeof r.data === "number";
  };
  const minimum = accepts(0) ? 0 : accepts(1) ? 1 : null;
  if (minimum === null) return null;
  if (accepts(Number.MAX_SAFE_INTEGER)) return { minimum };
  let lo = minimum; // accepted
  let hi = Number.MAX_SAFE_INTEGER; // refused
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (accepts(mid)) lo = mid;
    else hi = mid;
  }
  return { minimum, maximum: lo };
}

/** A zod object's fields → OpenAPI parameters. */
export function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  const shape = shapeOf(schema);
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as JsonSchema & { description?: string };
    const bounds = rest.type === "string" && shape[name] ? queryIntegerBounds(shape[name]) : null;
    const typed = bounds
      ? { type: "integer", ...bounds, ...("default" in rest ? { default: rest.default } : {}) }
      : rest;
    return { name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: typed };
  });
}

function roleText(roles: OperationSpec["roles"]): string {
  return roles.length ? `**Who may call it:** ${roles.join(", ")}.` : "**No login needed.**";
}

export function buildOperation(op: OperationSpec, components: ComponentRegistry): JsonSchema {
  const bodySchema = op.body?.schema ?? z.never();
  if (op.body?.example !== undefined && op.body.examples)
    throw new Error(`OpenAPI: ${op.operationId}'s request body has both example and examples (OpenAPI 3.1 allows one)`);
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
    const example = r.example ?? r.exampleFor?.(op);
    responses[status] = {
      description: r.description,
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.schema
        ? {
            content: {
              [r.contentType ?? "application/json"]: {
                schema: components.ref(r.schema),
                ...(example !== undefined ? { example } : {}),
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
              ...Object.fromEntries(
                (op.body.alternatives ?? []).map((a) => [
                  a.contentType,
                  {
                    schema: inputSchema(a.schema ?? bodySchema),
                    ...(a.example !== undefined ? { example: a.example } : {}),
                  },
                ]),
              ),
            },
          },
        }
      : {}),
    responses,
    security: op.security.length ? op.security.map((s) => ({ [s]: [] })) : [],
    // Redoc's convention for copy-paste examples; /docs renders them too.
    ...(op.curl ? { "x-codeSamples": [{ lang: "shell", label: "curl", source: op.curl }] } : {}),
  };
}

export function buildPaths(
  ops: OperationSpec[],
  components: ComponentRegistry,
): Record<string, Record<string, JsonSchema>> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of ops) {
    paths[op.path] ??= {};
    const item = paths[op.path];
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} is documented twice`);
    item[op.method] = buildOperation(op, components);
  }
  return paths;
}
