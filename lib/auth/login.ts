// Password login, shared by next-auth's credentials provider and POST /api/auth/login:
// throttled (lib/auth/login-throttle.ts) and audit-logged, never the password.
import "server-only";
import { audit } from "../audit";
import { prisma } from "../db";
import { dummyHash, verifyPassword } from "../password";
import { beginLoginAttempt, markLoginSucceeded } from "./login-throttle";
import type { SessionUser } from "./types";

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "suspended" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Checks a username/password, throttled per username and per client address in PostgreSQL
 * (see lib/auth/login-throttle.ts), and writes the outcome to the audit log (never the password).
 */
export async function checkLogin(username: string, password: string, ip: string): Promise<LoginResult> {
  const uname = username.trim().toLowerCase();
  const ticket = await beginLoginAttempt(uname, ip);
  if (!ticket.ok) {
    await audit({ action: "login.throttled", ip, details: { username: uname, limit: ticket.scope } });
    return { ok: false, reason: "locked", retryAfterSeconds: ticket.retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({
    where: { username: uname },
    include: { buyer: { select: { status: true } }, seller: { select: { status: true } } },
  });
  // Verify against a real hash even for unknown usernames: a miss costs the same time as a wrong password.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !valid) {
    await audit({ action: "login.failure", ip, details: { username: uname } });
    return { ok: false, reason: "invalid" };
  }
  await markLoginSucceeded(ticket.attemptId);
  const caller = { userId: user.id, apiKeyId: null, role: user.role };
  if (user.status !== "active" || user.buyer?.status === "suspended" || user.seller?.status === "suspended") {
    await audit({ action: "login.suspended", caller, ip, details: { username: uname } });
    return { ok: false, reason: "suspended" };
  }
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await audit({ action: "login.success", caller, targetType: "user", targetId: user.id, ip });
  return {
    ok: true,
    user: {
      id: user.id,
      username: user.username,
      role: user.role,
      fullName: user.fullName,
      email: user.email,
      buyerId: user.buyerId,
      sellerId: user.sellerId,
      sessionVersion: user.sessionVersion,
    },
  };
}
