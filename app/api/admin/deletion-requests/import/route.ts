// POST /api/admin/deletion-requests/import — text/plain, one identifier a line (plain email or
// phone, or SHA-256 hex of the normalised value), streamed: the file is never held in memory.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { requireCaller } from "@/lib/auth/caller";
import { importDeletionRequests } from "@/lib/consumer/deletion-import";

const TEXT_TYPES = ["text/plain", "text/csv", "application/octet-stream"];

export const POST = route(async (req) => {
  const caller = await requireCaller(req, ["admin"]);
  const type = (req.headers.get("content-type") ?? "text/plain").split(";")[0].trim().toLowerCase();
  if (!TEXT_TYPES.includes(type)) {
    throw new ApiError("unsupported_media_type", "Send the identifiers as text/plain, one a line", [
      { field: "Content-Type", issue: `expected text/plain, got ${type}` },
    ]);
  }
  if (!req.body) throw new ApiError("validation_failed", "The file is empty", [{ field: "(body)", issue: "no lines" }]);
  const report = await importDeletionRequests(req.body, caller);
  if (report.received === 0)
    throw new ApiError("validation_failed", "The file is empty", [{ field: "(body)", issue: "no lines" }]);
  return NextResponse.json(report);
});
