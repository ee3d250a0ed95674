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
};

export default nextConfig;
