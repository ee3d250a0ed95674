// Login throttling, counted in PostgreSQL so it holds across app instances.
//
// Three limits within a sliding window:
//   - per (username, address) pair: LOGIN_MAX_FAILURES failures since that username's last success;
//   - per username from all addresses: LOGIN_USERNAME_MAX_FAILURES, a higher bar, so an attacker
//     guessing from a few addresses cannot lock the real user out of their own address, while a
//     distributed guess still stops;
//   - per client address: LOGIN_IP_MAX_FAILURES (never reset by a success, so an attacker cannot
//     clear it by logging into an account of their own).
//
// Concurrency: a plain count-then-insert lets N parallel guesses all see "4 failures so far"
// and all proceed. Here each attempt takes transaction-scoped advisory locks on its username
// and its address (always in the same order, so two attempts never deadlock), counts, and
// inserts its own row as a failure before the locks are released. The next attempt therefore
// sees every earlier attempt, finished or still verifying: exactly `limit` guesses get through.
// A row is turned into a success only after the password checked out.
import { createHash } from "node:crypto";
import { prisma } from "../db";
import { env } from "../env";

export type ThrottleLimits = { perPair: number; perUsername: number; perIp: number; windowSeconds: number };

export function defaultLimits(): ThrottleLimits {
  return {
    perPair: env.LOGIN_MAX_FAILURES,
    perUsername: env.LOGIN_USERNAME_MAX_FAILURES,
    perIp: env.LOGIN_IP_MAX_FAILURES,
    windowSeconds: env.LOGIN_WINDOW_SECONDS,
  };
}

export type ThrottleScope = "username_ip" | "username" | "ip";

export type AttemptTicket =
  | { ok: true; attemptId: bigint }
  | { ok: false; scope: ThrottleScope; retryAfterSeconds: number };

/** A 64-bit advisory lock key for a string (namespaced so other features' locks never collide in practice). */
function lockKey(s: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update(`tlg-login:${s}`).digest("hex").slice(0, 16)}`));
}

/**
 * Reserves one password check for `username` from `ip`, or says how long to wait.
 * Blocked attempts are not recorded as attempts (the audit log has them), so a client that
 * waits `retryAfterSeconds` is let through.
 */
export async function beginLoginAttempt(
  username: string,
  ip: string,
  limits = defaultLimits(),
): Promise<AttemptTicket> {
  const keys = [lockKey(`u:${username}`), lockKey(`ip:${ip}`)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const window = limits.windowSeconds;
  return prisma.$transaction(async (tx) => {
    for (const k of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${k}::bigint)`;
    // For each limit: the limit-th newest failure still in the window. If it exists the limit is
    // reached, and the wait is until that failure leaves the window. Timestamps are UTC wall time,
    // as Prisma stores them in "timestamp without time zone" columns.
    const blocked = await tx.$queryRaw<{ scope: ThrottleScope; retry: number }[]>`
      (SELECT 'username_ip' AS scope,
              ceil(extract(epoch FROM "createdAt" + make_interval(secs => ${window}) - (now() AT TIME ZONE 'UTC')))::int AS retry
         FROM "LoginAttempt"
        WHERE username = ${username} AND ip = ${ip} AND NOT success
          AND "createdAt" > (now() AT TIME ZONE 'UTC') - make_interval(secs => ${window})
          AND "createdAt" > coalesce((SELECT max("createdAt") FROM "LoginAttempt" WHERE username = ${username} AND success), '-infinity')
        ORDER BY "createdAt" DESC OFFSET ${limits.perPair - 1} LIMIT 1)
      UNION ALL
      (SELECT 'username' AS scope,
              ceil(extract(epoch FROM "createdAt" + make_interval(secs => ${window}) - (now() AT TIME ZONE 'UTC')))::int AS retry
         FROM "LoginAttempt"
        WHERE username = ${username} AND NOT success
          AND "createdAt" > (now() AT TIME ZONE 'UTC') - make_interval(secs => ${window})
          AND "createdAt" > coalesce((SELECT max("createdAt") FROM "LoginAttempt" WHERE username = ${username} AND success), '-infinity')
        ORDER BY "createdAt" DESC OFFSET ${limits.perUsername - 1} LIMIT 1)
      UNION ALL
      (SELECT 'ip' AS scope,
              ceil(extract(epoch FROM "createdAt" + make_interval(secs => ${window}) - (now() AT TIME ZONE 'UTC')))::int AS retry
         FROM "LoginAttempt"
        WHERE ip = ${ip} AND NOT success
          AND "createdAt" > (now() AT TIME ZONE 'UTC') - make_interval(secs => ${window})
        ORDER BY "createdAt" DESC OFFSET ${limits.perIp - 1} LIMIT 1)`;
    if (blocked.length) {
      const worst = blocked.reduce((a, b) => (b.retry > a.retry ? b : a));
      return { ok: false as const, scope: worst.scope, retryAfterSeconds: Math.max(1, Number(worst.retry)) };
    }
    const [row] = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "LoginAttempt" (username, ip, success, "createdAt")
      VALUES (${username}, ${ip}, false, now() AT TIME ZONE 'UTC') RETURNING id`;
    return { ok: true as const, attemptId: BigInt(row.id) };
  });
}

/** The password was right: this attempt stops counting, and the username's counter restarts. */
export async function markLoginSucceeded(attemptId: bigint): Promise<void> {
  await prisma.$executeRaw`UPDATE "LoginAttempt" SET success = true WHERE id = ${attemptId}`;
}
