// Reliability tests: the production server (`node scripts/start.mjs`) against a real
// PostgreSQL, killed and restarted under load. Slow (minutes; the first run may also build .next),
// so they run last in `npm test` and never in parallel with each other.
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "tests/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/reliability/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    // A missing or stale .next is rebuilt by start.mjs before the first start: allow for it.
    testTimeout: 15 * 60_000,
    hookTimeout: 2 * 60_000,
  },
});
