// `prisma generate` offline: the CLI insists on finding a schema engine binary
// before generating, though generate never runs it. Only when the real engine
// is absent (no network to download it), point it at a placeholder file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const enginesDir = path.join(root, "node_modules", "@prisma", "engines");
const hasEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = path.join(root, "node_modules", ".cache", "prisma-schema-engine-placeholder");
  mkdirSync(path.dirname(placeholder), { recursive: true });
  writeFileSync(placeholder, "");
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
const bin = path.join(root, "node_modules", "prisma", "build", "index.js");
const r = spawnSync(process.execPath, [bin, "generate", "--schema", path.join(root, "prisma", "schema.prisma")], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
