import { NextResponse } from "next/server";
import { sessionCookieName } from "@/lib/auth";

export async function POST() {
  const res = NextResponse.json({ message: "Logged out" });
  res.cookies.set(sessionCookieName(), "", { path: "/", maxAge: 0 });
  return res;
}
