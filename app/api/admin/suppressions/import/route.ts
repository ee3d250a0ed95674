// POST /api/admin/suppressions/import?kind=dnc&type=phone — CSV body (text/csv), one entry per line.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { assertStorable, parseQuery, readBodyText } from "@/lib/api/request";
import { ApiError } from "@/lib/api/errors";
import { requireCaller } from "@/lib/auth/caller";
import { importSuppressionsQuery } from "@/lib/validation/suppressions";
import { importSuppressions } from "@/lib/suppressions";

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const query = parseQuery(req, importSuppressionsQuery);
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let csv = await readBodyText(req);
  if (type.includes("json")) {
    // Also accepted: { "csv": "..." } for clients that only speak JSON.
    const parsed = (() => {
      try {
        return JSON.parse(csv) as unknown;
      } catch {
        return null;
      }
    })();
    const inner = parsed && typeof parsed === "object" ? (parsed as { csv?: unknown }).csv : undefined;
    if (typeof inner !== "string")
      throw new ApiError("validation_failed", 'Send CSV text, or JSON { "csv": "..." }', [
        { field: "csv", issue: "required" },
      ]);
    csv = inner;
  }
  assertStorable(type.includes("json") ? { csv } : csv);
  if (!csv.trim())
    throw new ApiError("validation_failed", "The CSV is empty", [{ field: "(body)", issue: "no lines" }]);
  return NextResponse.json(await importSuppressions(csv, query, caller));
});
