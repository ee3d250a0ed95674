// Bench data on top of the demo seed (which `prepare-db` writes with SEED_DEMO=1: the verticals,
// seller1 with the spec API key and intake list, the demo campaigns). Everything here is
// set-based SQL (INSERT … SELECT generate_series / jsonb_to_recordset) so 100k historical
// leads take seconds. The same statements run on PostgreSQL (pg) and on PGlite.
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import path from "node:path";
import { rng, SPEC_API_KEY as SPEC_KEY } from "../lib/seed";

export type Sql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/** One SQL session: a pg client on DATABASE_URL, or the PGlite folder the app uses (DATA_DIR/pglite). */
export async function openSql(target: { databaseUrl?: string; dataDir?: string }): Promise<Sql> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    await client.query("SET TIME ZONE 'UTC'");
    return {
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params as unknown[])).rows as T[],
      close: () => client.end(),
    };
  }
  const db = new PGlite(path.resolve(target.dataDir!, "pglite"));
  await db.exec("SET TIME ZONE 'UTC'");
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params as unknown[])).rows,
    close: () => db.close(),
  };
}

export type SeedOptions = { buyers: number; sellers: number; campaigns: number; history: number; sellerKeys: number };

/** API keys of bench sellers 1..n (n-1 of them plus seller1's spec key are used when BENCH_SELLER_KEYS=n). */
export const benchSellerKey = (i: number) => `bench-seller-key-${String(i).padStart(4, "0")}-0123456789abcdef`;

export type SeedInfo = {
  sellerId: number;
  /** Keys the seller API (ingest, ping) is called with: the spec key first, then bench sellers' keys. */
  sellerKeys: string[];
  /** vertical → subVertical → states that at least one active campaign buys (sellable leads). */
  sellable: { vertical: string; subVertical: string | null; state: string }[];
  /** A state no campaign buys (its leads are stored unsold). */
  deadState: string;
  /** Phones of accepted historical leads inside the dedupe window (their reposts are duplicates). */
  duplicatePhones: string[];
  counts: Record<string, number>;
  seconds: number;
};

export const VERTICALS: Record<string, string[]> = {
  home_services: ["plumbing", "roofing", "hvac", "electrical", "windows", "solar_install"],
  auto_insurance: ["full_coverage", "liability", "sr22"],
  solar: ["residential", "commercial"],
  debt_relief: ["credit_card", "personal_loan", "tax"],
};

/** No bench campaign buys these (and no demo campaign outside auto_insurance's national one). */
export const DEAD_STATES = ["WY", "ND", "SD", "MT", "AK", "HI", "VT"];
export const BUY_STATES =
  "AL AZ AR CA CO CT DE FL GA ID IL IN IA KS KY LA ME MD MA MI MN MS MO NE NV NH NJ NM NY NC OH OK OR PA RI SC TN TX UT VA WA WV WI".split(
    " ",
  );

// Historical phones use these area codes; the bench's fresh consumers use others (bench/run.ts).
export const HISTORY_AREAS = ["312", "415", "512", "602", "713", "305", "404", "614"];

function campaignRows(n: number, buyerIds: number[]) {
  const rand = rng(8_2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const verticals = Object.keys(VERTICALS);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const vertical = verticals[i % verticals.length];
    const subVertical = rand() < 0.5 ? pick(VERTICALS[vertical]) : null;
    const states = BUY_STATES.filter(() => rand() < 0.25);
    if (!states.length) states.push(pick(BUY_STATES));
    const r = rand();
    // A mix of tight caps (reached within a long run at 64 connections), loose ones and none.
    const dailyCap = r < 0.3 ? 25 + Math.floor(rand() * 75) : r < 0.8 ? 200 + Math.floor(rand() * 800) : null;
    rows.push({
      buyerId: buyerIds[i % buyerIds.length],
      name: `Bench ${vertical} ${subVertical ?? "all"} #${i + 1}`,
      vertical,
      subVertical,
      geoStates: states,
      filters: rand() < 0.1 ? [{ field: "homeowner", op: "eq", value: true }] : [],
      pricePerLead: (5 + Math.floor(rand() * 7500) / 100).toFixed(2),
      dailyCap,
      hourlyCap: rand() < 0.1 ? 10 + Math.floor(rand() * 40) : null,
      exclusive: rand() < 0.2,
      pingPostEnabled: rand() < 0.5,
      priority: 1 + Math.floor(rand() * 3),
      status: rand() < 0.9 ? "active" : "paused",
    });
  }
  return rows;
}

