// Crash test: the production server (`node scripts/start.mjs`) on a real PostgreSQL
// is SIGKILLed at random moments while several sellers' clients post leads, restarted each time,
// and the load goes on. Clients behave like a careful integrator: every lead carries its own
// Idempotency-Key, and on a connection error or a 5xx the SAME request is retried with the SAME
// key; a 409 idempotency_conflict is retried after its Retry-After. Afterwards the database must
// show that nothing a client was told is lost or doubled, and that no money moved without its
// sale, ledger row and delivery:
//   - every acknowledged lead (200: leadId + status) exists with that status, its key replays it;
//   - per consumer (phone) at most one lead that is not rejected;
//   - every sale has exactly one lead_sale ledger row (same buyer, same price) and vice versa;
//     no buyer bought one lead twice; a seller is paid once per lead;
//   - every Buyer/Seller balance equals the sum of its ledger effects (lib/money.ts balanceEffect);
//   - every sale of a non-portal campaign has exactly one Delivery row (the outbox);
//   - leads a killed request left "pending" (orphans: created before settle, never settled) are
//     explained by the kills, hold no money, and are closed by the worker's sweep.
//
// It runs twice: on PostgreSQL when DATABASE_URL is set (CI sets it; the test creates its own
// database on that server named "<db>_crash", dropped and created afresh), and always on the
// embedded PGlite in a fresh folder, the default a newcomer's `npm start` uses: a SIGKILL of the one
// process with the database inside is exactly what can happen there. PGlite allows one opener per
// folder, so on PGlite the test reads the database only while the server is stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { randomUUID } from "node:crypto";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { SPEC_API_KEY } from "@/lib/seed";
import { balanceEffect, toCents, type LedgerType } from "@/lib/money";
import { phoneFormatOk, phoneLooksFake } from "@/lib/pipeline/validate";
import { INTERRUPTED } from "@/lib/pipeline/settle";

const ROOT = path.resolve(__dirname, "../..");
const BASE_DATABASE_URL = process.env.DATABASE_URL;
const CLIENTS = 6;
const KILLS = 4;
/** Load between a server being ready and the next kill: a random moment in this range (ms). */
const KILL_AFTER: [number, number] = [3_000, 8_000];
/** The server's sweep of pending leads (PENDING_LEAD_TIMEOUT_SECONDS), short so the test sees it. */
const PENDING_TIMEOUT_S = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (!BASE_DATABASE_URL) {
  console.warn("[crash] PostgreSQL run skipped: DATABASE_URL is not set (CI sets one); the PGlite run still runs");
}

// biome-ignore lint/suspicious/noExplicitAny: rows of ad-hoc SQL
type Query = <T = any>(sql: string, params?: unknown[]) => Promise<T[]>;

// ---------- the server under test ----------

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  const ports = Array.from({ length: 21 }, (_, i) => 3600 + i).sort(() => Math.random() - 0.5);
  for (const p of ports) if (await portIsFree(p)) return p;
  throw new Error("no free port in 3600–3620");
}

/** Nothing answers on the port any more (the killed server's sockets are gone). */
async function portClosed(port: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (!open) return;
    if (Date.now() > until) throw new Error(`port ${port} still answers after the kill`);
    await sleep(100);
  }
}

class Server {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly log: string[] = [];
  sweptLines = 0;

