// Prisma migrations without the native schema engine: Prisma's own engine
// compiled to WebAssembly, driven through a driver adapter. The migrations
// folder stays in Prisma's standard layout and history table (_prisma_migrations),
// so `prisma migrate deploy/status` agree wherever the native engine exists.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

export const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const LOCKFILE = 'provider = "postgresql"\n';

type Engine = {
  diff(p: unknown): Promise<{ exitCode: number; stdout: string }>;
  applyMigrations(p: unknown): Promise<{ appliedMigrationNames: string[] }>;
  free(): void;
};

let wasmReady: Promise<{ SchemaEngine: { new: (o: unknown, cb: unknown, f: unknown) => Promise<Engine> } }> | undefined;

async function loadWasm() {
  wasmReady ??= (async () => {
    // Node 20 cannot import .wasm as an ES module: instantiate it by hand.
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await import(pathToFileURL(bgPath).href);
    const bytes = readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return wasmReady;
}

export type MigrationTarget = { databaseUrl: string } | { pglite: PGlite };

type ScriptAdapter = { executeScript(script: string): Promise<void>; onError(e: unknown): never };

// adapter-pg's executeScript splits a migration on every ";" and runs the pieces one
// by one: that breaks dollar-quoted function bodies and leaves a half-applied
// migration on failure. Sending the whole file as one simple-protocol query runs it
// in one implicit transaction, as the native engine does.
class PgMigrationFactory extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const pool = (adapter as unknown as { client: { query(sql: string): Promise<unknown> } }).client;
    const a = adapter as unknown as ScriptAdapter;
    a.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (e) {
        a.onError(e);
      }
    };
    return adapter;
  }
}

function adapterFactory(target: MigrationTarget): SqlMigrationAwareDriverAdapterFactory {
  if ("pglite" in target) return new PrismaPGlite(target.pglite);
  return new PgMigrationFactory({
    connectionString: target.databaseUrl,
  }) as unknown as SqlMigrationAwareDriverAdapterFactory;
}

async function withEngine<T>(target: MigrationTarget, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadWasm();
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (log: string) => logs.push(log),
    bindMigrationAwareSqlAdapterFactory(adapterFactory(target)),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

export function listMigrations() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: LOCKFILE },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** SQL that takes a database built from the committed migrations to schema.prisma ("" when in sync). */
export async function pendingSchemaDiff(): Promise<string> {
  // The diff replays the migrations into a throwaway in-memory shadow database.
  const shadow = new PGlite();
  try {
    return await withEngine({ pglite: shadow }, async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...listMigrations() },
        to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] },
        script: true,
        shadowDatabaseUrl: null,
        exitCode: null,
        filters: noFilters,
      });
      const sql = result.stdout.trim();
      return sql === "-- This is an empty migration." ? "" : sql;
    });
  } finally {
    await shadow.close();
  }
}

/** Applies pending migrations; returns the names applied. Idempotent. */
export async function applyMigrations(target: MigrationTarget): Promise<string[]> {
  return withEngine(target, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: listMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  });
}
