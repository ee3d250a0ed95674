// /docs: the API reference, rendered on the server from the same OpenAPI document that
// GET /api/openapi.json serves. No login, no client JavaScript, no CDN or external fonts.
import type { Metadata } from "next";
import Link from "next/link";
import { ERRORS } from "@/lib/api/errors";
import { openApiDocument, TAGS } from "@/lib/openapi/document";
import { BASE_URL, curlJson } from "@/lib/openapi/common";
import {
  documented,
  SPEC_STATES,
  platformExamples,
  platformRejectionCodes,
  complianceExamples,
} from "@/lib/openapi/examples";
import { REJECTION_SOURCES, UNSOLD_REASONS } from "@/lib/pipeline/reasons";
import { Code, FieldTable, JsonBlock, Md, MethodBadge, inline, slug, typeLabel } from "./render";
import type { Json } from "@/lib/openapi/json";
import { Logo } from "@/components/logo";

export const metadata: Metadata = {
  title: "API documentation",
  description: "Titan Lead Group API reference: authentication, lead submission, campaigns, returns and transactions.",
};

type Op = { method: string; path: string; op: Json };

const GUIDES = [
  ["introduction", "Introduction"],
  ["authentication", "Authentication"],
  ["errors", "Errors"],
  ["quickstart", "Quickstart: curl"],
  ["rejection-codes", "Rejection reason codes"],
  ["compliance-endpoint", "Compliance endpoint"],
] as const;

function operationsByTag(doc: Json): Map<string, Op[]> {
  const byTag = new Map<string, Op[]>(TAGS.map((t) => [t.name, []]));
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) byTag.get(op.tags[0])?.push({ method, path, op });
  }
  return byTag;
}

const anchor = (o: Op) => `op-${slug(o.op.operationId)}`;

