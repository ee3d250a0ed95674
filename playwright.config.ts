// Browser tests against the production server (`npm start`) on its own fresh database,
// driven by Debian's Chromium (Playwright's browser download is not available offline).
import { defineConfig } from "@playwright/test";
import { localCertificate } from "./e2e/tls";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const tls = localCertificate();
process.env.E2E_TLS_CERT = tls.cert;
process.env.E2E_TLS_KEY = tls.key;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Loopback https webhook receivers (e2e/consumer-rights.spec.ts): allowed past the SSRF guard,
    // their self-signed certificate trusted.
    env: {
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      DELIVERY_ALLOW_HOSTS: process.env.DELIVERY_ALLOW_HOSTS ?? "127.0.0.1",
      NODE_EXTRA_CA_CERTS: tls.cert,
    },
  },
});
