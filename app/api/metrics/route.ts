// GET /api/metrics — Prometheus text exposition of this instance (prom-client). A scraper sends
// `Authorization: Bearer $METRICS_TOKEN`; an admin's session works too (no token, no session → 401).
import { createHash, timingSafeEqual } from "node:crypto";
import { route } from "@/lib/api/handler";
import { requireCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import { queueStats } from "@/lib/queries/system";

export const dynamic = "force-dynamic";

metrics.setQueueSource(() => queueStats());

export const GET = route(async (req) => {
  if (!scrapeToken(req)) await requireCaller(req, ["admin"]);
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
});

/** Constant-time: both sides hashed to 32 bytes first, so not even the token's length leaks. */
function scrapeToken(req: Request): boolean {
  const auth = req.headers.get("authorization");
  if (!env.METRICS_TOKEN || !auth?.toLowerCase().startsWith("bearer ")) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(auth.slice(7).trim()), digest(env.METRICS_TOKEN));
}
