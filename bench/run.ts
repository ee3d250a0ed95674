// npm run bench: the production server (scripts/start.mjs → next start) on a real PostgreSQL and
// on embedded PGlite, a seeded marketplace, autocannon over loopback, correctness checks in SQL,
// and a report in bench/results.md. Knobs (env):
//   BENCH_DATABASES=pg,pglite   BENCH_DURATION=10 (s per cell)   BENCH_CONNECTIONS=1,16,64
//   BENCH_ENDPOINTS=health,ping,ingest,compliance   BENCH_WARMUP=3 (s per endpoint, 0 = none)
//   BENCH_TIMEOUT=10 (s per request)   BENCH_PORT=3500   BENCH_START_TIMEOUT=900 (s; includes a build)
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/titan_bench (created and dropped by the bench)
//   BENCH_BUYERS=50 BENCH_SELLERS=10 BENCH_HISTORY=100000 BENCH_PGLITE_HISTORY=(BENCH_HISTORY)
//   BENCH_CAMPAIGN_SCALES=50,500,5000 (active campaigns per run; the largest number is seeded, the rest paused per scale)
//   BENCH_SELLER_KEYS=1 (ingest/ping via seller1's spec key; n>1 spreads them over n sellers' keys)
//   BENCH_OUT=bench/results.md   BENCH_LABEL="smoke run"   BENCH_KEEP=1 (keep the database / data dir)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import autocannon, { type Instance, type RawRequest, type Result } from "autocannon";
import {
  activateCampaigns,
  openSql,
  seedMarketplace,
  DEAD_STATES,
  HISTORY_AREAS,
  VERTICALS,
  type SeedInfo,
  type Sql,
} from "./seed";
import { phoneFormatOk, phoneLooksFake } from "../lib/pipeline/validate";
import { SPEC_API_KEY, SPEC_LIST_ID, SPEC_STATES } from "../lib/seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// ---------- configuration ----------

const E = process.env;
const list = (v: string | undefined, d: string) =>
  (v ?? d)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const int = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const cfg = {
  databases: list(E.BENCH_DATABASES, "pg,pglite") as ("pg" | "pglite")[],
  duration: int(E.BENCH_DURATION, 10),
  connections: list(E.BENCH_CONNECTIONS, "1,16,64").map(Number),
  endpoints: list(E.BENCH_ENDPOINTS, "health,ping,ingest,compliance") as EndpointName[],
  warmup: int(E.BENCH_WARMUP, 3),
  timeout: int(E.BENCH_TIMEOUT, 10),
  port: int(E.BENCH_PORT, 3500),
  startTimeout: int(E.BENCH_START_TIMEOUT, 900),
  databaseUrl: E.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/titan_bench",
  buyers: int(E.BENCH_BUYERS, 50),
  sellers: int(E.BENCH_SELLERS, 10),
  campaigns: int(E.BENCH_CAMPAIGNS, 500),
  /** Active campaign counts to measure at (the largest is seeded; for the others the rest are paused). */
  scales: list(E.BENCH_CAMPAIGN_SCALES, "50,500,5000")
    .map(Number)
    .sort((a, b) => a - b),
  sellerKeys: int(E.BENCH_SELLER_KEYS, 1),
  history: int(E.BENCH_HISTORY, 100_000),
  pgliteHistory: int(E.BENCH_PGLITE_HISTORY, int(E.BENCH_HISTORY, 100_000)),
  out: path.resolve(root, E.BENCH_OUT || "bench/results.md"),
  label: E.BENCH_LABEL || "",
  keep: ["1", "true", "yes"].includes(E.BENCH_KEEP ?? ""),
};
for (const d of cfg.databases) if (d !== "pg" && d !== "pglite") throw new Error(`BENCH_DATABASES: unknown ${d}`);
for (const e of cfg.endpoints)
  if (!["health", "ping", "ingest", "compliance"].includes(e)) throw new Error(`BENCH_ENDPOINTS: unknown ${e}`);
if (!cfg.connections.every((c) => Number.isInteger(c) && c > 0))
  throw new Error("BENCH_CONNECTIONS: positive integers");
if (!cfg.scales.length || !cfg.scales.every((c) => Number.isInteger(c) && c > 0))
  throw new Error("BENCH_CAMPAIGN_SCALES: positive integers");
if (cfg.port < 3500 || cfg.port + 10 > 3520)
  console.warn(`[bench] BENCH_PORT ${cfg.port} is outside the agreed 3500-3520 range`);

const workDir = mkdtempSync(path.join(os.tmpdir(), "titan-bench-"));
const log = (s: string) => console.log(`[bench] ${s}`);

// ---------- cleanup: one registry, run on success, error and Ctrl-C ----------

const cleanups: { name: string; fn: () => Promise<void> | void }[] = [];
let current: Instance | null = null;
let stopping = false;

async function runCleanups() {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await c.fn();
    } catch (err) {
      console.error(`[bench] cleanup ${c.name} failed:`, err instanceof Error ? err.message : err);
    }
  }
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n[bench] ${sig}: stopping`);
    current?.stop();
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------- the server ----------

type Server = { child: ChildProcess; pgid: number; port: number; logFile: string; url: string };

function serverEnv(db: "pg" | "pglite", dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    SEED_DEMO: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  delete env.NEXTAUTH_SECRET;
  if (db === "pg") {
    env.DATABASE_URL = cfg.databaseUrl;
    delete env.DATA_DIR;
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = dataDir;
  }
  return env;
}

async function startServer(db: "pg" | "pglite", dataDir: string, port: number): Promise<Server> {
  const logFile = path.join(workDir, `${db}-server.log`);
  const fd = openSync(logFile, "a");
  // Detached: its own process group, so start.mjs, next start and anything they spawn die together.
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: serverEnv(db, dataDir, port),
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  const server: Server = { child, pgid: child.pid!, port, logFile, url: `http://127.0.0.1:${port}` };
  cleanups.push({ name: `server ${db}`, fn: () => stopServer(server) });
  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  log(
    `${db}: starting the server on :${port}${built ? "" : " (no .next yet: start.mjs builds first, this takes minutes)"}; log ${logFile}`,
  );
  const deadline = Date.now() + cfg.startTimeout * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      /* not up yet */
    }
    await sleep(500);
  }
  throw new Error(`the server was not healthy within ${cfg.startTimeout}s:\n${tail(logFile)}`);
}

