// GET   /api/admin/users/{id} → the user.
// PATCH /api/admin/users/{id} {status?, fullName?, email?, password?} → the user. Admin only.
// Suspending takes effect on the user's next request (sessions are re-checked against the database).
import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { parseObject } from "@/lib/api/request";
import { clientIp } from "@/lib/request-context";
import { requireCaller, requireCallerWithBody } from "@/lib/auth/caller";
import { findUser, updateUser } from "@/lib/admin-accounts";
import { serializeAdminUser } from "@/lib/serializers/accounts";
import { UpdateUserBody } from "@/lib/validation/accounts";

type Params = { id: string };

export const GET = route<Params>(async (req, { params }) => {
  await requireCaller(req, ["admin"]);
  const { id } = await params;
  const user = await findUser(id);
  if (!user) throw new ApiError("not_found", `No user with id ${id}`);
  return NextResponse.json(serializeAdminUser(user));
});

export const PATCH = route<Params>(async (req, { params }) => {
  const { caller, body } = await requireCallerWithBody(req, ["admin"]);
  const { id } = await params;
  const user = await updateUser(caller, id, parseObject(body, UpdateUserBody), clientIp(req));
  return NextResponse.json(serializeAdminUser(user));
});
