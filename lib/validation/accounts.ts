// Admin account management bodies. Strict: a field that is not listed (balance, role on PATCH,
// ids) is refused with a 400 naming it, never silently stored.
import { z } from "zod";
import { ACCOUNT_AMOUNT_MESSAGE, money, opt, queryId } from "./fields";
import { PayoutRuleBody } from "./payout-rule";

const accountId = z.number().int().positive().max(2_147_483_647);
const status = z.enum(["active", "suspended"]);
const email = z.string().trim().toLowerCase().email("must be an email address").max(200);
const companyName = z.string().trim().min(1, "is required").max(200);

const creditLimit = (description: string) =>
  money({ min: 0, max: 100_000_000, message: ACCOUNT_AMOUNT_MESSAGE, description });

export const CreateBuyerBody = z
  .strictObject({
    companyName: companyName.describe("The buyer's company name"),
    email: email.optional().describe("Billing contact"),
    creditLimit: opt(creditLimit('How far below zero the prepaid balance may go, e.g. "500.00" (default 0)')),
    status: status.default("active").describe("active or suspended"),
  })
  .describe("POST /api/admin/buyers (the balance starts at 0 and only moves through the ledger)");
export type CreateBuyerBody = z.infer<typeof CreateBuyerBody>;

export const CreateSellerBody = z
  .strictObject({
    companyName: companyName.describe("The seller's company name"),
    email: email.optional().describe("Contact address"),
    status: status.default("active").describe("active or suspended"),
    payoutRule: PayoutRuleBody.nullable()
      .optional()
      .describe(
        "How the seller is paid (absent or null: the marketplace default, PAYOUT_DEFAULT_SHARE_BPS of revenue)",
      ),
  })
  .describe("POST /api/admin/sellers");
export type CreateSellerBody = z.infer<typeof CreateSellerBody>;

const someChange = (b: Record<string, unknown>) => Object.values(b).some((v) => v !== undefined);

export const UpdateBuyerBody = z
  .strictObject({
    companyName: companyName.optional(),
    email: email.nullable().optional().describe("null clears it"),
    creditLimit: opt(creditLimit("How far below zero the prepaid balance may go")),
    status: status.optional().describe("suspended: the account's users and API keys stop working at once"),
  })
  .refine(someChange, { message: "send at least one field to change" })
  .describe("PATCH /api/admin/buyers/{id} (the balance is not editable: use a ledger adjustment)");
export type UpdateBuyerBody = z.infer<typeof UpdateBuyerBody>;

export const UpdateSellerBody = z
  .strictObject({
    companyName: companyName.optional(),
    email: email.nullable().optional().describe("null clears it"),
    status: status.optional().describe("suspended: the account's users and API keys stop working at once"),
    rateLimitPerSecond: z
      .number()
      .int("must be a whole number")
      .min(0, "must be 0 (unlimited) or more")
      .max(1_000_000)
      .nullable()
      .optional()
      .describe("Seller API requests per second across its keys; 0 = unlimited, null = the server default"),
    payoutRule: PayoutRuleBody.nullable()
      .optional()
      .describe("How the seller is paid for a sold lead; null: the marketplace default share"),
  })
  .refine(someChange, { message: "send at least one field to change" })
  .describe("PATCH /api/admin/sellers/{id}");
export type UpdateSellerBody = z.infer<typeof UpdateSellerBody>;

const password = z.string().min(10, "must be at least 10 characters").max(200);

export const CreateUserBody = z
  .strictObject({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, "3-50 characters: letters, digits, . _ -")
      .describe("Login name (case-insensitive)"),
    password: password.describe("Initial password (at least 10 characters); stored as an Argon2id hash"),
    role: z.enum(["admin", "buyer", "seller"]).describe("admin, buyer or seller"),
    fullName: z.string().trim().min(1, "is required").max(200).describe("The person's name"),
    email: email.describe("The person's email"),
    buyerId: accountId.optional().describe("Required for role buyer: the buyer account the user acts for"),
    sellerId: accountId.optional().describe("Required for role seller: the seller account the user acts for"),
    status: status.default("active"),
  })
  .superRefine((u, ctx) => {
    const need = u.role === "buyer" ? "buyerId" : u.role === "seller" ? "sellerId" : null;
    for (const field of ["buyerId", "sellerId"] as const) {
      if (field === need && u[field] === undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `is required for role ${u.role}` });
      }
      if (field !== need && u[field] !== undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `not allowed for role ${u.role}` });
      }
    }
  })
  .describe("POST /api/admin/users");
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .strictObject({
    status: status.optional().describe("suspended: the user can no longer log in, and open sessions stop working"),
    fullName: z.string().trim().min(1).max(200).optional(),
    email: email.optional(),
    password: password.optional().describe("Sets a new password"),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "send at least one field to change" })
  .describe("PATCH /api/admin/users/{id} (role and account links cannot be changed; create a new user instead)");
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

const intString = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n <= max, `must be at most ${max}`);

export const AccountListQuery = z.object({
  status: status.optional(),
  limit: intString(500)
    .default(100)
    .describe("Page size, 1-500 (default 100)")
    .refine((n) => n >= 1, "must be at least 1"),
  offset: intString(1_000_000).default(0).describe("Rows to skip"),
});

export const UserListQuery = AccountListQuery.extend({
  role: z.enum(["admin", "buyer", "seller"]).optional(),
  buyerId: opt(queryId("buyer")),
  sellerId: opt(queryId("seller")),
});
