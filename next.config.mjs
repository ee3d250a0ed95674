// Security headers on every response. Pages add a nonce CSP and HSTS in proxy.ts.
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];
// API responses are JSON, never a document: nothing may load or frame them.
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // WebAssembly / native parts must be loaded by Node, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    // One registry and one logger per process, loaded by Node (pino's transports use worker files).
    "prom-client",
    "pino",
    "pino-pretty",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Static security headers. Pages get their nonce CSP (and HSTS) from
  // proxy.ts; API routes get theirs here and HSTS from lib/api/handler.ts, never through proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
