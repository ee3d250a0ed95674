// GET /api/intake-lists/{id}/spec[?format=md|html|json] → the list's posting specification, as a
// download (Markdown by default). Sellers: their own lists only (others' are 404); admins: any list.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/request";
import { requireCaller } from "@/lib/auth/caller";
import { getIntakeList } from "@/lib/catalog";
import { env } from "@/lib/env";
import { postingSpec, specHtml, specMarkdown } from "@/lib/posting-spec";
import { SpecQuery } from "@/lib/validation/catalog";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const caller = await requireCaller(req, ["seller", "admin"]);
  const { format } = parseQuery(req, SpecQuery);
  const list = await getIntakeList((await params).id, caller);
  const spec = postingSpec(list, env.APP_URL?.replace(/\/$/, "") ?? new URL(req.url).origin);
  if (format === "json") return NextResponse.json(spec);
  const slug =
    list.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "list";
  const [body, type] = format === "html" ? [specHtml(spec), "text/html"] : [specMarkdown(spec), "text/markdown"];
  return new NextResponse(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="posting-spec-${slug}.${format}"`,
      "x-content-type-options": "nosniff",
    },
  });
});
