// Admin account management: creating and editing buyer and seller accounts and the users who act
// for them (lib/accounts.ts is the money side: balances as the API shows them, adjustments).
// Balances are never set here: a new account starts at 0 and only the ledger moves money.
import { prisma } from "./db";
import { audit } from "./audit";
import { ApiError } from "./api/errors";
import { centsToDecimal } from "./money";
import { hashPassword } from "./password";
import { announceKeyChange } from "./api-keys";
import { announceCampaignChange } from "./campaign-events";
import type { Caller } from "./auth/types";
import { ruleToColumns, serializeRule } from "./pipeline/payout";
import type { Prisma } from "./generated/prisma/client";
import type {
  CreateBuyerBody,
  CreateSellerBody,
  CreateUserBody,
  UpdateBuyerBody,
  UpdateSellerBody,
  UpdateUserBody,
} from "./validation/accounts";

type Page = { status?: "active" | "suspended"; limit: number; offset: number };

const userSelect = {
  id: true,
  username: true,
  role: true,
  fullName: true,
  email: true,
  status: true,
  buyerId: true,
  sellerId: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export async function createBuyer(caller: Caller, body: CreateBuyerBody, ip?: string) {
  const buyer = await prisma.buyer.create({
    data: {
      companyName: body.companyName,
      email: body.email ?? null,
      status: body.status,
      creditLimit: centsToDecimal(body.creditLimit ?? 0),
    },
  });
  await audit({
    action: "buyer.created",
    caller,
    targetType: "buyer",
    targetId: buyer.id,
    ip,
    details: { companyName: buyer.companyName },
  });
  return buyer;
}

export function listBuyers(q: Page) {
  return prisma.buyer.findMany({
    where: q.status ? { status: q.status } : {},
    orderBy: { id: "asc" },
    take: q.limit,
    skip: q.offset,
  });
}

function changedFields(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => body[k] !== undefined);
}

/** Edits a buyer account. Suspension is enforced on each request by the key and session lookups. */
export async function updateBuyer(caller: Caller, id: number, body: UpdateBuyerBody, ip?: string) {
  const { count } = await prisma.buyer.updateMany({
    where: { id },
    data: {
      ...(body.companyName !== undefined ? { companyName: body.companyName } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.creditLimit !== undefined ? { creditLimit: centsToDecimal(body.creditLimit) } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    },
  });
  if (!count) throw new ApiError("not_found", `No buyer with id ${id}`);
  // Suspension ends its users' sessions for good: a later reactivation does not revive old tokens.
  if (body.status === "suspended")
    await prisma.user.updateMany({ where: { buyerId: id }, data: { sessionVersion: { increment: 1 } } });
  if (body.status !== undefined) {
    // Keys of a suspended account stop working on every instance now, and its campaigns stop buying.
    await announceKeyChange();
    await announceCampaignChange(prisma);
  }
  const { creditLimit, ...rest } = body;
  await audit({
    action: "buyer.updated",
    caller,
    targetType: "buyer",
    targetId: id,
    ip,
    details: {
      changed: changedFields(body),
      ...rest,
      ...(creditLimit !== undefined ? { creditLimitCents: creditLimit } : {}),
    },
  });
  return prisma.buyer.findUniqueOrThrow({ where: { id } });
}

export async function updateSeller(caller: Caller, id: number, body: UpdateSellerBody, ip?: string) {
  const { count } = await prisma.seller.updateMany({
    where: { id },
    data: {
      ...(body.companyName !== undefined ? { companyName: body.companyName } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: body.rateLimitPerSecond } : {}),
      ...(body.payoutRule !== undefined ? ruleToColumns(body.payoutRule) : {}),
    },
  });
  if (!count) throw new ApiError("not_found", `No seller with id ${id}`);
  if (body.status === "suspended")
    await prisma.user.updateMany({ where: { sellerId: id }, data: { sessionVersion: { increment: 1 } } });
  // Keys, rate limits and payout rules are cached per instance: every instance drops its copy now.
  if (body.status !== undefined || body.rateLimitPerSecond !== undefined || body.payoutRule !== undefined)
    await announceKeyChange();
  const { payoutRule, ...rest } = body;
  await audit({
    action: "seller.updated",
    caller,
    targetType: "seller",
    targetId: id,
    ip,
    details: {
      changed: changedFields(body),
      ...rest,
      ...(payoutRule !== undefined ? { payoutRule: serializeRule(payoutRule) } : {}),
    },
  });
  return prisma.seller.findUniqueOrThrow({ where: { id } });
}

