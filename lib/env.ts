// The one place that reads process.env. Everything else imports `env`.
import { z } from "zod";

const bool = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "yes"].includes(v)));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A real PostgreSQL. When unset the app runs on embedded PGlite under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Embedded database folder; "memory://" keeps it in memory (tests). */
  DATA_DIR: z.string().default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Session signing secret. `npm start` supplies one stored in the database when unset. */
  AUTH_SECRET: z.string().min(16).optional(),
  /** Public base URL, used for absolute links and the CSRF Origin check. */
  APP_URL: z.string().url().optional(),
  /** next-auth's own base URL; `npm start` sets it to APP_URL. Also accepted as this site's origin. */
  NEXTAUTH_URL: z.string().url().optional(),
  /** Comma-separated further origins (scheme://host[:port]) whose pages may send cookie-authenticated writes. */
  EXTRA_ORIGINS: z.string().default(""),
  SEED_DEMO: bool(false),
  /** Duplicate window for the same normalized phone or email. */
  DEDUPE_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  PING_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  /** How many buyers may share one non-exclusive lead. */
  MAX_SHARED_SALES: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * The payout rule of a seller with none of its own (and of its lists without an override): this
   * share of what buyers paid, in basis points (5000 = 50%). Admins set explicit rules per seller
   * and list (PATCH /api/admin/sellers/{id}, /api/admin/intake-lists). Also what a ping offers an
   * "as stated" seller that names no cost.
   */
  PAYOUT_DEFAULT_SHARE_BPS: z.coerce.number().int().min(0).max(10_000).default(5000),
  /** Whether a return claws back the seller's payout with a negative adjustment. */
  RETURN_CLAWBACK: bool(true),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Seconds the in-memory campaign index may be stale before it is reloaded. */
  CAMPAIGN_CACHE_TTL_SECONDS: z.coerce.number().min(0).max(300).default(30),
  /**
   * How old (ms) each instance's capacity snapshot (cap counters, buyer headroom) may get before a
   * background refresh; the database still decides every sale, so staleness costs retries only.
   */
  CAPACITY_SNAPSHOT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Seconds a resolved API key is cached per instance; revocation and suspension clear it at once (NOTIFY). */
  API_KEY_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(30),
  /**
   * Seller API requests (ping, ingest, compliance posts) per second per seller, across its keys and
   * every instance, unless an admin set the seller's own rateLimitPerSecond; 0 = unlimited.
   */
  SELLER_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).max(1_000_000).default(100),
  /** Run the delivery worker inside the web server process. */
  DELIVERY_WORKER: bool(true),
  /** Comma-separated hosts that delivery may call even though they are private (local testing). */
  DELIVERY_ALLOW_HOSTS: z.string().default(""),
  /**
   * A lead still "pending" after this long was left by a request that died before settling (a
   * crash or kill); the delivery worker closes it as rejected/processing_interrupted. Must exceed
   * the longest live request (buyer confirmation rounds plus settle retries: minutes at worst).
   */
  PENDING_LEAD_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Optional external compliance providers; offline checks are used when unset. */
  TRUSTEDFORM_API_URL: z.string().url().optional(),
  TRUSTEDFORM_API_KEY: z.string().optional(),
  DNC_API_URL: z.string().url().optional(),
  DNC_API_KEY: z.string().optional(),
  PHONE_LOOKUP_API_URL: z.string().url().optional(),
  PHONE_LOOKUP_API_KEY: z.string().optional(),
  /** Failed logins for one username from one client address (since the username's last success) within the window before 429. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Failed logins for one username from all addresses together (since its last success) within the window before 429. */
  LOGIN_USERNAME_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
  /** Failed logins per client address within the window before 429 (several users may share one NAT). */
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
  /**
   * Reverse proxies allowed to tell us the client's address: comma-separated IP addresses and CIDR
   * ranges (IPv4 or IPv6), or "loopback". Default none: the client address is the socket's peer and
   * X-Forwarded-For is ignored. Only when the peer is listed is X-Forwarded-For walked from the right
   * over listed hops; the first unlisted address is the client.
   */
  TRUST_PROXY: z
    .string()
    .default("")
    .refine(
      (v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .every((t) => t === "loopback" || /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(t)),
      'must be comma-separated IP addresses or CIDR ranges (e.g. "10.0.0.5, 172.16.0.0/12"), or "loopback"',
    ),
  /** Set by scripts/socket-peer.cjs (preloaded by `npm start`): the x-tlg-socket-peer header is real. */
  TLG_SOCKET_PEER: bool(false),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Log threshold (pino levels). JSON lines on stdout; pretty-printed only under `next dev`. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Record Prometheus metrics (HTTP, pipeline, delivery); off only to measure their cost. */
  METRICS_ENABLED: bool(true),
  /** Bearer token a Prometheus scraper sends to GET /api/metrics (an admin session works too). */
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** This process's `instance_id` label on every metric; default hostname:pid. */
  INSTANCE_ID: z.string().max(128).optional(),
  /** Consumer opt-out requests per client address within the window before 429 (public page). */
  CONSUMER_OPT_OUT_MAX_PER_IP: z.coerce.number().int().min(1).default(5),
  CONSUMER_OPT_OUT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /**
   * An opt-out notifies the buyers of the consumer's leads sold within this many days. Unset: the
   * longest return window of any campaign plus 30 days.
   */
  CONSENT_REVOCATION_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  /** Retention defaults (an admin setting overrides them): personal fields of sold/returned leads, of rejected/unsold leads, and consent evidence. 0 = keep. */
  RETENTION_SOLD_DAYS: z.coerce.number().int().min(0).max(36500).default(1095),
  RETENTION_UNSOLD_DAYS: z.coerce.number().int().min(0).max(36500).default(90),
  CONSENT_EVIDENCE_DAYS: z.coerce.number().int().min(0).max(36500).default(1826),
  /** How often the delivery worker runs the retention job (0: never; run it on demand instead). */
  RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3600),
  /** Leads erased per retention transaction. */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
});

export type Env = z.infer<typeof schema>;

function parse(): Env {
  const raw = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET };
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parse();
