// Small server components that render parts of the OpenAPI document: inline markdown
// (`code` and **bold** only), JSON Schema field tables, code blocks and method badges.
import type { ReactNode } from "react";
import type { Json } from "@/lib/openapi/json";

/** The two markdown features the document's descriptions use: `code` and **bold**. Paragraphs split on blank lines. */
export function Md({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n\n+/).map((para, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text rendered once on the server; they never move
        <p key={i} className="mt-2 text-sm leading-6 text-slate-600">
          {inline(para)}
        </p>
      ))}
    </>
  );
}

export function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text rendered once on the server; they never move
        <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8em] text-slate-800">
          {part.slice(1, -1)}
        </code>
      );
    }
    if (part.startsWith("**") && part.endsWith("**"))
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text rendered once on the server; they never move
        <strong key={i} className="font-semibold text-slate-800">
          {part.slice(2, -2)}
        </strong>
      );
    return part;
  });
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  post: "bg-brand-50 text-brand-700 ring-brand-600/20",
  patch: "bg-amber-50 text-amber-700 ring-amber-600/20",
  put: "bg-amber-50 text-amber-700 ring-amber-600/20",
  delete: "bg-red-50 text-red-700 ring-red-600/20",
};

export function MethodBadge({ method, small }: { method: string; small?: boolean }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center justify-center rounded font-mono font-semibold uppercase ring-1 ring-inset ${
        small ? "w-12 px-1 py-0 text-[10px]" : "px-2 py-0.5 text-xs"
      } ${METHOD_STYLE[method] ?? "bg-slate-100 text-slate-700 ring-slate-600/20"}`}
    >
      {method}
    </span>
  );
}

export function Code({ children, label }: { children: string; label?: string }) {
  return (
    <div className="mt-3 overflow-hidden rounded-lg border border-slate-800 bg-slate-900">
      {label && (
        <div className="border-b border-slate-700/60 px-4 py-1.5 text-[11px] font-medium uppercase tracking-wide text-slate-400">
          {label}
        </div>
      )}
      <pre className="overflow-x-auto p-4 text-[12.5px] leading-5 text-slate-100">
        <code>{children}</code>
      </pre>
    </div>
  );
}

export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return <Code label={label}>{typeof value === "string" ? value : JSON.stringify(value, null, 2)}</Code>;
}

/** A short type label for a JSON Schema: string, integer | null, "sold" | "unsold", Campaign[]. */
export function typeLabel(s: Json | undefined, doc: Json): string {
  if (!s) return "any";
  if (s.$ref) return refName(s.$ref);
  if (s.enum) return s.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf || s.oneOf)
    return [...new Set<string>((s.anyOf ?? s.oneOf).map((x: Json) => typeLabel(x, doc)))].join(" | ");
  if (s.type === "array") return `${typeLabel(s.items, doc)}[]`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "object" && !s.properties) return "object";
  if (s.format && s.type === "string" && ["uuid", "date-time", "email", "uri"].includes(s.format))
    return `string (${s.format})`;
  return s.type ?? "any";
}

/** "#/components/schemas/Campaign" → "Campaign". */
export function refName(ref: unknown): string {
  const s = String(ref);
  return s.slice(s.lastIndexOf("/") + 1);
}

export function deref(s: Json | undefined, doc: Json): Json | undefined {
  if (!s?.$ref) return s;
  return deref(doc.components.schemas[refName(s.$ref)], doc);
}

/** The object schema behind a schema (through $ref and arrays), for a field table. */
function objectOf(s: Json | undefined, doc: Json): { schema?: Json; array: boolean } {
  const d = deref(s, doc);
  if (d?.type === "array") return { schema: deref(d.items, doc), array: true };
  return { schema: d, array: false };
}

function constraints(s: Json): string[] {
  const out: string[] = [];
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  if (s.minLength !== undefined && s.minLength > 0) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} items`);
  return out;
}

export function FieldTable({
  schema,
  doc,
  title,
  depth = 0,
}: {
  schema: Json | undefined;
  doc: Json;
  title?: string;
  depth?: number;
}) {
  const { schema: obj, array } = objectOf(schema, doc);
  if (!obj?.properties) {
    if (!obj) return null;
    const alternatives = (obj.anyOf ?? obj.oneOf) as Json[] | undefined;
    if (alternatives) {
      return (
        <>
          {alternatives.map((alt, i) => (
            <FieldTable
              // biome-ignore lint/suspicious/noArrayIndexKey: a schema's alternatives, in the document's fixed order, rendered once on the server
              key={i}
              schema={alt}
              doc={doc}
              title={`${title ?? "Body"}: ${deref(alt, doc)?.description ?? `variant ${i + 1}`}`}
            />
          ))}
        </>
      );
    }
    return (
      <p className="mt-2 text-sm text-slate-600">
        {typeLabel(obj, doc)}
        {obj.description ? `: ${obj.description}` : ""}
      </p>
    );
  }
  const required = new Set<string>(obj.required ?? []);
  return (
    <div className={depth ? "mt-2" : "mt-3"}>
      {title && (
        <h5 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {title}
          {array ? " (array of)" : ""}
        </h5>
      )}
      <div className="mt-1.5 overflow-hidden rounded-lg border border-slate-200">
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {Object.entries<Json>(obj.properties).map(([name, p]) => (
              <tr key={name} className="align-top">
                <td className="w-1/3 px-3 py-2">
                  <code className="font-mono text-[13px] font-medium text-slate-900">{name}</code>
                  {required.has(name) && <span className="ml-1.5 text-[11px] font-medium text-red-600">required</span>}
                  <div className="mt-0.5 break-words font-mono text-[11px] text-slate-500">{typeLabel(p, doc)}</div>
                </td>
                <td className="px-3 py-2 text-slate-600">
                  {p.description ?? deref(p, doc)?.description ?? ""}
                  {constraints(p).length > 0 && (
                    <span className="ml-1 text-xs text-slate-400">({constraints(p).join(", ")})</span>
                  )}
                  {/* One level of nesting (geoTargets, details, data); deeper shapes are in openapi.json. */}
                  {depth === 0 && objectOf(p, doc).schema?.properties && <FieldTable schema={p} doc={doc} depth={1} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
