// What `npm start` does before serving: migrate, seed an empty database, make sure a
// session secret exists (stored in the database so every app instance shares it).
import { randomBytes } from "node:crypto";
import { applyMigrations } from "./migrations";
import { env } from "./env";
import { getPglite, prisma } from "./db";
import { seedDemo, DEMO_USERS, DEMO_PASSWORD } from "./seed";

export async function ensureAuthSecret(): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const candidate = randomBytes(32).toString("base64url");
  // Insert-if-absent then read back: concurrent starters all end up with the same secret.
  await prisma.setting.createMany({ data: [{ key: "auth_secret", value: candidate }], skipDuplicates: true });
  const row = await prisma.setting.findUniqueOrThrow({ where: { key: "auth_secret" } });
  return row.value;
}

export async function prepareDatabase(log: (line: string) => void = console.log) {
  const target = env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pglite: getPglite() };
  log(env.DATABASE_URL ? "database: PostgreSQL (DATABASE_URL)" : `database: embedded PGlite at ${env.DATA_DIR}`);
  const applied = await applyMigrations(target);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "migrations: up to date");

  let seeded = false;
  if ((await prisma.user.count()) === 0) {
    if (env.NODE_ENV === "production" && !env.SEED_DEMO) {
      log("empty database: NODE_ENV=production, so no demo logins are created (set SEED_DEMO=1 to seed them)");
    } else {
      const result = await seedDemo(prisma);
      seeded = result.seeded;
      log("seeded demo data");
    }
  }
  const secret = await ensureAuthSecret();
  const demo = await prisma.user.count({ where: { username: { in: [...DEMO_USERS] } } });
  return { seeded, secret, demoLogins: demo > 0 ? [...DEMO_USERS] : [], demoPassword: DEMO_PASSWORD };
}
