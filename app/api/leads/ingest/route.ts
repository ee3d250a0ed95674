// POST /api/leads/ingest — the full pipeline for one lead (the platform API's ingest). Honours Idempotency-Key.
import { route } from "@/lib/api/handler";
import { readJsonObject } from "@/lib/api/request";
import { validationError } from "@/lib/api/errors";
import { idempotent, idempotencyScope } from "@/lib/api/idempotency";
import { requireCaller } from "@/lib/auth/caller";
import { bodyToken } from "@/lib/auth/body-token";
import { ingestBody } from "@/lib/validation/lead-submission";
import { processLead } from "@/lib/pipeline";
import { serializeIngest } from "@/lib/serializers/lead-submission";
import { sellerRequest, withHeaders } from "@/lib/api/seller-limits";

export const POST = route(async (req) => {
  const body = await readJsonObject(req);
  const caller = await requireCaller(req, ["seller", "admin"], bodyToken(body));
  const limits = await sellerRequest(caller);
  const parsed = ingestBody.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const res = await idempotent(req, idempotencyScope("ingest", caller), body, async () => ({
    status: 200,
    body: serializeIngest(await processLead(body, caller)),
  }));
  return withHeaders(res, limits);
});