async function stopServer(s: Server) {
  if (!groupAlive(s.pgid)) return;
  try {
    process.kill(-s.pgid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 100 && groupAlive(s.pgid); i++) await sleep(100);
  if (groupAlive(s.pgid)) {
    try {
      process.kill(-s.pgid, "SIGKILL");
    } catch {
      /* gone */
    }
    for (let i = 0; i < 50 && groupAlive(s.pgid); i++) await sleep(100);
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes of a process group: pid, command line, VmRSS in kB. */
function groupProcs(pgid: number): { pid: number; cmd: string; rssKb: number }[] {
  const out = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.push({ pid: Number(d), cmd, rssKb: rssKb(Number(d)) ?? 0 });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The process that serves HTTP: next start titles itself "next-server"; else the biggest non-wrapper process. */
// CPU time from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms on Linux).
const TICK_MS = 10;
function cpuTicks(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return sum;
}
/** The bench database's backends and PostgreSQL's shared processes (WAL writer, checkpointer, …). */
function postgresPids(): number[] {
  const pids: number[] = [];
  const dbName = new URL(cfg.databaseUrl).pathname.slice(1);
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, "utf8").trim() !== "postgres") continue;
      const title = readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
      // Backends are titled "postgres: 15/main: user database host(port) …"; others name their job.
      const backend = / \S+ \S+ [\d.:]+\(\d+\)/.test(title);
      if (!backend || title.includes(` ${dbName} `)) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}

function nextServerPid(s: Server): { pid: number; cmd: string } {
  const procs = groupProcs(s.pgid).filter((p) => p.pid !== s.pgid);
  const named = procs.find((p) => /next-server/.test(p.cmd));
  const pick = named ?? procs.sort((a, b) => b.rssKb - a.rssKb)[0];
  if (!pick) throw new Error("could not find the next-server process");
  return { pid: pick.pid, cmd: pick.cmd };
}

// ---------- request bodies ----------

type EndpointName = "health" | "ping" | "ingest" | "compliance";

// Fresh consumers use area codes the history never does, so only the intended ones are duplicates.
const FRESH_AREAS = ["206", "303", "480", "617", "702", "801", "919", "971"].filter((a) => !HISTORY_AREAS.includes(a));
let phoneSeq = 0;
function freshPhone(): string {
  for (;;) {
    const i = phoneSeq++;
    const j = Math.floor(i / FRESH_AREAS.length);
    const p = `${FRESH_AREAS[i % FRESH_AREAS.length]}${200 + (Math.floor(j / 10000) % 790)}${String(j % 10000).padStart(4, "0")}`;
    if (phoneFormatOk(p) && !phoneLooksFake(p)) return p;
  }
}
const FIRST = [
  "Maria",
  "James",
  "Linda",
  "Robert",
  "Patricia",
  "Michael",
  "Jennifer",
  "David",
  "Carlos",
  "Aisha",
  "Wei",
  "Priya",
];
const LAST = ["Garcia", "Johnson", "Nguyen", "Smith", "Brown", "Martinez", "Lee", "Walker", "Patel", "Khan", "Lopez"];
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
let emailSeq = 0;
const runTag = Date.now().toString(36);
const freshEmail = (f: string, l: string) =>
  `${f}.${l}.${runTag}${++emailSeq}@${pick(["gmail.com", "yahoo.com", "outlook.com"])}`.toLowerCase();
const zip = () => String(10000 + Math.floor(Math.random() * 89999));

type Kind = "sellable" | "unsold_state" | "invalid_phone" | "duplicate" | "disposable_email" | "state_not_accepted";

function ingestBody(seed: SeedInfo, source: string): { kind: Kind; body: Record<string, unknown> } {
  const r = Math.random();
  const kind: Kind =
    r < 0.8
      ? "sellable"
      : r < 0.9
        ? "unsold_state"
        : r < 0.94
          ? "invalid_phone"
          : r < 0.97
            ? "duplicate"
            : "disposable_email";
  const combo =
    kind === "unsold_state"
      ? { vertical: "home_services", subVertical: null, state: seed.deadState }
      : pick(seed.sellable);
  const first = pick(FIRST);
  const last = pick(LAST);
  const phone =
    kind === "invalid_phone"
      ? `1${freshPhone().slice(1)}`
      : kind === "duplicate"
        ? pick(seed.duplicatePhones)
        : freshPhone();
  const email =
    kind === "disposable_email"
      ? `${first}.${last}${++emailSeq}@mailinator.com`.toLowerCase()
      : freshEmail(first, last);
  return {
    kind,
    body: {
      vertical: combo.vertical,
      subVertical: combo.subVertical ?? pick(VERTICALS[combo.vertical]),
      sourceType: pick(["arb_purchase", "owned_media", "call_center"]),
      source,
      consumerName: `${first} ${last}`,
      consumerEmail: email,
      consumerPhone: phone,
      consumerState: combo.state,
      consumerZip: zip(),
      consumerCity: "Springfield",
      cost: (5 + Math.floor(Math.random() * 2000) / 100).toFixed(2),
      leadData: {
        project_type: pick(["repair", "replace", "install"]),
        homeowner: Math.random() < 0.7,
        description: "Benchmark lead",
      },
      consent: {
        text: "By submitting this form, I agree to be contacted by Titan Lead Group partners.",
        timestamp: new Date().toISOString(),
        ip: "73.162.10.10",
      },
    },
  };
}

function complianceBody(seed: SeedInfo, source: string): { kind: Kind; body: Record<string, unknown> } {
  const r = Math.random();
  const kind: Kind = r < 0.85 ? "sellable" : r < 0.9 ? "state_not_accepted" : r < 0.95 ? "invalid_phone" : "duplicate";
  const first = pick(FIRST);
  const last = pick(LAST);
  const phone =
    kind === "invalid_phone"
      ? `0${freshPhone().slice(1)}`
      : kind === "duplicate"
        ? pick(seed.duplicatePhones)
        : freshPhone();
  return {
    kind,
    body: {
      firstName: first,
      lastName: last,
      email: freshEmail(first, last),
      phone,
      address: `${1 + Math.floor(Math.random() * 9000)} Main St`,
      city: "Houston",
      state: kind === "state_not_accepted" ? "CA" : pick(SPEC_STATES),
      zipCode: zip(),
      listId: SPEC_LIST_ID,
      campaignId: "bench_campaign",
      incomeBracket: pick(["$25,000-$50,000", "$50,000-$75,000", "$75,000-$100,000"]),
      homeownerStatus: pick(["Homeowner", "Renter"]),
      ...(Math.random() < 0.5 ? { dob: "1980-05-15" } : { ageRange: "35-44" }),
      source,
      trustedFormCertUrl: `https://cert.trustedform.com/${randomBytes(20).toString("hex")}`,
      token: SPEC_API_KEY,
    },
  };
}

function pingBody(seed: SeedInfo) {
  const combo = pick(seed.sellable);
  return {
    vertical: combo.vertical,
    subVertical: combo.subVertical ?? pick(VERTICALS[combo.vertical]),
    consumerState: combo.state,
    consumerZip: zip(),
    leadData: { homeowner: Math.random() < 0.7, project_type: pick(["repair", "replace", "install"]) },
  };
}

// ---------- one cell: an endpoint at a connection level ----------

type Cell = {
  endpoint: EndpointName;
  /** Active bench campaigns during the cell. */
  scale: number;
  /** CPU per answered request: the app server process, and PostgreSQL's backends (pg only). */
  cpuAppMs: number;
  cpuDbMs: number;
  connections: number;
  warmup: boolean;
  source: string;
  rps: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  timeouts: number;
  socketErrors: number;
  statusCodes: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  rssMaxMb: number;
  rssEndMb: number;
  /** Pipeline outcomes of 200 responses (sold/unsold/rejected, ping matched/none). */
  outcomes: Record<string, number>;
  /** ids acknowledged with 200 (ingest: every lead; compliance: accepted ones; ping: ping ids). */
  ackIds: string[];
  acks: number;
  /** Seconds after the cell until the server was idle again (requests autocannon dropped at the deadline). */
  drainSeconds: number;
  activity: Map<string, number>;
  activitySamples: number;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function runCell(
  server: Server,
  serverPid: number,
  seed: SeedInfo,
  endpoint: EndpointName,
  connections: number,
  duration: number,
  warmup: boolean,
  activity: ActivitySampler | null,
  scale: number,
): Promise<Cell> {
  const source = `bench:${endpoint}:n${scale}:${warmup ? "warmup" : `c${connections}`}`;
  const cell: Cell = {
    endpoint,
    scale,
    cpuAppMs: 0,
    cpuDbMs: 0,
    connections,
    warmup,
    source,
    rps: 0,
    requests: 0,
    ok2xx: 0,
    non2xx: 0,
    timeouts: 0,
    socketErrors: 0,
    statusCodes: {},
    p50: 0,
    p95: 0,
    p99: 0,
    rssMaxMb: 0,
    rssEndMb: 0,
    outcomes: {},
    ackIds: [],
    acks: 0,
    drainSeconds: 0,
    activity: new Map(),
    activitySamples: 0,
  };
  const bump = (k: string) => (cell.outcomes[k] = (cell.outcomes[k] ?? 0) + 1);
  const json = { "content-type": "application/json" };
  const auth = { ...json, authorization: `Bearer ${SPEC_API_KEY}` };
  const parse = (body: string) => {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const withBody = (make: () => unknown) => (req: RawRequest) => ({ ...req, body: JSON.stringify(make()) });
  let keyTurn = 0;
  const asSeller = (make: () => unknown) => (req: RawRequest) => ({
    ...req,
    headers: { ...json, authorization: `Bearer ${seed.sellerKeys[keyTurn++ % seed.sellerKeys.length]}` },
    body: JSON.stringify(make()),
  });
  const requestDef = {
    health: { method: "GET", path: "/api/health", onResponse: (status: number) => status === 200 && cell.acks++ },
    ping: {
      method: "POST",
      path: "/api/leads/ping",
      headers: auth,
      setupRequest: asSeller(() => pingBody(seed)),
      onResponse: (status: number, body: string) => {
        if (status !== 200) return;
        cell.acks++;
        const b = parse(body);
        if (typeof b?.pingId === "string") cell.ackIds.push(b.pingId);
        bump(Number(b?.matchCount) > 0 ? "matched" : "no_match");
      },
    },
    ingest: {
      method: "POST",
      path: "/api/leads/ingest",
      headers: auth,
      setupRequest: asSeller(() => ingestBody(seed, source).body),
      onResponse: (status: number, body: string) => {
        if (status !== 200) return;
        cell.acks++;
        const b = parse(body);
        if (b?.leadId !== undefined) cell.ackIds.push(String(b.leadId));
        bump(String(b?.status ?? "unparsed"));
      },
    },
    compliance: {
      method: "POST",
      path: "/api/leads",
      headers: json,
      setupRequest: withBody(() => complianceBody(seed, source).body),
      onResponse: (status: number, body: string) => {
        if (status !== 200) return;
        cell.acks++;
        const b = parse(body);
        if (b?.success === true && typeof b.lead_id === "string") {
          cell.ackIds.push(b.lead_id);
          bump("accepted");
        } else {
          const codes = ((b?.details as { codes?: string[] } | undefined)?.codes ?? []).join("+") || "failed";
          bump(codes.length > 40 ? "rejected(other)" : codes);
        }
      },
    },
  }[endpoint];

  const latencies: number[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => {
    const kb = rssKb(serverPid);
    if (kb !== null) rss.push(kb);
  }, 250);
  activity?.start(cell);
  const cpu0 = { app: cpuTicks([serverPid]), db: new Map(postgresPids().map((p) => [p, cpuTicks([p])])) };
  const inst = autocannon({ url: server.url, connections, duration, timeout: cfg.timeout, requests: [requestDef] });
  current = inst;
  inst.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
    latencies.push(responseTime),
  );
  let result: Result;
  try {
    result = await inst;
  } finally {
    current = null;
    clearInterval(sampler);
    activity?.stop();
  }
  latencies.sort((a, b) => a - b);
  const answered = Math.max(1, result["2xx"] + result.non2xx);
  cell.cpuAppMs = ((cpuTicks([serverPid]) - cpu0.app) * TICK_MS) / answered;
  // Per process, so backends that come and go (other work on the machine) never count negative.
  let dbTicks = 0;
  for (const p of postgresPids()) dbTicks += Math.max(0, cpuTicks([p]) - (cpu0.db.get(p) ?? 0));
  cell.cpuDbMs = (dbTicks * TICK_MS) / answered;
  const end = rssKb(serverPid);
  if (end !== null) rss.push(end);
  Object.assign(cell, {
    rps: (result["2xx"] + result.non2xx) / result.duration,
    requests: result["2xx"] + result.non2xx,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    socketErrors: Math.max(0, result.errors - result.timeouts),
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)])),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rssMaxMb: Math.max(0, ...rss) / 1024,
    rssEndMb: (rss[rss.length - 1] ?? 0) / 1024,
  });
  return cell;
}

