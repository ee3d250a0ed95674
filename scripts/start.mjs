// npm start: build when needed, prepare the database, then serve the production build.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT || "3000";

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) {
    if (entry === "generated" || entry === "node_modules" || entry.startsWith(".")) continue;
    max = Math.max(max, newestMtime(path.join(p, entry)));
  }
  return max;
}

function needsBuild() {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = [
    "app",
    "components",
    "lib",
    "public",
    "instrumentation.ts",
    "prisma/schema.prisma",
    "next.config.mjs",
    "package.json",
    "postcss.config.mjs",
  ];
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

function run(cmd, args, extra = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit", ...extra });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r;
}

if (needsBuild()) {
  console.log("[start] building the production bundle (next build)…");
  run(process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")]);
  run(bin("next"), ["build"], { env: { ...env, NODE_ENV: "production" } });
}

// The database step runs in its own process (PGlite allows one opener at a time; it exits first).
const prep = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "prepare-db.ts")], {
  cwd: root,
  env: { ...env, TLG_SECRET_FD: "3" },
  stdio: ["inherit", "inherit", "inherit", "pipe"],
});
if (prep.status !== 0) process.exit(prep.status ?? 1);
const secret = env.AUTH_SECRET || env.NEXTAUTH_SECRET || String(prep.output[3] ?? "").trim();

const url = env.APP_URL || `http://localhost:${port}`;
// scripts/socket-peer.cjs tells route handlers the socket's peer address (see lib/api/request.ts clientIp).
const preload = `--require ${JSON.stringify(path.join(root, "scripts", "socket-peer.cjs"))}`;
const server = spawn(bin("next"), ["start", "-p", port, ...(env.HOSTNAME ? ["-H", env.HOSTNAME] : [])], {
  cwd: root,
  stdio: "inherit",
  // APP_URL is always set for the server: the CSRF check compares Origin with it (never with Host).
  env: {
    ...env,
    NODE_OPTIONS: [env.NODE_OPTIONS, preload].filter(Boolean).join(" "),
    APP_URL: url,
    AUTH_SECRET: secret,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: env.NEXTAUTH_URL || url,
  },
});
console.log(`[start] serving ${url}`);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