/** Which (vertical, subVertical, state) some active bench campaign buys: what the request mix offers. */
async function sellableAreas(sql: Sql) {
  return sql.query<{ vertical: string; subVertical: string | null; state: string }>(
    `SELECT DISTINCT c.vertical, c."subVertical", s AS state FROM "BuyerCampaign" c, unnest(c."geoStates") s
     WHERE c.status = 'active' AND c.name LIKE 'Bench %' AND c.filters = '[]'::jsonb ORDER BY 1, 2, 3`,
  );
}

/**
 * Leaves the first `n` bench campaigns (by id) active and pauses the rest: the marketplace's size
 * for one campaign-scale run. Returns what is sellable at that size.
 */
export async function activateCampaigns(sql: Sql, n: number): Promise<SeedInfo["sellable"]> {
  await sql.query(
    `UPDATE "BuyerCampaign" c SET "status" = CASE WHEN r.rank <= $1 THEN 'active' ELSE 'paused' END::"CampaignStatus"
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM "BuyerCampaign" WHERE name LIKE 'Bench %') r
     WHERE r.id = c.id`,
    [n],
  );
  return sellableAreas(sql);
}

export async function seedMarketplace(
  sql: Sql,
  opts: SeedOptions,
  log: (s: string) => void = () => {},
): Promise<SeedInfo> {
  const t0 = Date.now();
  let keys: string[] = [];
  const [seller] = await sql.query<{ id: number }>(
    `SELECT "sellerId" AS id FROM "ApiKey" WHERE "name" = 'Compliance API (spec token)'`,
  );
  if (!seller) throw new Error("the demo seed is missing (run prepare-db with SEED_DEMO=1 first)");
  await sql.query("BEGIN");
  try {
    // Buyers with an opening deposit posted as a ledger adjustment (balances are recomputed from the ledger at the end).
    await sql.query(
      `INSERT INTO "Buyer" ("companyName", "email", "creditLimit", "updatedAt")
       SELECT 'Bench Buyer ' || g, 'ap' || g || '@bench-buyer.example', 50000, now() FROM generate_series(1, $1::int) g`,
      [opts.buyers],
    );
    await sql.query(
      `INSERT INTO "Transaction" ("type", "amount", "buyerId", "note", "createdAt")
       SELECT 'adjustment'::"TransactionType", 2000000, id, 'Opening prepaid deposit', now() - interval '60 days' FROM "Buyer" WHERE "companyName" LIKE 'Bench Buyer %'`,
    );
    await sql.query(
      `INSERT INTO "Seller" ("companyName", "email", "updatedAt")
       SELECT 'Bench Seller ' || g, 'ops' || g || '@bench-seller.example', now() FROM generate_series(1, $1::int) g`,
      [opts.sellers],
    );
    // Extra seller API keys (sha256 hex, as lib/api-keys.ts hashApiKey) for spreading seller-API load.
    keys = Array.from({ length: Math.max(0, Math.min(opts.sellerKeys - 1, opts.sellers)) }, (_, i) =>
      benchSellerKey(i + 1),
    );
    if (keys.length) {
      await sql.query(
        `INSERT INTO "ApiKey" ("id", "name", "prefix", "hash", "sellerId")
         SELECT gen_random_uuid(), 'Bench seller key', left(k.key, 8), encode(sha256(convert_to(k.key, 'UTF8')), 'hex'), s.id
         FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n)
         JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Seller" WHERE "companyName" LIKE 'Bench Seller %') s ON s.n = k.n`,
        [keys],
      );
    }
    const buyerIds = (
      await sql.query<{ id: number }>(`SELECT id FROM "Buyer" WHERE "companyName" LIKE 'Bench Buyer %' ORDER BY id`)
    ).map((r) => r.id);
    await sql.query(
      `INSERT INTO "BuyerCampaign" ("buyerId", "name", "vertical", "subVertical", "geoStates", "geoZips", "sourceListIds", "filters",
         "pricePerLead", "dailyCap", "hourlyCap", "exclusive", "pingPostEnabled", "priority", "status", "deliveryMethod", "updatedAt")
       SELECT r."buyerId", r.name, r.vertical, r."subVertical", ARRAY(SELECT jsonb_array_elements_text(r."geoStates")), '{}', '{}', r.filters,
         r."pricePerLead", r."dailyCap", r."hourlyCap", r.exclusive, r."pingPostEnabled", r.priority, r.status::"CampaignStatus", 'portal'::"DeliveryMethod", now()
       FROM jsonb_to_recordset($1::jsonb) AS r("buyerId" int, name text, vertical text, "subVertical" text, "geoStates" jsonb, filters jsonb,
         "pricePerLead" numeric, "dailyCap" int, "hourlyCap" int, exclusive boolean, "pingPostEnabled" boolean, priority int, status text)`,
      [JSON.stringify(campaignRows(opts.campaigns, buyerIds))],
    );
    log(`buyers, sellers, campaigns: ${Date.now() - t0} ms`);

    // History: lead g belongs to bench campaign g % N, day (g / N) % 45 back (1..45 days ago, so the
    // 30-day dedupe window holds about two thirds of it). 70% sold (one sale each), 15% unsold, 15% rejected.
    await sql.query(`
      CREATE TEMP TABLE bench_c AS
        SELECT id, "buyerId", vertical, "subVertical", "geoStates"[1] AS state, "pricePerLead" AS price, "exclusive",
               (row_number() OVER (ORDER BY id) - 1)::int AS rn
        FROM "BuyerCampaign" WHERE name LIKE 'Bench %'`);
    await sql.query(
      `CREATE TEMP TABLE bench_s AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS rn FROM "Seller"`,
    );
    const [{ nc }] = await sql.query<{ nc: number }>(`SELECT count(*)::int AS nc FROM bench_c`);
    const [{ ns }] = await sql.query<{ ns: number }>(`SELECT count(*)::int AS ns FROM bench_s`);
    await sql.query(
      `INSERT INTO "Lead" ("sellerId", "sourceType", "source", "vertical", "subVertical", "firstName", "lastName", "consumerName",
         "consumerEmail", "consumerPhone", "normalizedPhone", "normalizedEmail", "consumerState", "consumerZip", "leadData", "consent",
         "status", "rejectionReasons", "failedSources", "matchCount", "qualityScore", "revenue", "cost", "margin",
         "buyerId", "campaignId", "soldAt", "createdAt", "updatedAt")
       SELECT s.id, (ARRAY['arb_purchase','owned_media','call_center'])[1 + g % 3], 'bench-history', c.vertical, c."subVertical",
         fn, ln, fn || ' ' || ln, lower(fn || '.' || ln || g) || '@' || (ARRAY['gmail.com','yahoo.com','outlook.com'])[1 + g % 3],
         ph, ph, lower(fn || '.' || ln || g) || '@' || (ARRAY['gmail.com','yahoo.com','outlook.com'])[1 + g % 3],
         c.state, lpad((10000 + g % 89999)::text, 5, '0'),
         jsonb_build_object('homeowner', g % 10 < 7, 'project_type', (ARRAY['repair','replace','install'])[1 + g % 3]),
         jsonb_build_object('text', 'By submitting this form, I agree to be contacted.', 'timestamp', to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'ip', '73.162.10.20'),
         st::"LeadStatus",
         CASE WHEN st = 'rejected' THEN ARRAY[(ARRAY['invalid_phone_format','duplicate_lead','disposable_email','fake_phone_number'])[1 + g % 4]] ELSE '{}' END,
         CASE WHEN st = 'rejected' THEN ARRAY['Phone Validation'] ELSE '{}' END,
         CASE WHEN st = 'sold' THEN 1 ELSE 0 END, CASE WHEN st = 'rejected' THEN 0 ELSE 60 + g % 40 END,
         CASE WHEN st = 'sold' THEN c.price ELSE 0 END,
         CASE WHEN st = 'sold' THEN round(c.price / 2, 2) ELSE 0 END,
         CASE WHEN st = 'sold' THEN c.price - round(c.price / 2, 2) ELSE 0 END,
         CASE WHEN st = 'sold' THEN c."buyerId" END, CASE WHEN st = 'sold' THEN c.id END,
         CASE WHEN st = 'sold' THEN ts END, ts, ts
       FROM generate_series(0, $1::int - 1) g
       JOIN bench_c c ON c.rn = g % $2::int
       JOIN bench_s s ON s.rn = (g / 7) % $3::int
       CROSS JOIN LATERAL (SELECT
         (ARRAY['Maria','James','Linda','Robert','Patricia','Michael','Jennifer','David','Carlos','Aisha','Wei','Priya','Tom','Grace','Omar'])[1 + g % 15] AS fn,
         (ARRAY['Garcia','Johnson','Nguyen','Smith','Brown','Martinez','Lee','Walker','Hall','Young','Patel','Khan','Lopez'])[1 + (g / 15) % 13] AS ln,
         (ARRAY[${HISTORY_AREAS.map((a) => `'${a}'`).join(",")}])[1 + g % 8] || (220 + g / 80000)::text || lpad(((g / 8) % 10000)::text, 4, '0') AS ph,
         date_trunc('day', now()) - ((1 + (g / $2::int) % 45) * interval '1 day') + ((g * 7919) % 86000) * interval '1 second' AS ts,
         CASE WHEN g % 100 < 70 THEN 'sold' WHEN g % 100 < 85 THEN 'unsold' ELSE 'rejected' END AS st) x`,
      [opts.history, nc, ns],
    );
    log(`history leads: ${Date.now() - t0} ms`);
    await sql.query(
      `INSERT INTO "LeadSale" ("leadId", "campaignId", "buyerId", "price", "exclusive", "status", "returnDeadline", "createdAt")
       SELECT l.id, l."campaignId", l."buyerId", l.revenue, c."exclusive", 'sold'::"SaleStatus", l."createdAt" + interval '48 hours', l."createdAt"
       FROM "Lead" l JOIN bench_c c ON c.id = l."campaignId" WHERE l.source = 'bench-history' AND l.status = 'sold'`,
    );
    await sql.query(
      `INSERT INTO "Transaction" ("type", "leadId", "saleId", "buyerId", "sellerId", "amount", "createdAt")
       SELECT 'lead_sale'::"TransactionType", s."leadId", s.id, s."buyerId", NULL, s.price, s."createdAt"
       FROM "LeadSale" s JOIN "Lead" l ON l.id = s."leadId" WHERE l.source = 'bench-history'
       UNION ALL
       SELECT 'lead_purchase'::"TransactionType", s."leadId", s.id, NULL, l."sellerId", l.cost, s."createdAt"
       FROM "LeadSale" s JOIN "Lead" l ON l.id = s."leadId" WHERE l.source = 'bench-history' AND l.cost > 0`,
    );
    // The cap counters those sales would have left (day buckets, hour buckets where an hourly cap applies).
    await sql.query(
      `INSERT INTO "CampaignCounter" ("campaignId", "bucket", "leads", "spend")
       SELECT s."campaignId", 'd:' || to_char(s."createdAt", 'YYYY-MM-DD'), count(*), sum(s.price)
       FROM "LeadSale" s JOIN bench_c c ON c.id = s."campaignId" GROUP BY 1, 2
       UNION ALL
       SELECT s."campaignId", 'h:' || to_char(s."createdAt", 'YYYY-MM-DD"T"HH24'), count(*), sum(s.price)
       FROM "LeadSale" s JOIN "BuyerCampaign" b ON b.id = s."campaignId" AND b."hourlyCap" IS NOT NULL
       JOIN bench_c c ON c.id = s."campaignId" GROUP BY 1, 2`,
    );
    // Dedupe fingerprints of every accepted (sold/unsold) lead: what compliance.ts and settle.ts look up.
    await sql.query(
      `INSERT INTO "DedupeFingerprint" ("kind", "value", "leadId", "lastAcceptedAt")
       SELECT k.kind, k.value, l.id, l."createdAt" FROM "Lead" l
       CROSS JOIN LATERAL (VALUES ('phone', l."normalizedPhone"), ('email', l."normalizedEmail")) AS k(kind, value)
       WHERE l.status IN ('sold', 'unsold', 'returned') AND k.value IS NOT NULL
       ON CONFLICT ("kind", "value") DO UPDATE SET "leadId" = EXCLUDED."leadId", "lastAcceptedAt" = EXCLUDED."lastAcceptedAt"
       WHERE "DedupeFingerprint"."lastAcceptedAt" < EXCLUDED."lastAcceptedAt"`,
    );
    // Balances = the sum of each account's ledger effects (lib/money.ts balanceEffect).
    await sql.query(
      `UPDATE "Buyer" b SET "balance" = COALESCE((SELECT sum(CASE WHEN t.type = 'lead_sale' THEN -t.amount ELSE t.amount END)
         FROM "Transaction" t WHERE t."buyerId" = b.id), 0)`,
    );
    await sql.query(
      `UPDATE "Seller" s SET "balance" = COALESCE((SELECT sum(CASE WHEN t.type = 'lead_sale' THEN -t.amount ELSE t.amount END)
         FROM "Transaction" t WHERE t."sellerId" = s.id), 0)`,
    );
    await sql.query("COMMIT");
  } catch (err) {
    await sql.query("ROLLBACK").catch(() => {});
    throw err;
  }
  await sql.query(`ANALYZE`);
  log(`history sales, ledger, counters, fingerprints, analyze: ${Date.now() - t0} ms`);

  const sellable = await sellableAreas(sql);
  const duplicatePhones = (
    await sql.query<{ value: string }>(
      `SELECT value FROM "DedupeFingerprint" WHERE kind = 'phone' AND "lastAcceptedAt" > now() - interval '20 days' ORDER BY value LIMIT 5000`,
    )
  ).map((r) => r.value);
  const counts: Record<string, number> = {};
  for (const t of [
    "Buyer",
    "Seller",
    "BuyerCampaign",
    "Lead",
    "LeadSale",
    "Transaction",
    "CampaignCounter",
    "DedupeFingerprint",
  ]) {
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
    counts[t] = n;
  }
  return {
    sellerId: seller.id,
    sellerKeys: [SPEC_KEY, ...keys],
    sellable,
    deadState: DEAD_STATES[0],
    duplicatePhones,
    counts,
    seconds: (Date.now() - t0) / 1000,
  };
}