// ---------- pg_stat_activity during cells (PostgreSQL only) ----------

type ActivitySampler = {
  start(cell: Cell): void;
  stop(): void;
  close(): Promise<void>;
  busyBackends(): Promise<number>;
};

async function activitySampler(url: string): Promise<ActivitySampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  return {
    start(cell) {
      timer = setInterval(async () => {
        if (busy) return;
        busy = true;
        try {
          const { rows } = await client.query<{ k: string }>(
            `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' | ' ||
                    regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS k
             FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
          );
          cell.activitySamples++;
          for (const r of rows) cell.activity.set(r.k, (cell.activity.get(r.k) ?? 0) + 1);
        } catch {
          /* sampling is best effort */
        } finally {
          busy = false;
        }
      }, 200);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    close: () => client.end(),
    async busyBackends() {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')`,
      );
      return rows[0].n;
    },
  };
}

/**
 * autocannon stops at the deadline and drops requests still in flight; the server finishes them.
 * Wait for that before the next cell: no busy backend twice in a row (PostgreSQL), or a pause of
 * the cell's p99 then a health probe (PGlite, whose one connection cannot be watched from outside).
 */
async function drain(server: Server, cell: Cell, activity: ActivitySampler | null): Promise<number> {
  const t0 = Date.now();
  const limit = t0 + 30_000;
  if (activity) {
    let quiet = 0;
    while (quiet < 2 && Date.now() < limit) {
      quiet = (await activity.busyBackends().catch(() => 0)) === 0 ? quiet + 1 : 0;
      await sleep(100);
    }
  } else {
    await sleep(Math.min(15_000, Math.max(500, Number.isFinite(cell.p99) ? cell.p99 : 0)));
  }
  while (Date.now() < limit) {
    try {
      if ((await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) })).ok) break;
    } catch {
      /* retry */
    }
    await sleep(200);
  }
  return (Date.now() - t0) / 1000;
}

