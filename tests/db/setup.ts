// Shared by every database test file: migrate once per file, reset between tests.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { applyMigrations } from "@/lib/migrations";
import { env } from "@/lib/env";
import { getPglite, prisma, disconnect } from "@/lib/db";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { clearApiKeyCache } from "@/lib/api-keys";
import { resetRateLimits } from "@/lib/rate-limit";

export async function resetDatabase() {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (!tables.length) return;
  // The ledger refuses DELETE/UPDATE by trigger; TRUNCATE is a test-only reset and is allowed.
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
  );
  // The per-instance caches (campaign index, capacity snapshot, API keys) described the old rows.
  invalidateCampaignIndex();
  clearApiKeyCache();
  resetRateLimits();
}

beforeAll(async () => {
  await applyMigrations(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pglite: getPglite() });
});

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await disconnect();
});
