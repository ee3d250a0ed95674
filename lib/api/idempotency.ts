// Safe retries: a request carrying an Idempotency-Key runs once per (scope, key). The first
// request claims the key with an INSERT … ON CONFLICT DO NOTHING (the database decides who
// runs, across instances); its response is stored and replayed to every retry. The same key
// with a different body is refused with 422.
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { prisma } from "../db";
import { ApiError } from "./errors";
import type { Caller } from "../auth";

export type StoredResponse = { status: number; body: unknown };

/** An in-flight claim older than this is assumed dead (its process crashed) and may be retried. */
const STALE_MS = 5 * 60_000;

export function idempotencyScope(route: string, caller: Caller): string {
  return `${route}:${caller.sellerId ? `s${caller.sellerId}` : caller.buyerId ? `b${caller.buyerId}` : `u${caller.userId ?? caller.apiKeyId}`}`;
}

export async function idempotent(
  req: Request,
  scope: string,
  body: unknown,
  run: () => Promise<StoredResponse>,
): Promise<NextResponse> {
  const key = req.headers.get("idempotency-key")?.trim();
  if (!key) return respond(await run());
  if (key.length > 255) {
    throw new ApiError("validation_failed", "Idempotency-Key is too long", [{ field: "Idempotency-Key", issue: "at most 255 characters" }]);
  }
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const claimed = await prisma.$queryRaw<{ key: string }[]>`
    INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash") VALUES (${scope}, ${key}, ${requestHash})
    ON CONFLICT ("scope", "key") DO UPDATE SET "createdAt" = now()
      WHERE "IdempotencyRecord"."completedAt" IS NULL
        AND "IdempotencyRecord"."createdAt" < ${new Date(Date.now() - STALE_MS)}
        AND "IdempotencyRecord"."requestHash" = EXCLUDED."requestHash"
    RETURNING "key"`;
  if (!claimed.length) {
    const prior = await prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (prior && prior.requestHash !== requestHash) {
      throw new ApiError("idempotency_key_mismatch", "This Idempotency-Key was used with a different request body", [
        { field: "Idempotency-Key", issue: "reuse a key only to retry the identical request" },
      ]);
    }
    if (!prior?.completedAt || prior.responseStatus === null) {
      throw new ApiError("idempotency_conflict", "A request with this Idempotency-Key is still being processed; retry shortly");
    }
    return respond({ status: prior.responseStatus, body: prior.responseBody }, true);
  }
  let result: StoredResponse;
  try {
    result = await run();
  } catch (err) {
    // Nothing was applied (errors roll back): release the key so a retry runs for real.
    await prisma.idempotencyRecord.delete({ where: { scope_key: { scope, key } } }).catch(() => {});
    throw err;
  }
  await prisma.idempotencyRecord.update({
    where: { scope_key: { scope, key } },
    data: { responseStatus: result.status, responseBody: result.body as object, completedAt: new Date() },
  });
  return respond(result);
}

function respond(r: StoredResponse, replayed = false): NextResponse {
  return NextResponse.json(r.body, { status: r.status, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
}