// ---------- correctness checks (server stopped) ----------

type Check = { name: string; ok: boolean; detail: string };

async function checks(sql: Sql, cells: Cell[]): Promise<Check[]> {
  const out: Check[] = [];
  const q = <T>(text: string, params?: unknown[]) => sql.query<T>(text, params);

  const overCap = await q<{ campaignId: number; bucket: string; leads: number; cap: number }>(`
    SELECT * FROM (
      SELECT cc."campaignId", cc.bucket, cc.leads, CASE left(cc.bucket, 1) WHEN 'd' THEN c."dailyCap" WHEN 'h' THEN c."hourlyCap"
        WHEN 'w' THEN c."weeklyCap" WHEN 'm' THEN c."monthlyCap" END AS cap
      FROM "CampaignCounter" cc JOIN "BuyerCampaign" c ON c.id = cc."campaignId") x
    WHERE cap IS NOT NULL AND leads > cap`);
  out.push({
    name: "CampaignCounter.leads ≤ cap (every bucket)",
    ok: overCap.length === 0,
    detail: overCap.length ? JSON.stringify(overCap.slice(0, 5)) : "no counter over its cap",
  });

  const overDaily = await q<{ campaignId: number; day: string; n: number; cap: number }>(`
    SELECT s."campaignId", to_char(s."createdAt", 'YYYY-MM-DD') AS day, count(*)::int AS n, c."dailyCap" AS cap
    FROM "LeadSale" s JOIN "BuyerCampaign" c ON c.id = s."campaignId"
    WHERE c."dailyCap" IS NOT NULL GROUP BY 1, 2, 4 HAVING count(*) > c."dailyCap"`);
  out.push({
    name: "LeadSale per campaign per day ≤ dailyCap",
    ok: overDaily.length === 0,
    detail: overDaily.length ? JSON.stringify(overDaily.slice(0, 5)) : "no campaign over its daily cap",
  });

  const counterDrift = await q<{ campaignId: number; counted: number; sales: number }>(`
    WITH s AS (SELECT s."campaignId", count(*)::int AS sales FROM "LeadSale" s JOIN "Lead" l ON l.id = s."leadId"
               WHERE l.source LIKE 'bench:%' AND s."createdAt" >= date_trunc('day', now() AT TIME ZONE 'UTC') GROUP BY 1),
         c AS (SELECT "campaignId", leads AS counted FROM "CampaignCounter" WHERE bucket = 'd:' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
    SELECT coalesce(s."campaignId", c."campaignId") AS "campaignId", coalesce(c.counted, 0) AS counted, coalesce(s.sales, 0) AS sales
    FROM s FULL JOIN c ON c."campaignId" = s."campaignId" WHERE coalesce(c.counted, 0) <> coalesce(s.sales, 0)`);
  out.push({
    name: "today's day counters == today's bench sales (the demo history has no counters)",
    ok: counterDrift.length === 0,
    detail: counterDrift.length
      ? JSON.stringify(counterDrift.slice(0, 5))
      : "every campaign's d-bucket matches its LeadSale rows",
  });

  const effect = `CASE WHEN t.type = 'lead_sale' THEN -t.amount ELSE t.amount END`;
  const badBuyers = await q<{ id: number; balance: string; ledger: string }>(`
    SELECT b.id, b.balance::text, coalesce(sum(${effect}), 0)::text AS ledger FROM "Buyer" b LEFT JOIN "Transaction" t ON t."buyerId" = b.id
    GROUP BY b.id HAVING b.balance <> coalesce(sum(${effect}), 0)`);
  const badSellers = await q<{ id: number; balance: string; ledger: string }>(`
    SELECT s.id, s.balance::text, coalesce(sum(${effect}), 0)::text AS ledger FROM "Seller" s LEFT JOIN "Transaction" t ON t."sellerId" = s.id
    GROUP BY s.id HAVING s.balance <> coalesce(sum(${effect}), 0)`);
  out.push({
    name: "Buyer/Seller balance == sum of ledger effects",
    ok: !badBuyers.length && !badSellers.length,
    detail:
      badBuyers.length || badSellers.length
        ? JSON.stringify({ badBuyers: badBuyers.slice(0, 5), badSellers: badSellers.slice(0, 5) })
        : "all accounts balance",
  });

  const overdrawn = await q<{ id: number }>(`SELECT id FROM "Buyer" WHERE balance < -"creditLimit"`);
  out.push({
    name: "no buyer below -creditLimit",
    ok: overdrawn.length === 0,
    detail: overdrawn.length ? JSON.stringify(overdrawn) : "ok",
  });

  const saleLedger = await q<{ id: number; n: number }>(`
    SELECT s.id, count(t.id)::int AS n FROM "LeadSale" s LEFT JOIN "Transaction" t ON t."saleId" = s.id AND t.type = 'lead_sale' AND t.amount = s.price
    WHERE s."createdAt" >= now() AT TIME ZONE 'UTC' - interval '1 day' GROUP BY s.id HAVING count(t.id) <> 1`);
  const revenue = await q<{ id: number }>(`
    SELECT l.id FROM "Lead" l LEFT JOIN "LeadSale" s ON s."leadId" = l.id WHERE l.source LIKE 'bench:%'
    GROUP BY l.id HAVING l.revenue <> coalesce(sum(s.price), 0)`);
  out.push({
    name: "each bench sale has one lead_sale ledger row; lead revenue == its sales",
    ok: !saleLedger.length && !revenue.length,
    detail:
      saleLedger.length || revenue.length
        ? JSON.stringify({ saleLedger: saleLedger.slice(0, 5), revenue: revenue.slice(0, 5) })
        : "ok",
  });

  // Every acknowledged lead stored exactly once, per cell (the lead's `source` names its cell).
  const rows = await q<{ source: string; status: string; n: number }>(
    `SELECT source, status::text, count(*)::int AS n FROM "Lead" WHERE source LIKE 'bench:%' GROUP BY 1, 2`,
  );
  const problems: string[] = [];
  const lines: string[] = [];
  for (const c of cells.filter((c) => c.endpoint === "ingest" || c.endpoint === "compliance")) {
    const mine = rows.filter((r) => r.source === c.source);
    const stored = mine.reduce((s, r) => s + r.n, 0);
    const pending = mine.filter((r) => r.status === "pending").reduce((s, r) => s + r.n, 0);
    // Unacknowledged: failed requests, plus up to `connections` that autocannon dropped at the deadline.
    const unacked = c.non2xx + c.timeouts + c.socketErrors + c.connections;
    const ids = c.ackIds.map(Number);
    const distinct = new Set(ids).size;
    const found = ids.length
      ? (
          await q<{ n: number }>(
            `SELECT count(*)::int AS n FROM "Lead" WHERE id = ANY($1::int[]) AND source = $2 AND status <> 'pending'`,
            [ids, c.source],
          )
        )[0].n
      : 0;
    const bad =
      distinct !== ids.length ||
      found !== distinct ||
      stored < c.acks ||
      stored > c.acks + unacked ||
      pending > unacked;
    if (bad) problems.push(c.source);
    lines.push(
      `${c.source}: ${c.acks} acknowledged, ${stored} stored (${pending} pending), ${ids.length} ids returned, ${distinct} distinct, ${found} found settled${stored > c.acks ? ` (${stored - c.acks} without ack; allowed ≤ ${unacked}: failed requests + ${c.connections} dropped at the deadline)` : ""}`,
    );
  }
  const pingCells = cells.filter((c) => c.endpoint === "ping");
  if (pingCells.length) {
    const acked = pingCells.reduce((s, c) => s + c.acks, 0);
    const ids = pingCells.flatMap((c) => c.ackIds);
    const unacked = pingCells.reduce((s, c) => s + c.non2xx + c.timeouts + c.socketErrors + c.connections, 0);
    const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "Ping"`);
    let found = 0;
    for (let i = 0; i < ids.length; i += 5000) {
      found += (
        await q<{ n: number }>(`SELECT count(*)::int AS n FROM "Ping" WHERE id = ANY($1::uuid[])`, [
          ids.slice(i, i + 5000),
        ])
      )[0].n;
    }
    const bad = new Set(ids).size !== ids.length || found !== ids.length || n < acked || n > acked + unacked;
    if (bad) problems.push("ping");
    lines.push(`pings: ${acked} acknowledged, ${n} stored, ${found} of ${ids.length} returned ids found`);
  }
  out.push({
    name: "every acknowledged (200) lead/ping stored exactly once",
    ok: problems.length === 0,
    detail: lines.join("; "),
  });
  return out;
}

// ---------- one database ----------

type DbRun = {
  db: "pg" | "pglite";
  version: string;
  seed: SeedInfo;
  history: number;
  cells: Cell[];
  checks: Check[];
  serverCmd: string;
  rssIdleMb: number;
  startedAt: Date;
  seconds: number;
};

async function adminQuery(text: string) {
  const u = new URL(cfg.databaseUrl);
  u.pathname = "/postgres";
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function prepareDb(db: "pg" | "pglite", dataDir: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts", "prepare-db.ts")], {
    cwd: root,
    env: serverEnv(db, dataDir, cfg.port),
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`prepare-db failed:\n${r.stdout}\n${r.stderr}`);
}

async function benchDatabase(db: "pg" | "pglite", port: number): Promise<DbRun> {
  const t0 = Date.now();
  const startedAt = new Date();
  const dataDir = path.join(workDir, `${db}-data`);
  const dbName = new URL(cfg.databaseUrl).pathname.slice(1);
  if (db === "pg") {
    if (!/^[A-Za-z0-9_]+$/.test(dbName))
      throw new Error(`DATABASE_URL database name ${dbName} is not a plain identifier`);
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    if (!cfg.keep)
      cleanups.push({
        name: `drop ${dbName}`,
        fn: () => adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`),
      });
  } else {
    mkdirSync(dataDir, { recursive: true });
  }
  log(`${db}: migrating and seeding the demo data`);
  prepareDb(db, dataDir);
  const target = db === "pg" ? { databaseUrl: cfg.databaseUrl } : { dataDir };
  const history = db === "pg" ? cfg.history : cfg.pgliteHistory;
  let sql = await openSql(target);
  let seed: SeedInfo;
  let version: string;
  try {
    const campaigns = Math.max(...cfg.scales);
    log(`${db}: seeding ${cfg.buyers} buyers, ${campaigns} campaigns, ${history} historical leads`);
    seed = await seedMarketplace(
      sql,
      { buyers: cfg.buyers, sellers: cfg.sellers, campaigns, history, sellerKeys: cfg.sellerKeys },
      (s) => log(`${db}:   ${s}`),
    );
    // The seller API is rate limited per seller (lib/rate-limit.ts); the bench measures with the
    // limiter counting but set far above the offered load, so it never refuses.
    await sql.query(`UPDATE "Seller" SET "rateLimitPerSecond" = 1000000`);
    version = (await sql.query<{ v: string }>(`SELECT version() AS v`))[0].v;
  } finally {
    await sql.close();
  }
  log(
    `${db}: seeded in ${seed.seconds.toFixed(1)} s: ${Object.entries(seed.counts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ")}`,
  );

  const cells: Cell[] = [];
  let server: Server | null = null;
  let rssIdleMb = 0;
  let cmd = "";
  for (const scale of cfg.scales) {
    // The first `scale` of the seeded active campaigns stay active, the rest are paused; what a lead
    // can be sold to (and so the request mix) follows. The server restarts to start from a cold index.
    sql = await openSql(target);
    try {
      seed = { ...seed, sellable: await activateCampaigns(sql, scale) };
    } finally {
      await sql.close();
    }
    server = await startServer(db, dataDir, port);
    const proc = nextServerPid(server);
    cmd = proc.cmd;
    rssIdleMb = (rssKb(proc.pid) ?? 0) / 1024;
    log(`${db}: ${scale} active campaigns; healthy; next-server pid ${proc.pid}, RSS ${rssIdleMb.toFixed(0)} MB`);
    const activity = db === "pg" ? await activitySampler(cfg.databaseUrl) : null;
    try {
      for (const endpoint of cfg.endpoints) {
        if (cfg.warmup > 0) {
          const w = await runCell(
            server,
            proc.pid,
            seed,
            endpoint,
            Math.min(8, Math.max(...cfg.connections)),
            cfg.warmup,
            true,
            null,
            scale,
          );
          w.drainSeconds = await drain(server, w, activity);
          cells.push(w);
          log(`${db}: n=${scale} ${endpoint} warm-up ${w.rps.toFixed(0)} req/s`);
        }
        for (const connections of cfg.connections) {
          if (stopping) throw new Error("interrupted");
          const c = await runCell(server, proc.pid, seed, endpoint, connections, cfg.duration, false, activity, scale);
          c.drainSeconds = await drain(server, c, activity);
          cells.push(c);
          log(
            `${db}: n=${scale} ${endpoint.padEnd(10)} c=${String(connections).padStart(2)} ${c.rps.toFixed(0).padStart(6)} req/s  p50 ${fmt(c.p50)} p95 ${fmt(c.p95)} p99 ${fmt(c.p99)} ms  ` +
              `cpu ${c.cpuAppMs.toFixed(2)}+${c.cpuDbMs.toFixed(2)} ms/req  non2xx ${c.non2xx} timeouts ${c.timeouts} socket ${c.socketErrors}  RSS ${c.rssMaxMb.toFixed(0)} MB  drain ${c.drainSeconds.toFixed(1)} s  ${outcomeText(c)}`,
          );
        }
      }
    } finally {
      activity?.stop();
      await activity?.close();
      await stopServer(server);
    }
  }
  if (!server) throw new Error("no campaign scale ran");
  if (groupAlive(server.pgid)) throw new Error(`server group ${server.pgid} still alive`);
  log(`${db}: server stopped; checking the database`);
  sql = await openSql(target);
  let result: Check[];
  try {
    result = await checks(sql, cells);
  } finally {
    await sql.close();
  }
  for (const c of result) log(`${db}: ${c.ok ? "PASS" : "FAIL"} ${c.name}: ${c.detail}`);
  if (db === "pglite" && !cfg.keep) rmSync(dataDir, { recursive: true, force: true });
  return {
    db,
    version,
    seed,
    history,
    cells,
    checks: result,
    serverCmd: cmd,
    rssIdleMb,
    startedAt,
    seconds: (Date.now() - t0) / 1000,
  };
}

