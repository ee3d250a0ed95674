// GET /api/health: liveness plus database reachability. No auth, one trivial query.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/log";
import type { HealthJson } from "@/lib/openapi/types";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return NextResponse.json<HealthJson>({ status: "ok", database: "ok" });
  } catch (err) {
    logger.error({ err }, "health: database unreachable");
    return NextResponse.json<HealthJson>({ status: "degraded", database: "unreachable" }, { status: 503 });
  }
}
