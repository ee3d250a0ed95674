// The posting specification of an intake list, for the seller who posts to it (what LeadExec and
// Phonexa generate for their publishers). Generated from what the API itself uses, so it cannot
// drift: field types and descriptions from the ingest body's zod schema
// (lib/validation/lead-submission.ts), field spellings from the normaliser, required fields from the
// vertical and the list exactly as validate.ts checks them, checks from compliance.ts, the payout
// from payout.ts, and the example responses from the real serializer (lib/serializers/lead-submission.ts).
import { z } from "zod";
import { env } from "./env";
import { centsToString } from "./money";
import { canonicalField, spellingsOf, type CanonicalField } from "./pipeline/normalize";
import { LIST_CHECKS, type ListCheck } from "./pipeline/compliance";
import { describeRejection } from "./pipeline/reasons";
import { describeRule, effectiveRule, payoutCents, payoutPlan, type PayoutRule } from "./pipeline/payout";
import type { PipelineOutcome } from "./pipeline";
import { ingestBody } from "./validation/lead-submission";
import { serializeIngest } from "./serializers/lead-submission";
import type { ListRow } from "./serializers/catalog";
import type { PostingSpecJson } from "./openapi/types";

type SpecList = ListRow & { verticalRef: { requiredFields: string[]; name?: string } };

/** The spec (format=json) as the API answers it: the PostingSpec response schema. */
export type PostingSpec = PostingSpecJson;
export type SpecField = PostingSpec["fields"][number];

const CHECKS: Record<ListCheck, [string, string[]]> = {
  tcpa_dnc: [
    "TCPA consent (text and timestamp, or a TrustedForm certificate) and the Do Not Call list",
    ["missing_consent", "invalid_trustedform_cert", "dnc_listed"],
  ],
  phone_validation: ["Phone line checks (carrier lookup when configured)", ["voip_number", "disconnected_number"]],
  duplicate: [`Duplicate detection: the same phone or email within ${env.DEDUPE_WINDOW_DAYS} days`, ["duplicate_lead"]],
  blacklist: ["The marketplace blacklist (always runs)", ["blacklisted"]],
  state: ["Accepted states (below)", ["state_not_accepted"]],
};
const ALWAYS = [
  "invalid_phone_format",
  "fake_phone_number",
  "invalid_email_format",
  "disposable_email",
  "invalid_state",
  "invalid_zip_format",
];

const SAMPLE: Partial<Record<CanonicalField, string>> = {
  firstName: "John",
  lastName: "Smith",
  consumerName: "John Smith",
  consumerEmail: "john.smith@example.com",
  consumerPhone: "3104628817",
  consumerZip: "77001",
  consumerCity: "Houston",
  consumerAddress: "123 Main St",
  dob: "1980-05-15",
  ageRange: "35-44",
  incomeBracket: "$75,000-$100,000",
  homeownerStatus: "Homeowner",
  trustedFormCertUrl: "https://cert.trustedform.com/0123456789abcdef",
  campaignId: "your_campaign_id",
  source: "Your brand",
  sourceType: "owned_media",
  ipAddress: "73.162.10.10",
};
const DESCRIBED: Partial<Record<CanonicalField, string>> = {
  firstName: "Consumer's first name",
  lastName: "Consumer's last name",
  consumerAddress: "Street address",
  dob: "Date of birth, YYYY-MM-DD",
  ageRange: "Age range, e.g. 35-44",
  incomeBracket: "Household income bracket",
  homeownerStatus: "Homeowner or renter",
  trustedFormCertUrl: "TrustedForm certificate URL (https://cert.trustedform.com/…)",
  campaignId: "Your own campaign id (reported back to you)",
  source: "Where the lead came from",
  ipAddress: "Consumer's IP address",
  consumerName: "Consumer's full name (or send firstName and lastName)",
  consumerCity: "City",
  listId: "This list's id",
  consumerState: "Two-letter US state",
  consumerZip: "5-digit ZIP",
  consumerEmail: "Consumer's email",
};

type JsonProp = { type?: string | string[]; anyOf?: JsonProp[]; description?: string };
const shape = (
  z.toJSONSchema(ingestBody, { io: "input", unrepresentable: "any" }) as { properties: Record<string, JsonProp> }
).properties;
const typesOf = (p: JsonProp): string[] =>
  p.anyOf ? p.anyOf.flatMap(typesOf) : Array.isArray(p.type) ? p.type : [p.type ?? "any"];