// ---------- report ----------

const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : "–");
const outcomeText = (c: Cell) =>
  Object.entries(c.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  return {
    model,
    cores: os.cpus().length,
    ramGb: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

function report(runs: DbRun[], started: Date, seconds: number): string {
  const m = machine();
  const L: string[] = [];
  L.push(`# Benchmark results${cfg.label ? ` — ${cfg.label}` : ""}`, "");
  if (cfg.label)
    L.push(
      `> **${cfg.label}**: ${cfg.duration} s per cell on a shared machine; not representative. Replace with a full run (\`npm run bench\`).`,
      "",
    );
  L.push(
    `- Date: ${started.toISOString()} (total ${seconds.toFixed(0)} s)`,
    `- Machine: ${m.model}, ${m.cores} cores, ${m.ramGb.toFixed(1)} GiB RAM, ${m.os}, Node ${m.node}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (1/5/15 min: other work on the machine skews every figure)`,
    `- Load: autocannon 9 in the bench process over loopback (it shares the CPU with the server), ${cfg.duration} s per cell` +
      `${cfg.warmup ? ` after a ${cfg.warmup} s warm-up per endpoint (not reported)` : ""}, request timeout ${cfg.timeout} s, connections ${cfg.connections.join(", ")}`,
    `- Server: \`npm start\` (scripts/start.mjs → \`next start\`), NODE_ENV=production, delivery worker on (defaults), Prisma pool 20 on PostgreSQL`,
    `- Seller API auth: ingest and ping ${cfg.sellerKeys > 1 ? `round-robin over ${cfg.sellerKeys} sellers' API keys (BENCH_SELLER_KEYS)` : "all as seller1 with the spec API key (BENCH_SELLER_KEYS=1)"}; POST /api/leads always with the spec token in the body (its list belongs to seller1)`,
    `- "drain s": after each cell the bench waits until the server is idle again (autocannon drops requests still in flight at the deadline; the server finishes them) so cells do not overlap`,
    `- Rate limits: every bench seller's rateLimitPerSecond is set to 1,000,000: the per-seller limiter (lib/rate-limit.ts) counts every seller API request but never refuses one`,
    `- CPU ms/req: CPU time of the next-server process (app) and of all local postgres processes (db; pg only: PGlite runs inside the app) during the cell, per answered request, from /proc`,
    `- Data: the demo seed plus ${cfg.buyers} buyers, ${cfg.sellers} sellers and ${Math.max(...cfg.scales)} campaigns, of which ${cfg.scales.join(" / ")} are active in turn (the server restarts between sizes; 4 verticals, ~11 of 43 states each; 30% tight daily caps 25-99, 50% 200-999, 20% uncapped; 10% hourly caps), ` +
      `history of sold/unsold/rejected leads over 45 days with their sales, ledger, cap counters and dedupe fingerprints, seeded with set-based SQL`,
    `- Request mix — ingest: 80% sellable (vertical/state some campaign buys), 10% unsold (state ${DEAD_STATES[0]}, bought by no campaign), 4% invalid phone, 3% duplicate of a historical consumer, 3% disposable email; ` +
      `compliance (POST /api/leads, the compliance endpoint's documented example body with its token and list): 85% valid, 5% state not accepted, 5% invalid phone, 5% duplicate; ping: a sellable vertical/state. Every request a fresh consumer.`,
    "",
  );
  for (const r of runs) {
    const name = r.db === "pg" ? "PostgreSQL" : "PGlite (embedded)";
    L.push(`## ${name}`, "");
    L.push(
      `- ${r.version.split(",")[0]}`,
      `- Seeded in ${r.seed.seconds.toFixed(1)} s: ${Object.entries(r.seed.counts)
        .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
        .join(", ")}` +
        (r.db === "pglite" && r.history < cfg.history ? ` (smaller history on PGlite: ${r.history})` : ""),
      `- next-server RSS after start: ${r.rssIdleMb.toFixed(0)} MB; this database's run took ${r.seconds.toFixed(0)} s`,
      "",
    );
    L.push(
      "| campaigns | endpoint | conns | req/s | × health | p50 ms | p95 ms | p99 ms | CPU ms/req app | CPU ms/req db | 2xx | non-2xx | timeouts | socket errors | RSS max MB | drain s | outcomes (200s) |",
    );
    L.push("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    const measured = r.cells.filter((c) => !c.warmup);
    const cellAt = (scale: number, e: EndpointName, conns: number) =>
      measured.find((c) => c.scale === scale && c.endpoint === e && c.connections === conns);
    for (const c of measured) {
      const h = cellAt(c.scale, "health", c.connections);
      const ratio = h && h.rps > 0 ? `${((100 * c.rps) / h.rps).toFixed(0)}%` : "–";
      const codes = Object.entries(c.statusCodes)
        .filter(([k]) => !k.startsWith("2"))
        .map(([k, v]) => `${k}×${v}`)
        .join(" ");
      L.push(
        `| ${c.scale} | ${c.endpoint} | ${c.connections} | ${c.rps.toFixed(0)} | ${ratio} | ${fmt(c.p50)} | ${fmt(c.p95)} | ${fmt(c.p99)} | ${c.cpuAppMs.toFixed(2)} | ${r.db === "pg" ? c.cpuDbMs.toFixed(2) : "(in app)"} | ${c.ok2xx} | ${c.non2xx}${codes ? ` (${codes})` : ""} | ${c.timeouts} | ${c.socketErrors} | ${c.rssMaxMb.toFixed(0)} | ${c.drainSeconds.toFixed(1)} | ${outcomeText(c)} |`,
      );
    }
    const base = cfg.scales.includes(500) ? 500 : cfg.scales[Math.floor(cfg.scales.length / 2)];
    const top = Math.max(...cfg.scales);
    L.push("", `Targets (16 connections, ${base} active campaigns unless stated):`, "");
    L.push("| target | value | |", "|---|---|---|");
    const target = (label: string, value: string, ok: boolean | null) =>
      L.push(`| ${label} | ${value} | ${ok === null ? "not measured" : ok ? "met" : "**missed**"} |`);
    const h16 = cellAt(base, "health", 16);
    const ratio = (e: EndpointName) =>
      h16 && cellAt(base, e, 16) && h16.rps > 0 ? cellAt(base, e, 16)!.rps / h16.rps : null;
    const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(0)}%`);
    const rp = ratio("ping");
    const ri = ratio("ingest");
    target("ping ≥ 60% of /api/health req/s", pct(rp), rp === null ? null : rp >= 0.6);
    target("ingest ≥ 35% of /api/health req/s", pct(ri), ri === null ? null : ri >= 0.35);
    const p16 = cellAt(base, "ping", 16);
    const i16 = cellAt(base, "ingest", 16);
    target("ping p99 ≤ 50 ms", p16 ? `${fmt(p16.p99)} ms` : "–", p16 ? p16.p99 <= 50 : null);
    target("ingest p99 ≤ 100 ms", i16 ? `${fmt(i16.p99)} ms` : "–", i16 ? i16.p99 <= 100 : null);
    for (const e of ["ping", "ingest"] as const) {
      const c64 = cellAt(base, e, 64);
      target(
        `${e} at 64 connections: no timeouts, p99 ≤ 500 ms`,
        c64 ? `${c64.timeouts} timeouts, p99 ${fmt(c64.p99)} ms` : "–",
        c64 ? c64.timeouts === 0 && c64.p99 <= 500 : null,
      );
      const small = cellAt(base, e, 16);
      const big = cellAt(top, e, 16);
      const x = small && big && small.rps > 0 && top !== base ? big.rps / small.rps : null;
      target(
        `${e} at ${top} campaigns ≥ 0.8 × at ${base}`,
        x === null ? "–" : `${x.toFixed(2)}× (${big!.rps.toFixed(0)} vs ${small!.rps.toFixed(0)} req/s)`,
        x === null ? null : x >= 0.8,
      );
    }
    const errs = r.cells.reduce((s, c) => s + c.non2xx + c.timeouts + c.socketErrors, 0);
    target("zero errors (non-2xx + timeouts + socket errors, all cells incl. warm-up)", String(errs), errs === 0);
    L.push("", "Correctness after the run:", "");
    for (const c of r.checks) L.push(`- ${c.ok ? "PASS" : "**FAIL**"} ${c.name} — ${c.detail}`);
    const busiest = measured.filter(
      (c) => c.activitySamples > 0 && (c.endpoint === "ingest" || c.endpoint === "compliance"),
    );
    if (busiest.length) {
      L.push(
        "",
        "PostgreSQL activity (pg_stat_activity, active backends, sampled every 200 ms; mean backends per sample):",
        "",
      );
      for (const c of busiest.filter((c) => c.connections === Math.max(...cfg.connections))) {
        const top = [...c.activity].sort((a, b) => b[1] - a[1]).slice(0, 5);
        L.push(
          `- ${c.endpoint} at ${c.connections} connections (${c.activitySamples} samples): ` +
            (top.length ? top.map(([k, v]) => `\`${k}\` ${(v / c.activitySamples).toFixed(2)}`).join("; ") : "idle"),
        );
      }
    }
    L.push("");
  }
  const pgRun = runs.find((r) => r.db === "pg");
  const liteRun = runs.find((r) => r.db === "pglite");
  if (pgRun && liteRun) {
    L.push("## PGlite against PostgreSQL (same cells; target ≥ 0.5×)", "");
    L.push(
      "| campaigns | endpoint | conns | PostgreSQL req/s | PGlite req/s | PGlite / PostgreSQL | |",
      "|---:|---|---:|---:|---:|---:|---|",
    );
    for (const c of pgRun.cells.filter((c) => !c.warmup && c.endpoint !== "health")) {
      const o = liteRun.cells.find(
        (x) => !x.warmup && x.scale === c.scale && x.endpoint === c.endpoint && x.connections === c.connections,
      );
      if (!o || c.rps <= 0) continue;
      const x = o.rps / c.rps;
      L.push(
        `| ${c.scale} | ${c.endpoint} | ${c.connections} | ${c.rps.toFixed(0)} | ${o.rps.toFixed(0)} | ${x.toFixed(2)} | ${x >= 0.5 ? "met" : "**missed**"} |`,
      );
    }
    L.push("");
  }
  return L.join("\n");
}

