// POST /api/admin/users {username, password, role, fullName, email, buyerId?|sellerId?} → 201 the user.
// GET  /api/admin/users[?role=&buyerId=&sellerId=&status=&limit=&offset=] → users. Admin only.
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { parseObject, parseQuery } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { createUser, listUsers } from "@/lib/admin-accounts";
import { serializeAdminUser } from "@/lib/serializers/accounts";
import { CreateUserBody, UserListQuery } from "@/lib/validation/accounts";

export const POST = route(async (req) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const user = await createUser(caller, parseObject(body, CreateUserBody), clientIp(req));
  return NextResponse.json(serializeAdminUser(user), { status: 201 });
});

export const GET = route(async (req) => {
  await requireCaller(req, ["admin"]);
  const users = await listUsers(parseQuery(req, UserListQuery));
  return NextResponse.json(users.map(serializeAdminUser));
});