const typeOf = (p: JsonProp | undefined) => (p ? [...new Set(typesOf(p))].join(" or ") : "string");

function field(name: string, required: boolean): SpecField {
  const options = name.split("|");
  const canon = options.map((o) => canonicalField(o));
  const prop = shape[canon[0] ?? name] ?? shape[name];
  const label = options.join(" or ");
  const description =
    options.length > 1
      ? `Either field: ${options.join(", ")}`
      : (canon[0] && DESCRIBED[canon[0]]) ||
        prop?.description ||
        (canon[0] ? "Lead field" : "Sent in leadData (or at the top level)");
  return {
    name: label,
    type: typeOf(prop),
    required,
    description,
    spellings: canon.flatMap((c) => (c ? spellingsOf(c) : [])),
  };
}

export function postingSpec(list: SpecList, baseUrl: string): PostingSpec {
  const rule = effectiveRule(list, list.seller, env.PAYOUT_DEFAULT_SHARE_BPS);
  // The same list validate.ts checks: the vertical's, then the list's (canonical names deduplicated).
  // Deduplicated by canonical name as validate.ts does (the first spelling is the one a rejection names).
  const keyOf = (r: string) =>
    r
      .split("|")
      .map((o) => canonicalField(o) ?? o)
      .join("|");
  const seen = new Set<string>(["listId"]);
  const required = [...list.verticalRef.requiredFields, ...list.requiredFields].filter(
    (r) => !seen.has(keyOf(r)) && !!seen.add(keyOf(r)),
  );
  const requiredCanon = new Set(required.flatMap((r) => r.split("|").map((o) => canonicalField(o) ?? o)));
  const optional: string[] = [
    "firstName",
    "lastName",
    "consumerEmail",
    "consumerPhone",
    "consumerState",
    "consumerZip",
    "consumerCity",
    "trustedFormCertUrl",
    "campaignId",
    "sourceType",
  ].filter((f) => !requiredCanon.has(canonicalField(f) ?? f));
  const fields: SpecField[] = [
    {
      name: "listId",
      type: "string",
      required: true,
      description: `This list: ${list.id}`,
      spellings: spellingsOf("listId"),
    },
    ...required.map((r) => field(r, true)),
    ...optional.map((f) => field(f, false)),
    {
      name: "consent",
      type: "object",
      required: !list.requireTrustedForm,
      description: shape.consent?.description ?? "TCPA consent",
      spellings: [],
    },
    {
      name: "cost",
      type: typeOf(shape.cost),
      required: rule.kind === "as_stated",
      description: costText(rule),
      spellings: [],
    },
    {
      name: "subVertical",
      type: "string",
      required: false,
      description: list.subVertical ? `Defaults to ${list.subVertical}` : "Sub-vertical",
      spellings: [],
    },
    {
      name: "leadData",
      type: "object",
      required: false,
      description: shape.leadData?.description ?? "Other lead attributes",
      spellings: [],
    },
    {
      name: "test",
      type: typeOf(shape.test),
      required: false,
      description: shape.test?.description ?? "Test mode",
      spellings: [],
    },
  ];
  const active = (list.checks.length ? list.checks : [...LIST_CHECKS]) as ListCheck[];
  const checks: PostingSpec["checks"] = [...new Set([...active, "blacklist" as const])].map((c) => ({
    check: c,
    description: CHECKS[c][0],
    rejections: CHECKS[c][1].map((code) => ({ code, message: describeRejection(code).message })),
  }));
  if (list.requireTrustedForm)
    checks.unshift({
      check: "trustedform",
      description: "A TrustedForm certificate URL is required on every lead",
      rejections: [
        { code: "invalid_trustedform_cert", message: describeRejection("invalid_trustedform_cert").message },
      ],
    });

  const exampleRequest: Record<string, unknown> = { listId: list.id };
  const state = list.acceptedStates[0] ?? "TX";
  for (const r of required) {
    const f = canonicalField(r.split("|")[0]);
    if (f === "listId") continue;
    exampleRequest[r.split("|")[0]] = f === "consumerState" ? state : f ? (SAMPLE[f] ?? "value") : "value";
  }
  exampleRequest.consumerState ??= state;
  if (!Object.keys(exampleRequest).some((k) => canonicalField(k) === "consumerPhone"))
    exampleRequest.consumerPhone = SAMPLE.consumerPhone;
  if (list.requireTrustedForm && !Object.keys(exampleRequest).some((k) => canonicalField(k) === "trustedFormCertUrl"))
    exampleRequest.trustedFormCertUrl = SAMPLE.trustedFormCertUrl;
  exampleRequest.consent = {
    text: "By submitting this form, I agree to be contacted...",
    timestamp: "2026-03-03T10:30:00Z",
    ip: "73.162.10.10",
  };
  if (rule.kind === "as_stated") exampleRequest.cost = centsToString(Math.min(rule.maxCents, 2000));

  const revenue = 4000;
  const plan = payoutPlan(rule, rule.kind === "as_stated" ? Math.min(rule.maxCents, 2000) : null, null);
  const outcome = (o: Partial<PipelineOutcome>): PipelineOutcome => ({
    leadId: 18342,
    status: "sold",
    revenueCents: 0,
    costCents: 0,
    buyerId: 7,
    campaignId: null,
    matchCount: 2,
    rejectionReasons: [],
    failedSources: [],
    unsoldReasons: [],
    qualityScore: 90,
    test: false,
    lead: { leadData: {}, consent: {}, test: false, exclusive: false },
    createdAt: new Date(0),
    ...o,
  });
  const responses = [
    {
      title: "200: accepted and sold (your payout is `cost`)",
      status: 200,
      body: serializeIngest(outcome({ revenueCents: revenue, costCents: payoutCents(plan, revenue) })),
    },
    {
      title: "200: accepted, no buyer this time (nothing is paid)",
      status: 200,
      body: serializeIngest(
        outcome({
          status: "unsold",
          buyerId: null,
          matchCount: 0,
          unsoldReasons: [{ campaignId: 12, buyerId: 7, reason: "cap_reached" }],
        }),
      ),
    },
    {
      title: "200: rejected (every failed check is listed)",
      status: 200,
      body: serializeIngest(
        outcome({
          status: "rejected",
          buyerId: null,
          matchCount: 0,
          rejectionReasons: ["state_not_accepted", "missing_consent"],
        }),
      ),
    },
    {
      title: "400: the request itself is wrong (nothing is stored)",
      status: 400,
      body:
        rule.kind === "as_stated"
          ? {
              error: {
                code: "validation_failed",
                message: `cost 999.00 is above the ${centsToString(rule.maxCents)} your payout rule allows`,
                details: [{ field: "cost", issue: `at most ${centsToString(rule.maxCents)}` }],
              },
            }
          : {
              error: {
                code: "validation_failed",
                message: 'cost must be a money amount like "28.00"',
                details: [{ field: "cost", issue: "invalid amount" }],
              },
            },
    },
  ];
  const endpoint = `${baseUrl}/api/leads/ingest`;
  const curl = [
    `curl -sS ${endpoint} \\`,
    `  -H "Authorization: Bearer YOUR_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "Idempotency-Key: your-unique-lead-id" \\`,
    `  -d '${JSON.stringify(exampleRequest)}'`,
  ].join("\n");
  return {
    title: `Posting specification: ${list.name}`,
    list: {
      id: list.id,
      name: list.name,
      vertical: list.vertical,
      subVertical: list.subVertical,
      status: list.status === "active" ? "active" : "paused",
    },
    endpoint,
    auth: "An API key of your seller account (Seller dashboard → API keys) as `Authorization: Bearer <key>` (or an `x-api-key` header).",
    payout: describeRule(rule),
    payoutRule: rule,
    acceptedStates: list.acceptedStates,
    fields,
    checks,
    alwaysChecked: [
      ...ALWAYS.map((code) => ({ code, message: describeRejection(code).message })),
      { code: "missing_field_<name>", message: "A required field is missing" },
    ],
    exampleRequest,
    responses,
    curl,
  };
}

