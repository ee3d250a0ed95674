// Buyer, seller and user rows → the admin API's account objects (lib/openapi/responses.ts).
import { decimalToString } from "../money";
import type { AccountStatus, Prisma, Role } from "../generated/prisma/client";
import { env } from "../env";
import type { AdminBuyerJson, AdminSellerJson, AdminUserJson } from "../openapi/types";
import { ruleFromColumns, serializeRule, type PayoutColumns } from "../pipeline/payout";

type Money = Prisma.Decimal;

export function serializeBuyer(b: {
  id: number;
  companyName: string;
  email: string | null;
  status: AccountStatus;
  balance: Money;
  creditLimit: Money;
  createdAt: Date;
}): AdminBuyerJson {
  return {
    id: b.id,
    companyName: b.companyName,
    email: b.email,
    status: b.status,
    balance: decimalToString(b.balance),
    creditLimit: decimalToString(b.creditLimit),
    createdAt: b.createdAt.toISOString(),
  };
}

export function serializeSeller(
  s: {
    id: number;
    companyName: string;
    email: string | null;
    status: AccountStatus;
    balance: Money;
    rateLimitPerSecond: number | null;
    createdAt: Date;
  } & PayoutColumns,
): AdminSellerJson {
  const own = ruleFromColumns(s);
  return {
    id: s.id,
    companyName: s.companyName,
    email: s.email,
    status: s.status,
    balance: decimalToString(s.balance),
    rateLimitPerSecond: s.rateLimitPerSecond,
    payoutRule: serializeRule(own ?? { kind: "share", bps: env.PAYOUT_DEFAULT_SHARE_BPS }),
    payoutRuleSource: own ? "seller" : "default",
    createdAt: s.createdAt.toISOString(),
  };
}

/** Never the password hash. */
export function serializeAdminUser(u: {
  id: string;
  username: string;
  role: Role;
  fullName: string;
  email: string;
  status: AccountStatus;
  buyerId: number | null;
  sellerId: number | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}): AdminUserJson {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    fullName: u.fullName,
    email: u.email,
    status: u.status,
    buyerId: u.buyerId,
    sellerId: u.sellerId,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
