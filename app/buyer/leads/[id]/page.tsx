import type { Metadata } from "next";
import Link from "next/link";
import { humanize } from "@/components/format";
import { LocalTime } from "@/components/local-time";
import { Badge, Card, DefinitionList, EmptyState, PageHeader } from "@/components/ui";
import { formatUsd } from "@/lib/money";
import { buyerPage, pageNotFound, viewAs } from "@/lib/auth/pages";
import { prisma } from "@/lib/db";
import { parseId } from "@/lib/api/request";
import { buyerLeadDetail } from "@/lib/queries/buyer";
import { cents } from "@/lib/queries/common";
import { ReturnControl } from "../return-control";

export const metadata: Metadata = { title: "Lead" };
export const dynamic = "force-dynamic";

export default async function BuyerLeadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { user, buyerId } = await buyerPage(`/buyer/leads/${id}`, sp);
  const q = viewAs(user, "buyerId", buyerId);
  const n = parseId(id);
  const sale = n === null ? null : await buyerLeadDetail(buyerId, n);
  if (!sale) {
    const lead =
      n === null ? null : await prisma.lead.findUnique({ where: { id: n }, select: { buyerId: true, sellerId: true } });
    return pageNotFound(user, `/buyer/leads/${id}`, "lead", id, lead);
  }
  const l = sale.lead;
  const consent = (l.consent ?? {}) as { text?: string; timestamp?: string; ip?: string; trustedFormCertUrl?: string };
  const answers = Object.entries((l.leadData ?? {}) as Record<string, unknown>);
  const priceCents = cents(sale.price);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/buyer/leads${q ? `?${q}` : ""}`} className="text-brand-700 hover:underline">
          ← Lead inbox
        </Link>
      </p>
      <PageHeader
        title={l.consumerName ?? `Lead #${l.id}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            Lead #{l.id} · {humanize(l.vertical)}
            {l.subVertical ? ` / ${humanize(l.subVertical)}` : ""} · bought{" "}
            <LocalTime iso={sale.createdAt.toISOString()} /> via {sale.campaign.name}
            <Badge status={sale.status} />
            {l.consentRevokedAt && (
              <span
                className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200"
                data-testid="consent-revoked"
              >
                Consent revoked on <LocalTime iso={l.consentRevokedAt.toISOString()} /> · do not contact
              </span>
            )}
            {l.erasedAt && (
              <span className="text-xs text-slate-500">
                Personal data erased on <LocalTime iso={l.erasedAt.toISOString()} />
              </span>
            )}
          </span>
        }
        actions={
          <ReturnControl
            leadId={l.id}
            priceCents={priceCents}
            deadline={sale.returnDeadline.toISOString()}
            state={{
              status: sale.status,
              creditCents: sale.leadReturn ? cents(sale.leadReturn.creditAmount) : null,
              returnReason: sale.leadReturn?.reason ?? null,
            }}
          />
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Contact" className="lg:col-span-2">
          <DefinitionList
            items={[
              ["Name", l.consumerName ?? [l.firstName, l.lastName].filter(Boolean).join(" ")],
              [
                "Phone",
                l.consumerPhone ? (
                  <a key="phone" className="text-brand-700 hover:underline" href={`tel:${l.consumerPhone}`}>
                    {l.consumerPhone}
                  </a>
                ) : null,
              ],
              [
                "Email",
                l.consumerEmail ? (
                  <a key="email" className="text-brand-700 hover:underline" href={`mailto:${l.consumerEmail}`}>
                    {l.consumerEmail}
                  </a>
                ) : null,
              ],
              [
                "Address",
                [l.consumerAddress, l.consumerCity, l.consumerState, l.consumerZip].filter(Boolean).join(", ") || null,
              ],
              ["Homeowner status", l.homeownerStatus],
              ["Income bracket", l.incomeBracket],
              ["Age range / DOB", l.ageRange ?? l.dob],
              ["Quality score", l.qualityScore],
            ]}
          />
        </Card>
        <Card title="Purchase">
          <DefinitionList
            items={[
              ["Price", formatUsd(priceCents)],
              ["Exclusive", sale.exclusive ? "Yes" : "No"],
              ["Return window ends", <LocalTime key="d" iso={sale.returnDeadline.toISOString()} />],
              [
                "Returned",
                sale.leadReturn
                  ? `${humanize(sale.leadReturn.reason)} · ${formatUsd(cents(sale.leadReturn.creditAmount))} credited`
                  : "No",
              ],
              ["Your lead id", sale.buyerLeadId],
            ]}
          />
        </Card>
        <Card title="Answers">
          {answers.length ? (
            <DefinitionList
              items={answers.map(([k, v]) => [
                humanize(k),
                typeof v === "boolean" ? (v ? "Yes" : "No") : typeof v === "object" ? JSON.stringify(v) : String(v),
              ])}
            />
          ) : (
            <p className="text-sm text-slate-500">No extra answers.</p>
          )}
        </Card>
        <Card title="Consent" className="lg:col-span-2">
          <DefinitionList
            items={[
              ["Consent text", consent.text ?? null],
              ["Given at", consent.timestamp ? <LocalTime key="c" iso={consent.timestamp} /> : null],
              ["IP address", consent.ip ?? l.ipAddress],
              [
                "TrustedForm certificate",
                (consent.trustedFormCertUrl ?? l.trustedFormCertUrl) ? (
                  <a
                    key="trustedform"
                    className="break-all text-brand-700 hover:underline"
                    href={consent.trustedFormCertUrl ?? l.trustedFormCertUrl ?? "#"}
                    rel="noreferrer noopener"
                    target="_blank"
                  >
                    {consent.trustedFormCertUrl ?? l.trustedFormCertUrl}
                  </a>
                ) : null,
              ],
            ]}
          />
        </Card>
        <Card title="Delivery attempts" className="lg:col-span-3">
          {sale.deliveries.length ? (
            <ul className="space-y-4">
              {sale.deliveries.map((d) => (
                <li key={d.id}>
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium">
                      {humanize(d.method)}
                      {d.event !== "lead.sold" ? ` · ${d.event}` : ""}
                    </span>
                    {d.target && <code className="break-all text-xs text-slate-500">{d.target}</code>}
                    <Badge status={d.status} />
                    <span className="text-xs text-slate-500">
                      {d.attempts}/{d.maxAttempts} attempts
                    </span>
                  </p>
                  {d.attemptsLog.length > 0 && (
                    <table className="mt-2 min-w-full text-xs">
                      <thead className="text-left text-slate-500">
                        <tr>
                          <th className="py-1 pr-3 font-medium">#</th>
                          <th className="py-1 pr-3 font-medium">When</th>
                          <th className="py-1 pr-3 font-medium">Outcome</th>
                          <th className="py-1 pr-3 font-medium">HTTP</th>
                          <th className="py-1 pr-3 text-right font-medium">Time</th>
                          <th className="py-1 font-medium">Detail</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {d.attemptsLog.map((a) => (
                          <tr key={a.id}>
                            <td className="py-1 pr-3">{a.attemptNo}</td>
                            <td className="py-1 pr-3">
                              <LocalTime iso={a.startedAt.toISOString()} />
                            </td>
                            <td className="py-1 pr-3">
                              <Badge status={a.outcome} />
                            </td>
                            <td className="py-1 pr-3">{a.responseStatus ?? "—"}</td>
                            <td className="py-1 pr-3 text-right tabular-nums">{a.durationMs} ms</td>
                            <td className="max-w-md truncate py-1" title={a.error ?? a.responseBody ?? ""}>
                              {a.error ?? a.responseBody ?? ""}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {d.lastError && <p className="mt-1 text-xs text-red-700">Last error: {d.lastError}</p>}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No deliveries">
              This campaign delivers through the portal: the lead is here for you to work.
            </EmptyState>
          )}
        </Card>
      </div>
    </>
  );
}
