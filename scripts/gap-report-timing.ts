// Times the gap report's queries on a 100k-lead history (target: under 200 ms).
//   DATABASE_URL=postgresql://…/a_scratch_db npx tsx --conditions=react-server scripts/gap-report-timing.ts
// The database is wiped and rebuilt: it must be a scratch database whose name contains "scratch",
// "bench" or "timing". Builds the demo seed (scripts/prepare-db.ts, SEED_DEMO=1), bench/seed.ts's
// seedMarketplace history (100k leads, 15% unsold), then gives each unsold history lead 2–6
// campaign passes with realistic reasons (one in ten: none, i.e. no campaign considered it).
import { spawnSync } from "node:child_process";
import path from "node:path";
import os from "node:os";
import pg from "pg";
import { openSql, seedMarketplace } from "../bench/seed";

const url = process.env.DATABASE_URL;
if (!url || !/scratch|bench|timing/.test(new URL(url).pathname)) {
  console.error("Set DATABASE_URL to a scratch database (its name containing scratch, bench or timing): it is wiped.");
  process.exit(2);
}
const HISTORY = Number(process.env.HISTORY ?? 100_000);
const RUNS = 7;

async function main() {
  // REUSE=1: time again on the history a previous run built.
  if (process.env.REUSE !== "1") await build();
  const sql = await openSql({ databaseUrl: url });
  const [counts] = await sql.query<{ leads: number; unsold: number; passes: number }>(`
    SELECT count(*)::int AS leads, count(*) FILTER (WHERE status = 'unsold')::int AS unsold,
           coalesce(sum(jsonb_array_length("unsoldReasons")) FILTER (WHERE status = 'unsold'), 0)::int AS passes FROM "Lead"`);
  const [seller] = await sql.query<{ id: number }>(
    `SELECT "sellerId" AS id FROM "Lead" WHERE status = 'unsold' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const [buyer] = await sql.query<{ id: number }>(
    `SELECT c."buyerId" AS id FROM "Lead" l, jsonb_array_elements(l."unsoldReasons") x JOIN "BuyerCampaign" c ON c.id = (x->>'campaignId')::int WHERE l.status = 'unsold' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  await sql.close();
  console.log(`history: ${counts.leads} leads, ${counts.unsold} unsold with ${counts.passes} stored passes`);
  await time(seller.id, buyer.id);
}

async function build() {
  const dbName = new URL(url!).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url!.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const root = path.resolve(import.meta.dirname, "..");
  const prep = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "prepare-db.ts")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SEED_DEMO: "1", NODE_ENV: "development" },
  });
  if (prep.status !== 0) throw new Error(`prepare-db failed:\n${prep.stdout}\n${prep.stderr}`);
  const seed = await openSql({ databaseUrl: url });
  const sql = seed;
  await seedMarketplace(sql, { buyers: 50, sellers: 10, campaigns: 500, history: HISTORY, sellerKeys: 1 }, (s) =>
    console.log(`seed: ${s}`),
  );
  await sql.query(`
    UPDATE "Lead" l SET "unsoldReasons" = CASE WHEN l.id % 10 = 0 THEN '[]'::jsonb ELSE COALESCE((
      SELECT jsonb_agg(jsonb_build_object('campaignId', c.id, 'buyerId', c."buyerId",
               'reason', (ARRAY['cap_reached','budget_reached','insufficient_balance','geo_mismatch','filter_mismatch','outside_schedule','no_bid'])[1 + (l.id + c.id) % 7]))
      FROM (SELECT id, "buyerId" FROM "BuyerCampaign" c WHERE c.vertical = l.vertical ORDER BY (c.id * 7919 + l.id) % 1009 LIMIT 2 + l.id % 5) c), '[]'::jsonb) END
    WHERE l.status = 'unsold' AND l.source = 'bench-history'`);
  await sql.query("VACUUM ANALYZE");
  await sql.close();
}

async function time(sellerId: number, buyerId: number) {
  const seller = { id: sellerId };
  const buyer = { id: buyerId };
  // The app's own query functions, on the app's Prisma client.
  const { unsoldByReason, unsoldByReasonSql, unsoldTotals, campaignPasses, CAPACITY_REASONS } = await import(
    "../lib/queries/unsold"
  );
  const { prisma, disconnect } = await import("../lib/db");
  const now = new Date();
  const last30 = { from: new Date(now.getTime() - 30 * 86_400_000), to: now };
  const all = { from: new Date(now.getTime() - 60 * 86_400_000), to: now };
  const cases: [string, () => Promise<unknown>][] = [
    ["admin, rows, last 30 days", () => unsoldByReason({}, last30)],
    ["admin, rows, whole history (60 days)", () => unsoldByReason({}, all)],
    ["admin, totals, last 30 days", () => unsoldTotals({}, last30)],
    [
      "admin, campaigns turned away by caps/balances, top 10",
      () => campaignPasses({}, last30, { reasons: CAPACITY_REASONS, limit: 10 }),
    ],
    [`seller ${seller.id} (most unsold), rows, last 30 days`, () => unsoldByReason({ sellerId: seller.id }, last30)],
    [`buyer ${buyer.id} (most passes), rows, last 30 days`, () => unsoldByReason({ buyerId: buyer.id }, last30)],
    [`buyer ${buyer.id}, per campaign, last 30 days`, () => campaignPasses({ buyerId: buyer.id }, last30)],
  ];
  for (const [name, fn] of cases) {
    await fn();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    console.log(`${name}: median ${ms[RUNS >> 1].toFixed(1)} ms, max ${ms[RUNS - 1].toFixed(1)} ms (${RUNS} runs)`);
  }
  const plan = await prisma.$queryRaw<
    { "QUERY PLAN": string }[]
  >`EXPLAIN (ANALYZE, COSTS OFF) ${unsoldByReasonSql({}, last30)}`;
  console.log(`plan (admin, last 30 days):\n${plan.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}`);
  console.log(
    `load average while timing: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} on ${os.cpus().length} cores`,
  );
  await disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
