-- Settle in one round trip (lib/pipeline/settle.ts calls tlg_settle once per lead).
--
-- Every write of a sale and every guard runs inside PostgreSQL in one statement: the lead row,
-- the consumer's dedupe claim, the ping's use, the cap counters (INSERT … ON CONFLICT DO UPDATE
-- … WHERE leads < cap), the buyers' debits (WHERE balance - price >= -creditLimit), the sales,
-- their ledger rows and delivery outbox rows, and the seller's payout. Row locks on the shared
-- rows (counters, balances) are taken in one global order (counters by campaign and bucket,
-- then buyers by id, then the seller) and released at COMMIT, microseconds later, never waiting
-- on the application's event loop.
--
-- (Rows are built with `SELECT r.* FROM jsonb_populate_record(…) r`: the shorter `(f(…)).*`
-- would evaluate f once per column.)
--
-- Outcomes (SQLSTATEs of our own, class TL):
--   TL001 (caught here)  the consumer was accepted within the dedupe window: the lead is stored as
--                        rejected/duplicate_lead, nothing else is written.
--   TL002 (caught here)  a guard refused one pick: that attempt is undone (subtransaction) and the
--                        lead settles without the pick, or, when other campaigns could still be
--                        tried (finalRound false), TL003 is raised instead.
--   TL003 (raised out)   retry: nothing at all was written; DETAIL holds the refused picks as JSON.
--   TL004 (raised out)   the ping was already used: nothing at all was written.

CREATE INDEX "CampaignCounter_bucket_idx" ON "CampaignCounter"("bucket");