  constructor(
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `node scripts/start.mjs` in its own process group (it spawns `next start`; a kill must reach both). */
  async start(readyTimeoutMs: number): Promise<number> {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], {
      cwd: ROOT,
      env: this.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    let exitCode: string | null = null;
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, sig) => {
        exitCode = `${code ?? sig}`;
        resolve();
      }),
    );
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        if (line.includes("left pending by an interrupted request")) this.sweptLines++;
        this.log.push(line);
        if (this.log.length > 300) this.log.shift();
      }
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    for (;;) {
      if (exitCode !== null)
        throw new Error(`server exited (${exitCode}) before it was ready:\n${this.log.slice(-40).join("\n")}`);
      if (Date.now() - t0 > readyTimeoutMs)
        throw new Error(`server not ready after ${readyTimeoutMs} ms:\n${this.log.slice(-40).join("\n")}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return Date.now() - t0;
      } catch {
        /* not up yet */
      }
      await sleep(200);
    }
  }

  private signalGroup(sig: NodeJS.Signals) {
    if (!this.child?.pid) return;
    try {
      process.kill(-this.child.pid, sig);
    } catch {
      /* already gone */
    }
  }

  /** SIGKILL to the whole group: start.mjs, next start, its workers. No chance to clean up. */
  async kill(): Promise<void> {
    this.signalGroup("SIGKILL");
    await this.exited;
    this.child = null;
    await portClosed(this.port);
  }

  /** The end of the test: a polite stop, then a kill for anything that lingers. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.signalGroup("SIGTERM");
    await Promise.race([this.exited, sleep(5_000)]);
    this.signalGroup("SIGKILL");
    await this.exited;
    this.child = null;
    await portClosed(this.port).catch(() => {});
  }

  /** Synchronous last resort (the test process is exiting). */
  killNow() {
    this.signalGroup("SIGKILL");
  }
}

// ---------- the clients ----------

type Ack = { key: string; leadId: number; status: string; phone: string; duplicateOf?: number };
const stats = {
  requests: 0,
  retries: 0,
  retriedLeads: 0,
  connectionErrors: 0,
  serverErrors: 0,
  conflicts: 0,
  takeovers: 0,
  replayedAfterRetry: 0,
  kills: 0,
};

let line = 0;
function freshPhone(): string {
  for (;;) {
    line++;
    const p = `614${200 + (Math.floor(line / 10_000) % 700)}${String(line % 10_000).padStart(4, "0")}`;
    if (phoneFormatOk(p) && !phoneLooksFake(p)) return p;
  }
}

const ZIPS: Record<string, string> = { CA: "90210", OH: "43004", TX: "77002", FL: "33101", GA: "30303", IL: "60601" };

/** Valid leads that sell in the demo seed: CA plumbing (the platform API's documented ingest example) and auto insurance across states. */
function makeLead(phone = freshPhone()): Record<string, unknown> {
  const email = `crash.${phone}.${randomUUID().slice(0, 6)}@gmail.com`;
  const consent = {
    text: "By submitting this form, I agree...",
    timestamp: "2026-03-03T10:30:00Z",
    ip: "73.162.10.10",
  };
  if (Math.random() < 0.4) {
    return {
      vertical: "home_services",
      subVertical: "plumbing",
      sourceType: "arb_purchase",
      consumerName: "John Smith",
      consumerEmail: email,
      consumerPhone: phone,
      consumerState: "CA",
      consumerZip: "90210",
      consumerCity: "Beverly Hills",
      cost: "28.00",
      leadData: { project_type: "repair", homeowner: true },
      consent,
    };
  }
  const state = Object.keys(ZIPS)[Math.floor(Math.random() * 6)];
  return {
    vertical: "auto_insurance",
    subVertical: "full_coverage",
    sourceType: "owned_media",
    consumerName: "Jane Doe",
    consumerEmail: email,
    consumerPhone: phone,
    consumerState: state,
    consumerZip: ZIPS[state],
    cost: "9.00",
    leadData: { vehicles: 1 },
    consent,
  };
}

/**
 * Posts one lead until it gets a final answer, the way an integrator should: the same body and
 * Idempotency-Key on every attempt; a dropped connection or a 5xx is retried; a 409
 * idempotency_conflict waits for its Retry-After.
 */
async function submit(
  base: () => string,
  body: Record<string, unknown>,
  deadline: number,
  // biome-ignore lint/suspicious/noExplicitAny: the server's JSON answers, read field by field
): Promise<{ key: string; status: number; json: any }> {
  const key = randomUUID();
  let sawConflict = false;
  for (let attempt = 0; ; attempt++) {
    if (Date.now() > deadline) throw new Error(`lead ${key} got no final answer in time (${attempt} attempts)`);
    if (attempt > 0) stats.retries++;
    if (attempt === 1) stats.retriedLeads++;
    stats.requests++;
    let res: Response;
    try {
      res = await fetch(`${base()}/api/leads/ingest`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${SPEC_API_KEY}`,
          "idempotency-key": key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      stats.connectionErrors++;
      await sleep(200 + Math.random() * 200);
      continue;
    }
    const text = await res.text().catch(() => null);
    if (text === null) {
      stats.connectionErrors++;
      continue;
    } // killed while answering
    if (res.status >= 500) {
      stats.serverErrors++;
      await sleep(200 + Math.random() * 200);
      continue;
    }
    const json = text ? JSON.parse(text) : null;
    if (res.status === 409 && json?.error?.code === "idempotency_conflict") {
      stats.conflicts++;
      sawConflict = true;
      const after = Number(res.headers.get("retry-after"));
      expect(after, "a 409 idempotency_conflict says when to retry").toBeGreaterThanOrEqual(1);
      expect(after).toBeLessThanOrEqual(5);
      await sleep(after * 1000);
      continue;
    }
    const replayed = res.headers.get("idempotent-replayed") === "true";
    // Replayed: the work was done before the kill and only the answer was lost.
    if (attempt > 0 && res.status === 200 && replayed) stats.replayedAfterRetry++;
    if (sawConflict && res.status === 200 && !replayed) stats.takeovers++;
    return { key, status: res.status, json };
  }
}

