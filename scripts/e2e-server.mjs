// The server Playwright starts: `npm start` on a fresh database, so every run sees the same
// demo data. E2E_DATABASE_URL (a throwaway database) uses real PostgreSQL; otherwise PGlite.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env };
delete env.DATABASE_URL;

if (process.env.E2E_DATABASE_URL) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  await client.end();
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  const dir = path.join(root, ".data-e2e");
  rmSync(dir, { recursive: true, force: true });
  env.DATA_DIR = dir;
}

const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
