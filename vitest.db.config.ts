// Database integration tests: a real PostgreSQL when DATABASE_URL is set, else in-memory PGlite.
// Files run one after another (they share one database); each test resets it.
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
    include: ["tests/db/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    setupFiles: ["tests/db/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      DATA_DIR: "memory://",
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      AUTH_SECRET: "test-secret-test-secret-test-secret",
      SELLER_RATE_LIMIT_PER_SECOND: "0",
    },
  },
});