// ---------- the test ----------

const MODES = [
  { mode: "PostgreSQL" as const, run: Boolean(BASE_DATABASE_URL) },
  { mode: "embedded PGlite" as const, run: true },
].filter((m) => m.run);

describe.each(MODES)("crash test on $mode: SIGKILL the server under load", ({ mode }) => {
  const onPglite = mode === "embedded PGlite";
  let server: Server | null = null;
  let db: pg.Client | null = null;
  let lite: PGlite | null = null;
  let dbUrl: URL;
  let dataDir = "";
  const onExit = () => server?.killNow();

  afterAll(async () => {
    process.off("exit", onExit);
    await server?.stop();
    await db?.end();
    await lite?.close();
  });

  it("loses, doubles and strands nothing a client was told, and keeps the money straight", async () => {
    const t0 = Date.now();
    for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] = 0;
    let name = "";
    let adminUrl: URL | null = null;
    if (onPglite) {
      dataDir = mkdtempSync(path.join(os.tmpdir(), "tlg-crash-pglite-"));
    } else {
      // Our own database on the same server: <db>_crash, fresh every run.
      const base = new URL(BASE_DATABASE_URL!);
      dbUrl = new URL(base);
      name = `${decodeURIComponent(base.pathname.slice(1)) || "postgres"}_crash`.replace(/[^A-Za-z0-9_]/g, "_");
      dbUrl.pathname = `/${name}`;
      adminUrl = new URL(base);
      adminUrl.pathname = "/postgres";
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
    }

    const port = await freePort();
    server = new Server(port, {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      // PGlite: DATABASE_URL empty (the env module reads "" as unset), a fresh data folder.
      DATABASE_URL: onPglite ? "" : dbUrl!.toString(),
      ...(onPglite ? { DATA_DIR: dataDir } : {}),
      AUTH_SECRET: "crash-test-secret-crash-test-secret",
      SEED_DEMO: "1",
      PENDING_LEAD_TIMEOUT_SECONDS: String(PENDING_TIMEOUT_S),
      // The load below is one seller posting flat out: no rate limit (that is tests/db/rate-limit.test.ts).
      SELLER_RATE_LIMIT_PER_SECOND: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    process.on("exit", onExit);
    // The first start may build .next (missing or older than the sources): allow for it.
    const firstStartMs = await server.start(12 * 60_000);
    const loadStart = Date.now();

    // PGlite has one opener: the server is stopped (politely) while the test writes or reads.
    const openLite = async (): Promise<Query> => {
      lite = await PGlite.create(path.join(dataDir, "pglite")); // where lib/db.ts openPglite keeps it
      return async (sql, params = []) => (await lite!.query(sql, params)).rows as never[];
    };
    let q: Query;
    if (onPglite) {
      await server.stop();
      q = await openLite();
    } else {
      db = new pg.Client({ connectionString: dbUrl!.toString() });
      await db.connect();
      q = async (sql, params = []) => (await db!.query(sql, params)).rows;
    }
    // A webhook buyer besides the seed's portal campaigns, so sales go through the delivery outbox.
    // Its URL never answers (.invalid): deliveries just wait for their retries.
    await q(`
      INSERT INTO "BuyerCampaign" ("buyerId", "name", "vertical", "geoStates", "geoZips", "sourceListIds", "pricePerLead",
                                   "dailyCap", "deliveryMethod", "deliveryConfig", "priority", "updatedAt")
      SELECT id, 'Crash test webhook buyer', 'auto_insurance', '{}', '{}', '{}', 30.00, 100000, 'webhook',
             '{"url": "https://buyer.invalid/hook"}', 2, now()
        FROM "Buyer" ORDER BY id LIMIT 1`);
    if (onPglite) {
      await lite!.close();
      lite = null;
      await server.start(90_000);
    }

    // Load: CLIENTS sellers' integrations posting leads back to back; now and then a consumer again.
    const acks: Ack[] = [];
    const refusals: { status: number; json: unknown }[] = [];
    let producing = true;
    const deadline = Date.now() + 6 * 60_000;
    const client = async () => {
      while (producing) {
        const prior = acks.length > 10 && Math.random() < 0.07 ? acks[Math.floor(Math.random() * acks.length)] : null;
        const phone = prior ? prior.phone : freshPhone();
        const r = await submit(() => server!.url, makeLead(phone), deadline);
        if (r.status === 200)
          acks.push({ key: r.key, leadId: r.json.leadId, status: r.json.status, phone, duplicateOf: prior?.leadId });
        else refusals.push({ status: r.status, json: r.json });
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    const restartMs: number[] = [];
    // PGlite restarts take a minute here (one process opens the folder, migrates, then serves):
    // fewer kills keep `npm test` short; each still SIGKILLs the process with the database inside.
    const kills = onPglite ? 2 : KILLS;
    for (let k = 0; k < kills; k++) {
      await sleep(KILL_AFTER[0] + Math.random() * (KILL_AFTER[1] - KILL_AFTER[0]));
      await server.kill();
      stats.kills++;
      restartMs.push(await server.start(90_000));
    }
    await sleep(6_000);
    producing = false;
    await Promise.all(clients);
    const loadMs = Date.now() - loadStart;

    // ---- what the clients were told ----
    expect(refusals, "no lead refused (all were valid)").toEqual([]);
    expect(acks.length).toBeGreaterThan(50);
    if (onPglite) {
      // Let the running server's worker sweep what the kills left pending, then read the folder.
      await sleep((PENDING_TIMEOUT_S + 12) * 1000);
      await server.stop();
      q = await openLite();
    }

    const ids = acks.map((a) => a.leadId);
    expect(new Set(ids).size, "each acknowledgement names its own lead").toBe(ids.length);
    const leads = new Map(
      (await q(`SELECT id, status::text, "normalizedPhone" AS phone FROM "Lead" WHERE id = ANY($1)`, [ids])).map(
        (l) => [l.id, l],
      ),
    );
    for (const a of acks) {
      expect(leads.get(a.leadId), `acknowledged lead ${a.leadId}`).toMatchObject({ status: a.status, phone: a.phone });
      if (a.duplicateOf) expect(a.status, "a consumer posted again is a duplicate").toBe("rejected");
    }
    // The key answers with what the client was told (a late retry would get the same).
    const records = await q(
      `SELECT key, "responseStatus", "responseBody" FROM "IdempotencyRecord" WHERE key = ANY($1)`,
      [acks.map((a) => a.key)],
    );
    const byKey = new Map(records.map((r) => [r.key, r]));
    for (const a of acks) {
      expect(byKey.get(a.key)).toMatchObject({
        responseStatus: 200,
        responseBody: { leadId: a.leadId, status: a.status },
      });
    }

    // ---- orphans: leads a killed request left pending ----
    const pendingAtEnd = Number((await q(`SELECT count(*) FROM "Lead" WHERE status = 'pending'`))[0].count);
    const sweptDuringLoad = Number(
      (await q(`SELECT count(*) FROM "Lead" WHERE $1 = ANY("rejectionReasons")`, [INTERRUPTED]))[0].count,
    );
    // Wait for the worker to close the rest (they are older than PENDING_TIMEOUT_S soon).
    const sweepWaitStart = Date.now();
    while (Number((await q(`SELECT count(*) FROM "Lead" WHERE status = 'pending'`))[0].count) > 0) {
      if (Date.now() - sweepWaitStart > (PENDING_TIMEOUT_S + 40) * 1000)
        throw new Error("pending leads were never swept");
      await sleep(1_000);
    }
    const sweepWaitMs = Date.now() - sweepWaitStart;
    const orphans = await q(
      `
      SELECT l.id, l."normalizedPhone" AS phone,
             (SELECT count(*) FROM "LeadSale" s WHERE s."leadId" = l.id)::int AS sales,
             (SELECT count(*) FROM "Transaction" t WHERE t."leadId" = l.id)::int AS txs,
             (SELECT count(*) FROM "DedupeFingerprint" f WHERE f."leadId" = l.id)::int AS fingerprints,
             (SELECT count(*) FROM "Delivery" d WHERE d."leadId" = l.id)::int AS deliveries
        FROM "Lead" l WHERE $1 = ANY(l."rejectionReasons")`,
      [INTERRUPTED],
    );
    // An orphan is the first attempt of a request the kill cut short: at most one per request in
    // flight per kill, it holds nothing, and the client's retry of the same key settled the lead.
    expect(orphans.length).toBeLessThanOrEqual(kills * CLIENTS);
    const ackedPhones = new Set(acks.map((a) => a.phone));
    for (const o of orphans) {
      expect(o).toMatchObject({ sales: 0, txs: 0, fingerprints: 0, deliveries: 0 });
      expect(ackedPhones.has(o.phone), `orphan ${o.id} belongs to a request whose retry was acknowledged`).toBe(true);
    }

    // ---- per consumer ----
    expect(
      await q(
        `SELECT "normalizedPhone", count(*) FROM "Lead" WHERE status <> 'rejected' GROUP BY 1 HAVING count(*) > 1`,
      ),
    ).toEqual([]);

    // ---- sales, ledger, deliveries ----
    expect(
      await q(`
      SELECT s.id, count(t.id) FROM "LeadSale" s
        LEFT JOIN "Transaction" t ON t."saleId" = s.id AND t.type = 'lead_sale' AND t."buyerId" = s."buyerId" AND t.amount = s.price
       GROUP BY s.id HAVING count(t.id) <> 1`),
      "each sale charged exactly once, to its buyer, at its price",
    ).toEqual([]);
    expect(
      await q(`
      SELECT t.id FROM "Transaction" t WHERE t.type = 'lead_sale'
         AND NOT EXISTS (SELECT 1 FROM "LeadSale" s WHERE s.id = t."saleId" AND s."buyerId" = t."buyerId")`),
      "no charge without its sale",
    ).toEqual([]);
    expect(
      await q(`SELECT "leadId", "buyerId" FROM "LeadSale" GROUP BY 1, 2 HAVING count(*) > 1`),
      "a buyer buys a lead once",
    ).toEqual([]);
    expect(
      await q(`SELECT "leadId" FROM "Transaction" WHERE type = 'lead_purchase' GROUP BY 1 HAVING count(*) > 1`),
      "a seller is paid once per lead",
    ).toEqual([]);
    expect(
      await q(
        `
      SELECT l.id FROM "Lead" l WHERE l.id = ANY($1) AND (l.status = 'sold') <> EXISTS (SELECT 1 FROM "LeadSale" s WHERE s."leadId" = l.id)`,
        [ids],
      ),
      "sold leads, and only they, have sales",
    ).toEqual([]);
    expect(
      await q(`
      SELECT s.id, count(d.id) FROM "LeadSale" s JOIN "BuyerCampaign" c ON c.id = s."campaignId"
        LEFT JOIN "Delivery" d ON d."saleId" = s.id
       WHERE c."deliveryMethod" <> 'portal' GROUP BY s.id HAVING count(d.id) <> 1`),
      "every non-portal sale has its one delivery",
    ).toEqual([]);
    expect(await q(`SELECT d.id FROM "Delivery" d WHERE d."saleId" IS NULL`), "no delivery without its sale").toEqual(
      [],
    );

    // ---- balances = ledger ----
    const txs = await q<{ type: LedgerType; amount: string; buyerId: number | null; sellerId: number | null }>(
      `SELECT type::text, amount::text, "buyerId", "sellerId" FROM "Transaction"`,
    );
    const effect = new Map<string, number>();
    for (const t of txs) {
      const k = t.buyerId ? `b${t.buyerId}` : `s${t.sellerId}`;
      effect.set(k, (effect.get(k) ?? 0) + balanceEffect(t.type, toCents(t.amount)!));
    }
    for (const b of await q(`SELECT id, balance::text FROM "Buyer"`))
      expect(toCents(b.balance), `buyer ${b.id} balance`).toBe(effect.get(`b${b.id}`) ?? 0);
    for (const s of await q(`SELECT id, balance::text FROM "Seller"`))
      expect(toCents(s.balance), `seller ${s.id} balance`).toBe(effect.get(`s${s.id}`) ?? 0);

    const sold = acks.filter((a) => a.status === "sold").length;
    const deliveries = Number((await q(`SELECT count(*) FROM "Delivery"`))[0].count);
    console.log(
      [
        `[crash] ${mode}: wall ${((Date.now() - t0) / 1000).toFixed(1)} s (first start ${(firstStartMs / 1000).toFixed(1)} s, load ${(loadMs / 1000).toFixed(1)} s, restarts ${restartMs.map((m) => (m / 1000).toFixed(1)).join("/")} s, sweep wait ${(sweepWaitMs / 1000).toFixed(1)} s)`,
        `[crash] leads acknowledged ${acks.length} (sold ${sold}, unsold ${acks.filter((a) => a.status === "unsold").length}, rejected duplicates ${acks.filter((a) => a.status === "rejected").length}); deliveries queued ${deliveries}`,
        `[crash] requests ${stats.requests}; leads that needed retries ${stats.retriedLeads} (answered from the stored response ${stats.replayedAfterRetry}, run again ${stats.retriedLeads - stats.replayedAfterRetry}), retries ${stats.retries} (connection errors ${stats.connectionErrors}, 5xx ${stats.serverErrors}, 409 conflicts ${stats.conflicts}, keys taken over after a 409 ${stats.takeovers})`,
        `[crash] kills ${stats.kills}; orphans ${orphans.length} (swept during the load ${sweptDuringLoad}, pending at the end ${pendingAtEnd}, all closed as ${INTERRUPTED})`,
      ].join("\n"),
    );

    await server.stop();
    // Passed: the throwaway database goes (kept on failure, for a look).
    if (onPglite) {
      await lite?.close();
      lite = null;
      rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    await db!.end();
    db = null;
    const admin2 = new pg.Client({ connectionString: adminUrl!.toString() });
    await admin2.connect();
    await admin2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin2.end();
  });
});
