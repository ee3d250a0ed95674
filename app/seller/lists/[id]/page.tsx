import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { Card, DefinitionList, PageHeader, buttonClass } from "@/components/ui";
import { ApiError } from "@/lib/api/errors";
import { getIntakeList } from "@/lib/catalog";
import { env } from "@/lib/env";
import { postingSpec } from "@/lib/posting-spec";
import { pageNotFound, sellerPage, viewAs } from "@/lib/auth/pages";

export const metadata: Metadata = { title: "Posting specification" };
export const dynamic = "force-dynamic";

export default async function PostingSpecPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { user, sellerId } = await sellerPage(`/seller/lists/${id}`, sp);
  const q = viewAs(user, "sellerId", sellerId);
  // The same ownership rule as the API: another seller's list does not exist for this seller.
  let owner: { sellerId: number } | null = null;
  const list = await getIntakeList(id, { ...user, role: "seller", sellerId }).catch((e) => {
    if (!(e instanceof ApiError) || e.status !== 404) return Promise.reject(e);
    const ownerSellerId = e.auditEntry?.details?.ownerSellerId; // set when the list is another seller's
    if (typeof ownerSellerId === "number") owner = { sellerId: ownerSellerId };
    return null;
  });
  if (!list) return pageNotFound(user, `/seller/lists/${id}`, "intake list", id, owner);
  const h = await headers();
  const origin =
    env.APP_URL?.replace(/\/$/, "") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const s = postingSpec(list, origin);
  const download = (format: string) => `/api/intake-lists/${list.id}/spec?format=${format}${q ? `&${q}` : ""}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/seller/lists${q ? `?${q}` : ""}`} className="text-brand-700 hover:underline">
          ← Intake lists
        </Link>
      </p>
      <PageHeader
        title={s.title}
        description="Everything your integration needs to post to this list. Generated from the checks the API runs, so it is always current."
        actions={
          <span className="flex gap-2">
            <a className={buttonClass.primary} href={download("md")} download>
              Download Markdown
            </a>
            <a className={buttonClass.secondary} href={download("html")} download>
              Download HTML
            </a>
          </span>
        }
      />
      <div className="space-y-6">
        <Card>
          <DefinitionList
            items={[
              [
                "Endpoint",
                <code key="e" className="text-xs">
                  POST {s.endpoint}
                </code>,
              ],
              [
                "List id",
                <code key="i" className="break-all text-xs">
                  {s.list.id}
                </code>,
              ],
              ["Vertical", `${s.list.vertical}${s.list.subVertical ? ` / ${s.list.subVertical}` : ""}`],
              ["Payout", s.payout],
              ["Accepted states", s.acceptedStates.join(", ") || "All US states"],
              ["Authentication", s.auth],
            ]}
          />
        </Card>
        <Card title="Fields">
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="spec-fields">
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th className="px-3 py-2">Field</th>
                  <th className="px-3 py-2">Type</th>
                  <th className="px-3 py-2">Required</th>
                  <th className="px-3 py-2">Description</th>
                  <th className="px-3 py-2">Also accepted as</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {s.fields.map((f) => (
                  <tr key={f.name} className="align-top">
                    <td className="px-3 py-2">
                      <code className="text-xs">{f.name}</code>
                    </td>
                    <td className="px-3 py-2 text-xs">{f.type}</td>
                    <td className="px-3 py-2 text-xs">
                      {f.required ? <span className="font-semibold text-slate-900">required</span> : "optional"}
                    </td>
                    <td className="px-3 py-2 text-xs">{f.description}</td>
                    <td className="max-w-xs px-3 py-2 text-xs text-slate-500">{f.spellings.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="Checks that run">
          <ul className="space-y-2 text-sm">
            {s.checks.map((c) => (
              <li key={c.check}>
                <span className="font-medium">{c.check}</span>: {c.description}{" "}
                <span className="text-xs text-slate-500">({c.rejections.map((r) => r.code).join(", ")})</span>
              </li>
            ))}
            <li>
              <span className="font-medium">Always</span>:{" "}
              <span className="text-xs text-slate-500">{s.alwaysChecked.map((r) => r.code).join(", ")}</span>
            </li>
          </ul>
        </Card>
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Example request">
            <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {JSON.stringify(s.exampleRequest, null, 2)}
            </pre>
            <p className="mb-1 mt-4 text-xs font-medium uppercase tracking-wide text-slate-500">
              curl (replace YOUR_API_KEY)
            </p>
            <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="spec-curl">
              {s.curl}
            </pre>
          </Card>
          <Card title="Responses">
            {s.responses.map((r) => (
              <div key={r.title} className="mb-4">
                <p className="mb-1 text-sm font-medium">{r.title}</p>
                <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs text-slate-800 ring-1 ring-slate-200">
                  {JSON.stringify(r.body, null, 2)}
                </pre>
              </div>
            ))}
          </Card>
        </div>
      </div>
    </>
  );
}
