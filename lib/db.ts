// The one Prisma client module: the adapter (real PostgreSQL or embedded PGlite)
// is chosen here and nowhere else.
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { metrics } from "./metrics";

export type Db = PrismaClient;
/** The client a domain function runs in: the root client or an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function isEmbedded(): boolean {
  return !env.DATABASE_URL;
}

/** Opens the embedded database under DATA_DIR ("memory://" for an in-memory one). */
export function openPglite(dataDir = env.DATA_DIR): PGlite {
  if (dataDir.startsWith("memory://")) return new PGlite(dataDir);
  const dir = path.resolve(dataDir, "pglite");
  // PGlite fails with an opaque "External error" when the parent folder is missing.
  mkdirSync(path.dirname(dir), { recursive: true });
  return new PGlite(dir);
}

export function createPrismaClient(
  opts: { databaseUrl?: string; pglite?: PGlite; poolMax?: number; onPool?: (pool: pg.Pool) => void } = {},
) {
  if (opts.pglite) return new PrismaClient({ adapter: new PrismaPGlite(opts.pglite) });
  const url = opts.databaseUrl ?? env.DATABASE_URL;
  if (url) {
    // Our own pg.Pool (the adapter would make the same one) so its in-use/waiting counts can be
    // metered; the process-wide client shares the hot path's pool (lib/sql.ts), disconnect() ends it.
    const shared = !opts.databaseUrl && !opts.poolMax;
    const pool = shared ? getPool() : new pg.Pool({ connectionString: url, max: opts.poolMax ?? 20 });
    opts.onPool?.(pool);
    return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: !shared }) });
  }
  return new PrismaClient({ adapter: new PrismaPGlite(getPglite()) });
}

const g = globalThis as unknown as { __tlgPrisma?: PrismaClient; __tlgPglite?: PGlite; __tlgPool?: pg.Pool };

/**
 * The process-wide pg pool on real PostgreSQL, shared by Prisma (through its adapter) and by the
 * hot path's raw statements (lib/sql.ts), so both count against one connection budget.
 */
export function getPool(): pg.Pool {
  if (!env.DATABASE_URL) throw new Error("getPool: no DATABASE_URL (embedded PGlite has no pool)");
  g.__tlgPool ??= new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 });
  return g.__tlgPool;
}

/** The process-wide embedded database (one per process: PGlite allows one opener per folder). */
export function getPglite(): PGlite {
  g.__tlgPglite ??= openPglite();
  return g.__tlgPglite;
}

function client(): PrismaClient {
  g.__tlgPrisma ??= createPrismaClient({ onPool: (pool) => metrics.setPool(pool) });
  return g.__tlgPrisma;
}

/**
 * The process-wide client, created on first use (so that importing this module,
 * as `next build` does, opens no database). Survives hot reloads in development.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/** Closes the process-wide client and embedded database (scripts, tests). */
export async function disconnect(): Promise<void> {
  await g.__tlgPrisma?.$disconnect();
  g.__tlgPrisma = undefined;
  const pool = g.__tlgPool;
  g.__tlgPool = undefined;
  if (pool && !pool.ended) await pool.end().catch(() => {});
  metrics.setPool(null);
  if (g.__tlgPglite && !g.__tlgPglite.closed) await g.__tlgPglite.close();
  g.__tlgPglite = undefined;
}
