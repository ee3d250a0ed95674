// npm run db:seed: demo data into an empty database (idempotent; refuses in production unless SEED_DEMO=1).
import { env } from "../lib/env";
import { prisma, disconnect } from "../lib/db";
import { seedDemo, DEMO_PASSWORD } from "../lib/seed";

async function main() {
  if (env.NODE_ENV === "production" && !env.SEED_DEMO) {
    throw new Error("Refusing to create demo logins with NODE_ENV=production. Set SEED_DEMO=1 to do it anyway.");
  }
  const result = await seedDemo(prisma);
  console.log(
    result.seeded
      ? `seeded demo data; logins ${result.users.join(", ")} with password "${DEMO_PASSWORD}"`
      : "database already has users: nothing seeded",
  );
}

main()
  .then(() => disconnect())
  .catch(async (e) => {
    console.error(e instanceof Error ? e.message : e);
    await disconnect().catch(() => {});
    process.exit(1);
  });