// ---------- main ----------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function tail(file: string, n = 30) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-n).join("\n");
  } catch {
    return "";
  }
}

async function main() {
  const started = new Date();
  const t0 = Date.now();
  log(
    `databases ${cfg.databases.join(", ")}; endpoints ${cfg.endpoints.join(", ")}; connections ${cfg.connections.join(", ")}; ${cfg.duration} s per cell; logs in ${workDir}`,
  );
  const runs: DbRun[] = [];
  cleanups.push({
    name: "work dir",
    fn: () => (cfg.keep ? undefined : rmSync(workDir, { recursive: true, force: true })),
  });
  for (const [i, db] of cfg.databases.entries()) {
    runs.push(await benchDatabase(db, cfg.port + i));
  }
  const md = report(runs, started, (Date.now() - t0) / 1000);
  writeFileSync(cfg.out, `${md}\n`);
  console.log(`\n${md}`);
  log(`written to ${path.relative(root, cfg.out)}`);
  return runs.every((r) => r.checks.every((c) => c.ok));
}

main()
  .then(async (ok) => {
    await runCleanups();
    process.exit(ok ? 0 : 2);
  })
  .catch(async (err) => {
    console.error("[bench] failed:", err instanceof Error ? (err.stack ?? err.message) : err);
    await runCleanups();
    process.exit(1);
  });