export async function createSeller(caller: Caller, body: CreateSellerBody, ip?: string) {
  const seller = await prisma.seller.create({
    data: {
      companyName: body.companyName,
      email: body.email ?? null,
      status: body.status,
      ...ruleToColumns(body.payoutRule ?? null),
    },
  });
  await audit({
    action: "seller.created",
    caller,
    targetType: "seller",
    targetId: seller.id,
    ip,
    details: { companyName: seller.companyName, payoutRule: serializeRule(body.payoutRule ?? null) },
  });
  return seller;
}

export function listSellers(q: Page) {
  return prisma.seller.findMany({
    where: q.status ? { status: q.status } : {},
    orderBy: { id: "asc" },
    take: q.limit,
    skip: q.offset,
  });
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

export async function createUser(caller: Caller, body: CreateUserBody, ip?: string) {
  if (body.buyerId !== undefined && !(await prisma.buyer.count({ where: { id: body.buyerId } }))) {
    throw new ApiError("validation_failed", "No such buyer account", [
      { field: "buyerId", issue: "no account with this id" },
    ]);
  }
  if (body.sellerId !== undefined && !(await prisma.seller.count({ where: { id: body.sellerId } }))) {
    throw new ApiError("validation_failed", "No such seller account", [
      { field: "sellerId", issue: "no account with this id" },
    ]);
  }
  let user: Prisma.UserGetPayload<{ select: typeof userSelect }>;
  try {
    // The unique index on username decides between two admins creating the same name at once.
    user = await prisma.user.create({
      data: {
        username: body.username,
        passwordHash: await hashPassword(body.password),
        role: body.role,
        fullName: body.fullName,
        email: body.email,
        status: body.status,
        buyerId: body.buyerId ?? null,
        sellerId: body.sellerId ?? null,
      },
      select: userSelect,
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new ApiError("conflict", `The username ${body.username} is taken`, [
        { field: "username", issue: "already in use" },
      ]);
    }
    throw e;
  }
  await audit({
    action: "user.created",
    caller,
    targetType: "user",
    targetId: user.id,
    ip,
    details: { username: user.username, role: user.role, buyerId: user.buyerId, sellerId: user.sellerId },
  });
  return user;
}

export function listUsers(q: Page & { role?: "admin" | "buyer" | "seller"; buyerId?: number; sellerId?: number }) {
  return prisma.user.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(q.role ? { role: q.role } : {}),
      ...(q.buyerId !== undefined ? { buyerId: q.buyerId } : {}),
      ...(q.sellerId !== undefined ? { sellerId: q.sellerId } : {}),
    },
    select: userSelect,
    orderBy: [{ createdAt: "asc" }, { username: "asc" }],
    take: q.limit,
    skip: q.offset,
  });
}

export function findUser(id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return Promise.resolve(null);
  return prisma.user.findUnique({ where: { id }, select: userSelect });
}

export async function updateUser(caller: Caller, id: string, body: UpdateUserBody, ip?: string) {
  if (!(await findUser(id))) throw new ApiError("not_found", `No user with id ${id}`);
  // An admin suspending itself would lock the last door; another admin can do it.
  if (id === caller.userId && body.status === "suspended") {
    throw new ApiError("unprocessable", "You cannot suspend your own account", [
      { field: "status", issue: "not allowed on yourself" },
    ]);
  }
  const user = await prisma.user.update({
    where: { id },
    data: {
      ...(body.status ? { status: body.status } : {}),
      ...(body.fullName ? { fullName: body.fullName } : {}),
      ...(body.email ? { email: body.email } : {}),
      ...(body.password ? { passwordHash: await hashPassword(body.password) } : {}),
      // Suspension (or reactivation) and a password reset end every open session of the user.
      ...(body.status || body.password ? { sessionVersion: { increment: 1 } } : {}),
    },
    select: userSelect,
  });
  await audit({
    action: "user.updated",
    caller,
    targetType: "user",
    targetId: id,
    ip,
    // Which fields changed, never the new password.
    details: { changed: changedFields(body), status: body.status ?? null },
  });
  return user;
}