export default function DocsPage() {
  const doc = openApiDocument() as Json;
  const byTag = operationsByTag(doc);
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <Link href="/" className="flex shrink-0 items-center gap-2 whitespace-nowrap">
            <Logo className="h-7 w-7" />
            <span className="font-semibold tracking-tight">Titan Lead Group</span>
          </Link>
          <span className="hidden text-slate-300 sm:inline">/</span>
          <span className="hidden text-sm font-medium text-slate-600 sm:inline">API documentation</span>
          <nav className="ml-auto flex shrink-0 items-center gap-1 text-sm sm:gap-2">
            <a
              href="/api/openapi.json"
              className="hidden rounded-md px-3 py-1.5 font-medium text-slate-600 hover:bg-slate-100 sm:inline"
            >
              openapi.json
            </a>
            <Link
              href="/login"
              className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700"
            >
              Sign in
            </Link>
          </nav>
        </div>
      </header>

      <div className="mx-auto flex max-w-7xl gap-10 px-4 sm:px-6">
        <aside
          className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-64 shrink-0 overflow-y-auto py-8 pr-2 lg:block"
          aria-label="Operations"
        >
          <SidebarHeading>Guides</SidebarHeading>
          <ul className="mb-6 space-y-0.5">
            {GUIDES.map(([id, label]) => (
              <li key={id}>
                <a
                  href={`#${id}`}
                  className="block rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                >
                  {label}
                </a>
              </li>
            ))}
          </ul>
          {[...byTag].map(([tag, ops]) =>
            ops.length ? (
              <div key={tag} className="mb-5">
                <SidebarHeading>
                  <a href={`#tag-${slug(tag)}`}>{tag}</a>
                </SidebarHeading>
                <ul className="space-y-0.5">
                  {ops.map((o) => (
                    <li key={anchor(o)}>
                      <a
                        href={`#${anchor(o)}`}
                        className="flex items-center gap-2 rounded px-2 py-1 text-[13px] text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                      >
                        <MethodBadge method={o.method} small />
                        <span className="truncate">{o.op.summary}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </aside>

        <main className="min-w-0 max-w-4xl flex-1 py-10">
          <Introduction doc={doc} />
          <Authentication />
          <Errors />
          <Quickstart />
          <RejectionCodes />
          <ComplianceEndpoint />
          {[...byTag].map(([tag, ops]) =>
            ops.length ? (
              <section key={tag} id={`tag-${slug(tag)}`} className="scroll-mt-20 border-t border-slate-200 pt-10 mt-12">
                <h2 className="text-2xl font-bold tracking-tight text-slate-900">{tag}</h2>
                <p className="mt-1 text-slate-600">{TAGS.find((t) => t.name === tag)?.description}</p>
                {ops.map((o) => (
                  <Operation key={anchor(o)} o={o} doc={doc} />
                ))}
              </section>
            ) : null,
          )}
        </main>
      </div>
    </div>
  );
}

function SidebarHeading({ children }: { children: React.ReactNode }) {
  return <div className="mb-1 px-2 text-[11px] font-semibold uppercase tracking-wider text-slate-400">{children}</div>;
}

function Guide({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} className="mt-12 scroll-mt-20 first:mt-0">
      <h2 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function P({ children }: { children: React.ReactNode }) {
  return <p className="mt-3 text-[15px] leading-7 text-slate-600">{children}</p>;
}

function Table({ head, rows }: { head: string[]; rows: React.ReactNode[][] }) {
  return (
    <div className="mt-4 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h} className="px-4 py-2 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a static table rendered once on the server; rows never move
            <tr key={i} className="align-top">
              {r.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the header
                <td key={j} className="px-4 py-2 text-slate-700">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const mono = (s: string) => <code className="font-mono text-[13px] text-slate-900">{s}</code>;

function Introduction({ doc }: { doc: Json }) {
  return (
    <section id="introduction" className="scroll-mt-20">
      <p className="text-sm font-semibold text-brand-600">API reference · v{doc.info.version}</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight text-slate-900">API Documentation</h1>
      <p className="mt-4 text-lg text-slate-600">
        Integrate with the Titan Lead Group platform. Submit leads, manage campaigns, track transactions, and automate
        your lead workflow.
      </p>
      <div className="mt-6 grid gap-4 sm:grid-cols-3">
        {[
          ["JSON everywhere", "Requests and responses are JSON (the compliance endpoint also takes form posts)."],
          [
            "Money is exact",
            'Amounts are decimal strings ("55.00"); the seller API\'s bids are numbers as documented.',
          ],
          ["Machine-readable", "Every endpoint below is in /api/openapi.json (OpenAPI 3.1) for client generators."],
        ].map(([t, d]) => (
          <div key={t} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="text-sm font-semibold text-slate-900">{t}</div>
            <div className="mt-1 text-sm text-slate-600">{d}</div>
          </div>
        ))}
      </div>
    </section>
  );
}

function Authentication() {
  return (
    <Guide id="authentication" title="Authentication">
      <P>
        Every endpoint except login, health and this reference needs a caller. People use a <strong>session</strong>
        {"; "}programs use an <strong>API key</strong>.
      </P>
      <h3 className="mt-6 font-semibold text-slate-900">Session (dashboards, quick tests)</h3>
      <P>
        Log in via {mono("POST /api/auth/login")} with your credentials to establish a session cookie (12 hours). With a
        session, POST/PATCH/DELETE requests must come from this site: browsers send the {mono("Origin")} header
        themselves; from a script, add it, or better, use an API key.
      </P>
      <Code label="Log in, keep the cookie">{`curl -sS -c cookies.txt -X POST ${BASE_URL}/api/auth/login \\
  -H "Content-Type: application/json" \\
  -d '${JSON.stringify(platformExamples.loginRequest)}'`}</Code>
      <JsonBlock label="Response" value={documented.loginResponse} />
      <h3 className="mt-6 font-semibold text-slate-900">API keys (integrations)</h3>
      <P>
        Buyers and sellers create keys in their dashboard or with {mono("POST /api/api-keys")}; the secret is shown
        once. Send the key in any one of these ways:
      </P>
      <Table
        head={["Where", "Example", "Typical use"]}
        rows={[
          ["Authorization header", mono("Authorization: Bearer <key>"), "Any endpoint"],
          ["x-api-key header", mono("x-api-key: <key>"), "Any endpoint"],
          ["token header", mono("token: <key>"), "Compliance endpoint integrations"],
          [
            <>{mono("token")} body field</>,
            mono('{ ..., "token": "<key>" }'),
            <>
              Lead submission (also {mono("Token")}, {mono("api_key")}, {mono("apiKey")})
            </>,
          ],
        ]}
      />
      <P>A revoked key fails on the very next request. A bad key answers 401.</P>
      <h3 className="mt-6 font-semibold text-slate-900">Who may touch what</h3>
      <Table
        head={["Role", "May"]}
        rows={[
          ["admin", "Everything, for any account."],
          [
            "buyer",
            <>
              Its own campaigns, leads, returns, transactions, deliveries and keys. A {mono("?buyerId=")} that is not
              its own → 403; another account&apos;s object by id → 404.
            </>,
          ],
          ["seller", "Ping, ingest and compliance submission; its own submissions, transactions and keys."],
        ]}
      />
    </Guide>
  );
}

function Errors() {
  return (
    <Guide id="errors" title="Errors">
      <P>Every error of the platform API has one shape; each wrong field is named in {mono("details")}:</P>
      <JsonBlock
        value={{
          error: {
            code: "validation_failed",
            message: "Request body failed validation",
            details: [{ field: "geoTargets.states.0", issue: '"XX" is not a US state code' }],
          },
        }}
      />
      <Table
        head={["Status", "Code", "Meaning"]}
        rows={Object.entries(ERRORS).map(([code, e]) => [String(e.status), mono(code), e.meaning])}
      />
      <P>
        The compliance endpoint {mono("POST /api/leads")} answers in its own documented shape instead, errors included (
        {mono("success: false")}, {mono("bid: 0")}).
      </P>
    </Guide>
  );
}

function Quickstart() {
  const key = '-H "Authorization: Bearer $TITAN_API_KEY"';
  return (
    <Guide id="quickstart" title="Quickstart: curl">
      <P>
        Set {mono("TITAN_API_KEY")} to a seller key for the first three, a buyer key for the rest. Replace{" "}
        {mono(BASE_URL)} with your server.
      </P>
      <h3 className="mt-6 font-semibold text-slate-900">1. Ping for a price</h3>
      <Code label="Seller">{curlJson("POST", "/api/leads/ping", platformExamples.pingRequest, key)}</Code>
      <JsonBlock label="Response" value={platformExamples.pingResponse} />
      <h3 className="mt-6 font-semibold text-slate-900">2. Ingest the full lead</h3>
      <P>
        Add {mono('"pingId"')} from step 1 to be paid the pinged price. An {mono("Idempotency-Key")} header makes
        retries safe.
      </P>
      <Code label="Seller">
        {curlJson("POST", "/api/leads/ingest", platformExamples.ingestRequest, key).replace(
          "curl -sS",
          'curl -sS -H "Idempotency-Key: $(uuidgen)"',
        )}
      </Code>
      <JsonBlock label="Response" value={platformExamples.ingestResponse} />
      <h3 className="mt-6 font-semibold text-slate-900">3. Post to the compliance endpoint</h3>
      <Code label="Seller: the token travels in the body">
        {curlJson("POST", "/api/leads", complianceExamples.testExample, null)}
      </Code>
      <JsonBlock label="Response" value={documented.complianceSuccess} />
      <h3 className="mt-6 font-semibold text-slate-900">4. Return a bad lead</h3>
      <Code label="Buyer">{curlJson("POST", "/api/leads/1234/return", platformExamples.returnRequest, key)}</Code>
      <JsonBlock label="Response" value={platformExamples.returnResponse} />
      <h3 className="mt-6 font-semibold text-slate-900">5. Campaigns: create, list, pause</h3>
      <Code label="Buyer: create">
        {curlJson("POST", "/api/buyer-campaigns", platformExamples.campaignCreateRequest, key)}
      </Code>
      <JsonBlock label="Response (abridged)" value={platformExamples.campaignCreateResponse} />
      <Code label="Buyer: list">{`curl -sS "${BASE_URL}/api/buyer-campaigns?buyerId=5" \\\n  ${key}`}</Code>
      <Code label="Buyer: pause (resume with &quot;active&quot;)">
        {curlJson("PATCH", "/api/buyer-campaigns/10", { status: "paused" }, key)}
      </Code>
    </Guide>
  );
}

function RejectionCodes() {
  const seedCodes = new Map(platformRejectionCodes);
  const sources = REJECTION_SOURCES as Record<string, readonly [string, string]>;
  const rows = [
    ...platformRejectionCodes.map(([code, text]) => [
      code,
      text,
      sources[code]?.[0] ?? (code.startsWith("missing_field_") ? "Required Fields" : ""),
    ]),
    ...Object.entries(sources)
      .filter(([code]) => !seedCodes.has(code))
      .map(([code, [source, text]]) => [code, text, source]),
  ];
  return (
    <Guide id="rejection-codes" title="Rejection reason codes">
      <P>
        A rejected lead answers {mono('success: false, status: "rejected"')} with every code that applies (a lead may
        fail several checks). The compliance endpoint names the same checks by source in {mono("details.failedSources")}
        .
      </P>
      <Table head={["Code", "Description", "Compliance source"]} rows={rows.map(([c, d, s]) => [mono(c), d, s])} />
      <P>
        A valid lead that no campaign bought answers {mono('status: "unsold"')} with each campaign&apos;s reason:{" "}
        {UNSOLD_REASONS.map((r, i) => (
          <span key={r}>
            {i > 0 && ", "}
            {mono(r)}
          </span>
        ))}
        .
      </P>
    </Guide>
  );
}

function ComplianceEndpoint() {
  return (
    <Guide id="compliance-endpoint" title="Compliance endpoint">
      <P>
        {mono("POST /api/leads")} takes leads in the Top of Funnel / Juiced Media format. All submitted leads undergo
        TCPA and DNC registry checks, phone validation, duplicate detection (30-day lookback), blacklist verification
        and state eligibility. Fail any check and the lead is rejected ({mono("success: false, bid: 0.00")}); pass them
        all and it is accepted with a bid ({mono("success: true, bid > 0")}). Log our {mono("lead_id")} for
        reconciliation.
      </P>
      <h3 className="mt-6 font-semibold text-slate-900">Accepted states</h3>
      <P>
        Leads are only accepted from these 12 states; any other state is rejected with the State Eligibility source.
      </P>
      <div className="mt-3 flex flex-wrap gap-2">
        {SPEC_STATES.map((s) => (
          <span
            key={s}
            className="rounded-md border border-brand-100 bg-brand-50 px-2.5 py-1 font-mono text-sm font-semibold text-brand-700"
          >
            {s}
          </span>
        ))}
      </div>
      <h3 className="mt-6 font-semibold text-slate-900">Field-name flexibility</h3>
      <P>Choose one naming convention and use it consistently; all three are understood:</P>
      <Table
        head={["Convention", "Example"]}
        rows={[
          [
            "camelCase",
            <>
              {mono("firstName")}, {mono("lastName")}, {mono("zipCode")}, {mono("trustedFormCertUrl")}
            </>,
          ],
          [
            "snake_case",
            <>
              {mono("first_name")}, {mono("last_name")}, {mono("zip_code")}, {mono("trusted_form_cert_url")}
            </>,
          ],
          [
            "PascalCase",
            <>
              {mono("FirstName")}, {mono("LastName")}, {mono("ZipCode")}, {mono("TrustedFormCertUrl")}
            </>,
          ],
        ]}
      />
      <h3 className="mt-6 font-semibold text-slate-900">Required fields</h3>
      <Table
        head={["Field", "Description", "Example"]}
        rows={complianceExamples.requiredFields.map(([f, d, e]) => [mono(f), d, mono(e)])}
      />
      <h3 className="mt-6 font-semibold text-slate-900">Optional fields</h3>
      <Table
        head={["Field", "Description", "Example"]}
        rows={complianceExamples.optionalFields.map(([f, d, e]) => [mono(f), d, mono(e)])}
      />
      <h3 className="mt-6 font-semibold text-slate-900">Responses</h3>
      <div className="grid gap-4 xl:grid-cols-2">
        <JsonBlock label="Accepted" value={documented.complianceSuccess} />
        <JsonBlock label="Failed compliance" value={complianceExamples.failure} />
      </div>
      <P>
        Handle non-200 statuses and {mono("success: false")} bodies gracefully: a missing or bad token answers 401 in
        the same shape (source {mono("Authentication")}). Phone numbers are 10 digits without punctuation; the
        TrustedForm certificate is mandatory for TCPA coverage.
      </P>
    </Guide>
  );
}

function Operation({ o, doc }: { o: Op; doc: Json }) {
  const { op } = o;
  const params: Json[] = op.parameters ?? [];
  const body = op.requestBody?.content ? (Object.entries<Json>(op.requestBody.content)[0] as [string, Json]) : null;
  const samples: Json[] = op["x-codeSamples"] ?? [];
  const security = (op.security as Json[]).map((s) => Object.keys(s)[0]);
  return (
    <article id={anchor(o)} className="mt-8 scroll-mt-20 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <MethodBadge method={o.method} />
        <code className="break-all font-mono text-[15px] font-semibold text-slate-900">{o.path}</code>
      </div>
      <h3 className="mt-2 text-lg font-semibold text-slate-900">{op.summary}</h3>
      <Md text={op.description} />
      <p className="mt-2 text-xs text-slate-500">
        Auth:{" "}
        {security.length
          ? security
              .map(
                (s) =>
                  ({
                    session: "session cookie",
                    bearerKey: "Bearer key",
                    headerKey: "x-api-key",
                    token: "token (body field or header)",
                  })[s] ?? s,
              )
              .join(" · ")
          : "none"}
      </p>

      {params.length > 0 && (
        <div className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
          <div className="mt-1.5 overflow-hidden rounded-lg border border-slate-200">
            <table className="w-full text-left text-sm">
              <tbody className="divide-y divide-slate-100">
                {params.map((p) => (
                  <tr key={`${p.in}:${p.name}`} className="align-top">
                    <td className="w-1/3 px-3 py-2">
                      <code className="font-mono text-[13px] font-medium text-slate-900">{p.name}</code>
                      {p.required && <span className="ml-1.5 text-[11px] font-medium text-red-600">required</span>}
                      <div className="mt-0.5 font-mono text-[11px] text-slate-500">
                        {p.in} · {typeLabel(p.schema, doc)}
                      </div>
                    </td>
                    <td className="px-3 py-2 text-slate-600">{p.description ? inline(p.description) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {body && (
        <div className="mt-4">
          <FieldTable schema={body[1].schema} doc={doc} title={`Request body (${body[0]})`} />
          {body[1].example !== undefined && <JsonBlock label="Example request" value={body[1].example} />}
        </div>
      )}

      <div className="mt-4">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h4>
        <ul className="mt-1.5 space-y-1">
          {Object.entries<Json>(op.responses).map(([status, r]) => (
            <li key={status} className="flex gap-3 text-sm">
              <span
                className={`w-10 shrink-0 font-mono font-semibold ${status.startsWith("2") ? "text-emerald-700" : "text-red-700"}`}
              >
                {status}
              </span>
              <span className="text-slate-600">
                {r.description}
                {r.content && (
                  <span className="ml-1 font-mono text-[11px] text-slate-400">
                    {typeLabel(Object.values<Json>(r.content)[0].schema, doc)}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
        {Object.entries<Json>(op.responses)
          .filter(([s, r]) => s.startsWith("2") && r.content)
          .slice(0, 1)
          .map(([s, r]) => {
            const media = Object.values<Json>(r.content)[0];
            return (
              <div key={s}>
                <FieldTable schema={media.schema} doc={doc} title={`${s} response`} />
                {media.example !== undefined && <JsonBlock label={`Example ${s} response`} value={media.example} />}
              </div>
            );
          })}
      </div>

      {samples.map((s) => (
        <Code key={s.label} label={s.label}>
          {s.source}
        </Code>
      ))}
    </article>
  );
}
