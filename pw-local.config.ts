import { defineConfig } from "@playwright/test";
export default defineConfig({
  testDir: "/work/wt-7/e2e",
  outputDir: "/tmp/wt7-test-results",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: "http://localhost:3171",
    launchOptions: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] },
  },
});