-- The refused picks as stored outcomes: { campaignId, buyerId, reason }.
CREATE OR REPLACE FUNCTION tlg_failed_outcomes(p jsonb, failed jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT COALESCE(jsonb_agg(jsonb_build_object('campaignId', k."campaignId", 'buyerId', k."buyerId", 'reason', f.e->>'reason') ORDER BY f.ord), '[]')
  FROM jsonb_array_elements(failed) WITH ORDINALITY AS f(e, ord)
  JOIN jsonb_to_recordset(p->'picks') AS k(idx integer, "campaignId" integer, "buyerId" integer) ON k.idx = (f.e->>'idx')::integer
$fn$;

CREATE OR REPLACE FUNCTION tlg_settle(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  v_now        timestamp := (p->>'now')::timestamp;
  v_pending    boolean := (p->>'leadId') IS NOT NULL;
  v_lead       integer := COALESCE((p->>'leadId')::integer, nextval(pg_get_serial_sequence('"Lead"', 'id'))::integer);
  v_final      boolean := COALESCE((p->>'finalRound')::boolean, true);
  v_dropped    integer[] := '{}';
  v_failed     jsonb := '[]';
  v_keys       integer;
  v_claimed    integer;
  v_n          integer;
  v_revenue    bigint;
  v_cost       bigint;
  v_winner     record;
  v_sale_ids   integer[];
  v_first_sale integer;
  v_notify     boolean := false;
  v_cur        integer;
  v_reason     text;
  r            record;
  e_reason     text;
  e_idx        text;
  e_bucket     text;
BEGIN
  BEGIN
    -- 1. The consumer is claimed first: of M parallel posts one claim succeeds.
    v_keys := jsonb_array_length(COALESCE(p->'dedupe', '[]'));
    IF v_keys > 0 THEN
      WITH claimed AS (
        INSERT INTO "DedupeFingerprint" AS f ("kind", "value", "leadId", "lastAcceptedAt")
        SELECT k.kind, k.value, v_lead, v_now FROM jsonb_to_recordset(p->'dedupe') AS k(kind text, value text)
        ON CONFLICT ("kind", "value") DO UPDATE SET "leadId" = EXCLUDED."leadId", "lastAcceptedAt" = EXCLUDED."lastAcceptedAt"
          WHERE f."lastAcceptedAt" < (p->>'windowStart')::timestamp
        RETURNING 1)
      SELECT count(*) INTO v_claimed FROM claimed;
      IF v_claimed < v_keys THEN
        RAISE EXCEPTION USING ERRCODE = 'TL001', MESSAGE = 'duplicate';
      END IF;
    END IF;

    -- 2. A ping is honoured once.
    IF p->>'pingId' IS NOT NULL THEN
      UPDATE "Ping" SET "usedAt" = v_now, "leadId" = v_lead WHERE "id" = (p->>'pingId')::uuid AND "usedAt" IS NULL;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      IF v_n <> 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'TL004', MESSAGE = 'ping_used';
      END IF;
    END IF;

    -- 3. The shared rows, in one global lock order; a refusal undoes the attempt and drops the pick.
    LOOP
      BEGIN
        FOR r IN
          SELECT c.idx, c."campaignId", c.bucket, c.cap, c."budgetCents", c."priceCents"
          FROM jsonb_to_recordset(COALESCE(p->'counters', '[]'))
            AS c(idx integer, "campaignId" integer, bucket text, cap integer, "budgetCents" bigint, "priceCents" bigint)
          WHERE c.idx <> ALL (v_dropped)
          ORDER BY c."campaignId", c.bucket
        LOOP
          INSERT INTO "CampaignCounter" AS cc ("campaignId", "bucket", "leads", "spend")
          VALUES (r."campaignId", r.bucket, 1, r."priceCents"::numeric / 100)
          ON CONFLICT ("campaignId", "bucket") DO UPDATE
            SET "leads" = cc."leads" + 1, "spend" = cc."spend" + EXCLUDED."spend"
            WHERE (r.cap IS NULL OR cc."leads" < r.cap)
              AND (r."budgetCents" IS NULL OR cc."spend" + EXCLUDED."spend" <= r."budgetCents"::numeric / 100);
          GET DIAGNOSTICS v_n = ROW_COUNT;
          IF v_n <> 1 THEN
            v_reason := 'cap_reached';
            IF r."budgetCents" IS NOT NULL THEN
              SELECT "leads" INTO v_cur FROM "CampaignCounter" WHERE "campaignId" = r."campaignId" AND "bucket" = r.bucket;
              IF r.cap IS NULL OR v_cur < r.cap THEN v_reason := 'budget_reached'; END IF;
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'TL002', MESSAGE = v_reason, DETAIL = r.idx::text, HINT = r.bucket;
          END IF;
        END LOOP;

        FOR r IN
          SELECT k."buyerId", sum(k."priceCents") AS cents, max(k.idx) AS last_idx
          FROM jsonb_to_recordset(p->'picks') AS k(idx integer, "buyerId" integer, "priceCents" bigint)
          WHERE k.idx <> ALL (v_dropped)
          GROUP BY k."buyerId" ORDER BY k."buyerId"
        LOOP
          UPDATE "Buyer" SET "balance" = "balance" - r.cents::numeric / 100, "updatedAt" = v_now
          WHERE "id" = r."buyerId" AND "balance" - r.cents::numeric / 100 >= -"creditLimit";
          GET DIAGNOSTICS v_n = ROW_COUNT;
          IF v_n <> 1 THEN
            -- The buyer cannot pay for all its picks: drop its lowest-ranked one and try again.
            RAISE EXCEPTION USING ERRCODE = 'TL002', MESSAGE = 'insufficient_balance', DETAIL = r.last_idx::text, HINT = '';
          END IF;
        END LOOP;
        EXIT;
      EXCEPTION WHEN SQLSTATE 'TL002' THEN
        GET STACKED DIAGNOSTICS e_reason = MESSAGE_TEXT, e_idx = PG_EXCEPTION_DETAIL, e_bucket = PG_EXCEPTION_HINT;
        v_dropped := v_dropped || e_idx::integer;
        v_failed := v_failed || jsonb_build_object('idx', e_idx::integer, 'reason', e_reason, 'bucket', NULLIF(e_bucket, ''));
        IF NOT v_final THEN
          RAISE EXCEPTION USING ERRCODE = 'TL003', MESSAGE = 'retry', DETAIL = v_failed::text;
        END IF;
      END;
    END LOOP;

    -- 4. The money of what was kept.
    SELECT COALESCE(sum(k."priceCents"), 0) INTO v_revenue
    FROM jsonb_to_recordset(p->'picks') AS k(idx integer, "priceCents" bigint) WHERE k.idx <> ALL (v_dropped);
    SELECT k.idx, k."campaignId", k."buyerId" INTO v_winner
    FROM jsonb_to_recordset(p->'picks') AS k(idx integer, "campaignId" integer, "buyerId" integer)
    WHERE k.idx <> ALL (v_dropped) ORDER BY k.idx LIMIT 1;
    IF v_winner.idx IS NULL THEN
      v_cost := 0;
    ELSIF p->'payout'->>'kind' = 'share' THEN
      v_cost := floor(v_revenue * (p->'payout'->>'bps')::bigint / 10000.0);
    ELSIF COALESCE((p->'payout'->>'capAtRevenue')::boolean, false) THEN
      v_cost := least((p->'payout'->>'cents')::bigint, v_revenue);
    ELSE
      v_cost := (p->'payout'->>'cents')::bigint;
    END IF;

    -- 5. The lead row, final: inserted (the common case) or the pending row a synchronous buyer saw.
    IF v_pending THEN
      UPDATE "Lead" SET
        "status" = CASE WHEN v_winner.idx IS NULL THEN 'unsold' ELSE 'sold' END::"LeadStatus",
        "revenue" = v_revenue::numeric / 100, "cost" = v_cost::numeric / 100, "margin" = (v_revenue - v_cost)::numeric / 100,
        "buyerId" = v_winner."buyerId", "campaignId" = v_winner."campaignId",
        "soldAt" = CASE WHEN v_winner.idx IS NULL THEN NULL ELSE v_now END,
        "pingId" = (p->>'pingId')::uuid, "matchCount" = (p->>'matchCount')::integer,
        "unsoldReasons" = COALESCE(p->'outcomes', '[]') || tlg_failed_outcomes(p, v_failed),
        -- A very slow request may settle after the sweep closed its lead (sweepInterruptedLeads).
        "rejectionReasons" = '{}', "updatedAt" = v_now
      WHERE "id" = v_lead;
    ELSE
      INSERT INTO "Lead" SELECT lr.* FROM jsonb_populate_record(NULL::"Lead", p->'lead' || jsonb_build_object(
        'id', v_lead,
        'status', CASE WHEN v_winner.idx IS NULL THEN 'unsold' ELSE 'sold' END,
        'revenue', v_revenue::numeric / 100, 'cost', v_cost::numeric / 100, 'margin', (v_revenue - v_cost)::numeric / 100,
        'buyerId', v_winner."buyerId", 'campaignId', v_winner."campaignId",
        'soldAt', CASE WHEN v_winner.idx IS NULL THEN NULL ELSE p->>'now' END,
        'pingId', p->>'pingId', 'matchCount', (p->>'matchCount')::integer,
        'unsoldReasons', COALESCE(p->'outcomes', '[]') || tlg_failed_outcomes(p, v_failed),
        'rejectionReasons', '[]'::jsonb, 'failedSources', '[]'::jsonb,
        'createdAt', p->>'now', 'updatedAt', p->>'now')) lr;
    END IF;

    -- 6. Sales, their ledger rows and delivery outbox rows (rows only this lead touches).
    IF v_winner.idx IS NOT NULL THEN
      WITH kept AS (
        SELECT k.* FROM jsonb_to_recordset(p->'picks') AS k(
          idx integer, "campaignId" integer, "buyerId" integer, "priceCents" bigint, exclusive boolean,
          "buyerLeadId" text, "returnDeadline" timestamp, method text, target text)
        WHERE k.idx <> ALL (v_dropped)
      ), sales AS (
        INSERT INTO "LeadSale" ("leadId", "campaignId", "buyerId", "price", "exclusive", "buyerLeadId", "returnDeadline", "createdAt")
        SELECT v_lead, kept."campaignId", kept."buyerId", kept."priceCents"::numeric / 100, kept.exclusive, kept."buyerLeadId", kept."returnDeadline", v_now
        FROM kept ORDER BY kept.idx
        RETURNING "id", "campaignId"
      ), joined AS (
        SELECT sales."id" AS sale_id, kept.* FROM sales JOIN kept ON kept."campaignId" = sales."campaignId"
      ), ledger AS (
        INSERT INTO "Transaction" ("type", "buyerId", "amount", "leadId", "saleId", "createdAt")
        SELECT 'lead_sale', joined."buyerId", joined."priceCents"::numeric / 100, v_lead, joined.sale_id, v_now FROM joined
        RETURNING 1
      ), attached AS (
        -- A synchronous http_post buyer already has the lead: attach that recorded call to the sale.
        UPDATE "Delivery" d SET "saleId" = joined.sale_id, "updatedAt" = v_now
        FROM joined
        WHERE joined.method = 'http_post' AND d."leadId" = v_lead AND d."campaignId" = joined."campaignId"
          AND d."saleId" IS NULL AND d."status" = 'delivered'
        RETURNING d."campaignId"
      ), queued AS (
        -- "requestId" (the post that caused the delivery, for tracing) is added by a later migration;
        -- PL/pgSQL resolves columns when the statement first runs, not when the function is created.
        INSERT INTO "Delivery" ("saleId", "leadId", "campaignId", "buyerId", "method", "target", "messageId", "status", "nextAttemptAt", "createdAt", "updatedAt", "requestId")
        SELECT joined.sale_id, v_lead, joined."campaignId", joined."buyerId", joined.method::"DeliveryMethod", joined.target,
               gen_random_uuid(), 'pending', v_now, v_now, v_now, p->>'requestId'
        FROM joined
        WHERE joined.method <> 'portal' AND joined."campaignId" NOT IN (SELECT "campaignId" FROM attached)
        RETURNING 1
      )
      SELECT array_agg(joined.sale_id ORDER BY joined.idx), (array_agg(joined.sale_id ORDER BY joined.idx))[1],
             (SELECT count(*) FROM queued) > 0, (SELECT count(*) FROM ledger)
      INTO v_sale_ids, v_first_sale, v_notify, v_n
      FROM joined;

      -- 7. The seller is paid once per sold lead, recorded against its first sale; its balance row
      --    (shared by all of the seller's sales) is written last, just before COMMIT.
      IF v_cost > 0 THEN
        INSERT INTO "Transaction" ("type", "sellerId", "amount", "leadId", "saleId", "createdAt")
        VALUES ('lead_purchase', (p->>'sellerId')::integer, v_cost::numeric / 100, v_lead, v_first_sale, v_now);
        UPDATE "Seller" SET "balance" = "balance" + v_cost::numeric / 100, "updatedAt" = v_now WHERE "id" = (p->>'sellerId')::integer;
      END IF;
    END IF;

    RETURN jsonb_build_object(
      'kind', 'settled', 'leadId', v_lead, 'sold', v_winner.idx IS NOT NULL,
      'revenueCents', v_revenue, 'costCents', v_cost, 'saleIds', COALESCE(to_jsonb(v_sale_ids), '[]'),
      'failed', v_failed, 'notify', COALESCE(v_notify, false));
  EXCEPTION WHEN SQLSTATE 'TL001' THEN
    -- Everything above was undone; the lead is kept as a rejected duplicate (sellers see why).
    IF v_pending THEN
      UPDATE "Lead" SET "status" = 'rejected', "rejectionReasons" = ARRAY['duplicate_lead'],
        "failedSources" = ARRAY(SELECT jsonb_array_elements_text(p->'duplicateSources')), "qualityScore" = 0, "updatedAt" = v_now
      WHERE "id" = v_lead;
    ELSE
      INSERT INTO "Lead" SELECT lr.* FROM jsonb_populate_record(NULL::"Lead", p->'lead' || jsonb_build_object(
        'id', v_lead, 'status', 'rejected', 'rejectionReasons', '["duplicate_lead"]'::jsonb,
        'failedSources', COALESCE(p->'duplicateSources', '[]'), 'qualityScore', 0, 'unsoldReasons', '[]'::jsonb,
        'createdAt', p->>'now', 'updatedAt', p->>'now')) lr;
    END IF;
    RETURN jsonb_build_object('kind', 'duplicate', 'leadId', v_lead);
  END;
END;
$fn$;