function costText(rule: PayoutRule): string {
  if (rule.kind === "as_stated")
    return `Required: the price you ask for this lead, at most ${centsToString(rule.maxCents)} (more is refused with a 400)${rule.allowLoss ? "" : "; never paid above what the lead sells for"}`;
  return "Ignored: your payout rule sets the price (the response's cost is what you are paid)";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function specMarkdown(s: PostingSpec): string {
  const out: string[] = [
    `# ${s.title}`,
    "",
    `- List id: \`${s.list.id}\``,
    `- Vertical: \`${s.list.vertical}\`${s.list.subVertical ? ` / \`${s.list.subVertical}\`` : ""}`,
    `- Status: ${s.list.status}`,
    `- Endpoint: \`POST ${s.endpoint}\``,
    `- Authentication: ${s.auth}`,
    `- Payout: ${s.payout}. Unsold and rejected leads are not paid; a returned lead's payout is clawed back.`,
    `- Accepted states: ${s.acceptedStates.length ? s.acceptedStates.join(", ") : "all US states"}`,
    "",
    "## Fields",
    "",
    "| Field | Type | Required | Description | Also accepted as |",
    "|---|---|---|---|---|",
    ...s.fields.map(
      (f) =>
        `| \`${cell(f.name)}\` | ${cell(f.type)} | ${f.required ? "yes" : "no"} | ${cell(f.description)} | ${f.spellings.filter((x) => x !== f.name.toLowerCase()).join(", ")} |`,
    ),
    "",
    "## Checks",
    "",
    ...s.checks.flatMap((c) => [
      `- **${c.check}**: ${c.description}. Rejections: ${c.rejections.map((r) => `\`${r.code}\``).join(", ")}`,
    ]),
    `- Always: ${s.alwaysChecked.map((r) => `\`${r.code}\``).join(", ")}`,
    "",
    "## Example request",
    "",
    "```json",
    JSON.stringify(s.exampleRequest, null, 2),
    "```",
    "",
    "## Responses",
    "",
    ...s.responses.flatMap((r) => [`### ${r.title}`, "", "```json", JSON.stringify(r.body, null, 2), "```", ""]),
    "## curl",
    "",
    "Replace `YOUR_API_KEY` with one of your keys.",
    "",
    "```bash",
    s.curl,
    "```",
    "",
  ];
  return out.join("\n");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function specHtml(s: PostingSpec): string {
  const rows = s.fields
    .map(
      (f) =>
        `<tr><td><code>${esc(f.name)}</code></td><td>${esc(f.type)}</td><td>${f.required ? "yes" : "no"}</td><td>${esc(f.description)}</td><td>${esc(f.spellings.join(", "))}</td></tr>`,
    )
    .join("\n");
  const pre = (v: string) => `<pre>${esc(v)}</pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(s.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#0f172a}table{border-collapse:collapse;width:100%}td,th{border:1px solid #cbd5e1;padding:4px 8px;text-align:left;font-size:14px;vertical-align:top}pre{background:#f1f5f9;padding:12px;overflow-x:auto}</style>
</head><body>
<h1>${esc(s.title)}</h1>
<ul><li>List id: <code>${esc(s.list.id)}</code></li><li>Vertical: <code>${esc(s.list.vertical)}</code>${s.list.subVertical ? ` / <code>${esc(s.list.subVertical)}</code>` : ""}</li>
<li>Endpoint: <code>POST ${esc(s.endpoint)}</code></li><li>Authentication: ${esc(s.auth)}</li><li>Payout: ${esc(s.payout)}</li>
<li>Accepted states: ${esc(s.acceptedStates.length ? s.acceptedStates.join(", ") : "all US states")}</li></ul>
<h2>Fields</h2><table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th><th>Also accepted as</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Checks</h2><ul>${s.checks.map((c) => `<li><b>${esc(c.check)}</b>: ${esc(c.description)} (${esc(c.rejections.map((r) => r.code).join(", "))})</li>`).join("")}<li>Always: ${esc(s.alwaysChecked.map((r) => r.code).join(", "))}</li></ul>
<h2>Example request</h2>${pre(JSON.stringify(s.exampleRequest, null, 2))}
<h2>Responses</h2>${s.responses.map((r) => `<h3>${esc(r.title)}</h3>${pre(JSON.stringify(r.body, null, 2))}`).join("\n")}
<h2>curl</h2><p>Replace <code>YOUR_API_KEY</code> with one of your keys.</p>${pre(s.curl)}
</body></html>
`;
}
