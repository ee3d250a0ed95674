// Safe retries: a request carrying an Idempotency-Key runs once per (scope, key). The first
// request claims the key with an INSERT … ON CONFLICT DO NOTHING (the database decides who
// runs, across instances); its response is stored and replayed to every retry. The same key
// with a different body is refused with 422.
//
// A claim is a lease kept alive by its request. Nothing bounds a request's duration tightly
// enough to use a fixed window (the settle transaction alone may wait 20 s for a connection,
// run 20 s and be retried 5 times as a deadlock victim; synchronous buyer calls take up to 30 s
// each, round after round while buyers refuse), so the claimant renews the lease ("createdAt")
// every HEARTBEAT_MS while it works. A claim not renewed for LEASE_MS is dead: its process
// crashed or was killed, its transaction rolled back, and the next retry with the same key and
// body takes the claim over and runs the request for real. So after a crash an integrator's
// retry succeeds within LEASE_MS (15 s), not after 5 minutes; while the first request is alive
// retries get 409 idempotency_conflict with Retry-After (seconds) saying when to try again.
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { prisma } from "../db";
import { ApiError } from "./errors";
import type { Caller } from "../auth/types";

export type StoredResponse = { status: number; body: unknown };

/** A claim not renewed for this long is dead (its process crashed) and a retry may take it over. */
export const LEASE_MS = 15_000;
/** How often a running request renews its claim: three renewals fit in one lease. */
export const HEARTBEAT_MS = 5_000;

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
    throw new ApiError("validation_failed", "Idempotency-Key is too long", [
      { field: "Idempotency-Key", issue: "at most 255 characters" },
    ]);
  }
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const claimed = await prisma.$queryRaw<{ key: string }[]>`
    INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash") VALUES (${scope}, ${key}, ${requestHash})
    ON CONFLICT ("scope", "key") DO UPDATE SET "createdAt" = now()
      WHERE "IdempotencyRecord"."completedAt" IS NULL
        AND "IdempotencyRecord"."createdAt" < now() - make_interval(secs => ${LEASE_MS / 1000})
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
      // Alive: it will answer soon. Dead: its lease runs out at createdAt + LEASE_MS. Either way
      // come back after at most one heartbeat (a crashed claim is taken over once it expires).
      const leaseLeft = prior ? prior.createdAt.getTime() + LEASE_MS - Date.now() : 0;
      const retryAfter = Math.max(1, Math.ceil(Math.min(Math.max(leaseLeft, 0), HEARTBEAT_MS) / 1000));
      throw new ApiError(
        "idempotency_conflict",
        "A request with this Idempotency-Key is still being processed; retry shortly",
        [],
        {
          "Retry-After": String(retryAfter),
        },
      );
    }
    return respond({ status: prior.responseStatus, body: prior.responseBody }, true);
  }
  let result: StoredResponse;
  const heartbeat = setInterval(() => {
    prisma.$executeRaw`
      UPDATE "IdempotencyRecord" SET "createdAt" = now()
       WHERE "scope" = ${scope} AND "key" = ${key} AND "completedAt" IS NULL`.catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref?.();
  try {
    result = await run();
  } catch (err) {
    // Nothing was applied (errors roll back): release the key so a retry runs for real.
    await prisma.idempotencyRecord.delete({ where: { scope_key: { scope, key } } }).catch(() => {});
    throw err;
  } finally {
    clearInterval(heartbeat);
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
