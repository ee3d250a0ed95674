import type { Metadata } from "next";
import Link from "next/link";
import { humanize } from "@/components/format";
import { LocalTime } from "@/components/local-time";
import { Badge, Card, DefinitionList, PageHeader } from "@/components/ui";
import { formatUsd } from "@/lib/money";
import { pageNotFound, sellerPage, viewAs } from "@/lib/auth/pages";
import { prisma } from "@/lib/db";
import { parseId } from "@/lib/api/request";
import { cents } from "@/lib/queries/common";
import { reasonsOf, sellerLeadDetail } from "@/lib/queries/seller";

export const metadata: Metadata = { title: "Submission" };
export const dynamic = "force-dynamic";

export default async function SubmissionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { user, sellerId } = await sellerPage(`/seller/submissions/${id}`, sp);
  const q = viewAs(user, "sellerId", sellerId);
  const n = parseId(id);
  const l = n === null ? null : await sellerLeadDetail(sellerId, n);
  if (!l) {
    const other = n === null ? null : await prisma.lead.findUnique({ where: { id: n }, select: { sellerId: true } });
    return pageNotFound(user, `/seller/submissions/${id}`, "lead", id, other);
  }
  const reasons = reasonsOf(l);
  const answers = Object.entries((l.leadData ?? {}) as Record<string, unknown>);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/seller/submissions${q ? `?${q}` : ""}`} className="text-brand-700 hover:underline">
          ← Submissions
        </Link>
      </p>
      <PageHeader
        title={`Lead #${l.id}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {humanize(l.vertical)} · submitted <LocalTime iso={l.createdAt.toISOString()} /> <Badge status={l.status} />
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Outcome">
          <DefinitionList
            items={[
              ["Status", <Badge key="s" status={l.status} />],
              ["Paid to you", formatUsd(cents(l.cost))],
              ["Matching campaigns", l.matchCount],
              ["Quality score", l.qualityScore],
              ["Intake list", l.intakeList?.name ?? null],
              ["Source", [l.sourceType, l.source].filter(Boolean).join(" · ") || null],
            ]}
          />
          {reasons.length > 0 && (
            <div className="mt-4">
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Reasons</p>
              <ul className="mt-1 list-inside list-disc text-sm text-red-700">
                {reasons.map((r) => (
                  <li key={r}>
                    <code className="text-xs">{r}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
        <Card title="What you sent">
          <DefinitionList
            items={[
              ["Name", l.consumerName ?? [l.firstName, l.lastName].filter(Boolean).join(" ")],
              ["Phone", l.consumerPhone],
              ["Email", l.consumerEmail],
              ["Location", [l.consumerCity, l.consumerState, l.consumerZip].filter(Boolean).join(", ") || null],
              ...answers.map(
                ([k, v]) => [humanize(k), typeof v === "object" ? JSON.stringify(v) : String(v)] as [string, string],
              ),
            ]}
          />
        </Card>
      </div>
    </>
  );
}
