// Run by `npm start`: migrate, seed if empty, print logins. The session secret goes to
// file descriptor 3 when the parent opened one (never to the terminal).
import { writeSync } from "node:fs";
import { prepareDatabase } from "../lib/prepare";
import { disconnect } from "../lib/db";

async function main() {
  const result = await prepareDatabase((line) => console.log(`[start] ${line}`));
  if (process.env.TLG_SECRET_FD === "3") writeSync(3, result.secret);
  if (result.demoLogins.length) {
    console.log(`[start] demo logins (password "${result.demoPassword}"): ${result.demoLogins.join(", ")}`);
  }
}

main()
  .then(() => disconnect())
  .catch(async (e) => {
    console.error("[start] could not prepare the database:", e instanceof Error ? e.message : e);
    await disconnect().catch(() => {});
    process.exit(1);
  });
