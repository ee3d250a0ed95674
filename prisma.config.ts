// Prisma 7 CLI configuration. The app never reads DATABASE_URL here: lib/db.ts
// chooses the adapter. This only lets `prisma migrate status/deploy` work where
// the native engine exists.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
