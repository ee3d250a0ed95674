// Cross-instance announcements (PostgreSQL LISTEN/NOTIFY) for the per-instance caches: the
// campaign index, the capacity snapshot and the API-key cache. One LISTEN connection per process
// on real PostgreSQL; on embedded PGlite (one process) the same channels are heard in-process.
// A cache must never depend on a notification arriving: each also has a short TTL, and the
// database stays the judge of every guarantee (caps, balances, revocation at the next TTL).
import pg from "pg";
import { env } from "./env";
import { getPglite } from "./db";
import { getOrCreate } from "./maps";

type Handler = (payload: string) => void;

const handlers = new Map<string, Set<Handler>>();
let client: pg.Client | null = null;
let connecting: Promise<boolean> | null = null;
let pgliteUnsubs: (() => Promise<void>)[] = [];

/**
 * Registers a handler (idempotent per function). It opens no connection: a cache calls
 * ensureListening() when it is first used, so scripts that merely import a module stay short-lived.
 */
export function subscribe(channel: string, fn: Handler): void {
  const fresh = !handlers.has(channel);
  getOrCreate(handlers, channel, () => new Set()).add(fn);
  if (fresh && client) void client.query(`LISTEN ${channel}`).catch(() => {});
  if (fresh && !env.DATABASE_URL && pgliteUnsubs.length) void listenPglite(channel);
}

/** Calls this process's handlers directly (the announcing instance need not wait for its own NOTIFY). */
export function emitLocal(channel: string, payload = ""): void {
  for (const fn of handlers.get(channel) ?? []) fn(payload);
}

function dispatch(channel: string, payload: string) {
  for (const fn of handlers.get(channel) ?? []) fn(payload);
}

async function listenPglite(channel: string) {
  const unsub = await getPglite().listen(channel, (payload) => dispatch(channel, payload ?? ""));
  pgliteUnsubs.push(unsub);
}

/** Whether notifications can arrive (tests, health). Resolves false instead of throwing. */
export function ensureListening(): Promise<boolean> {
  if (client) return Promise.resolve(true);
  if (connecting) return connecting;
  if (!env.DATABASE_URL) {
    if (pgliteUnsubs.length) return Promise.resolve(true);
    connecting = (async () => {
      try {
        pgliteUnsubs.push(async () => {}); // marks "listening" so later subscribes add their channel
        for (const channel of handlers.keys()) await listenPglite(channel);
        return true;
      } catch {
        pgliteUnsubs = [];
        return false;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }
  const c = new pg.Client({ connectionString: env.DATABASE_URL });
  const drop = () => {
    if (client === c) client = null;
    c.end().catch(() => {});
    // Whatever was announced while we were deaf is unknown: every cache reloads.
    for (const channel of handlers.keys()) dispatch(channel, "*");
  };
  c.on("notification", (n) => dispatch(n.channel, n.payload ?? ""));
  c.on("error", drop);
  connecting = c
    .connect()
    .then(async () => {
      for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
      client = c;
      return true;
    })
    .catch(() => {
      drop();
      return false;
    })
    .finally(() => {
      connecting = null;
    });
  return connecting;
}

/** Closes the LISTEN connection (tests, shutdown). Handlers stay registered. */
export async function stopListening(): Promise<void> {
  const c = client;
  client = null;
  const unsubs = pgliteUnsubs;
  pgliteUnsubs = [];
  for (const u of unsubs) await u().catch(() => {});
  if (c) await c.end().catch(() => {});
}
