// Observability: /api/metrics scraped and parsed strictly, its series moving after real requests;
// who may scrape; X-Request-Id in and out and on to the buyer's webhook.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { DeliveryWorker } from "@/lib/delivery/worker";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { POST as pingRoute } from "@/app/api/leads/ping/route";
import { POST as ingestRoute } from "@/app/api/leads/ingest/route";
import { GET as meRoute } from "@/app/api/auth/me/route";
import { GET as leadRoute } from "@/app/api/leads/[id]/route";
import { call, seedWorld, type World } from "./helpers/api";
import { parsePrometheusText, value } from "./support/prom-text";
import { listen, type Fake } from "./fake-buyers";
import { exampleLead } from "./pipeline-helpers";

const TOKEN = "metrics-token-for-tests-0123456789";

async function scrape(w: World) {
  const res = await call(metricsRoute, "GET", "/api/metrics", { cookie: w.admin.cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(res.body as string);
}

const pingBody = {
  vertical: "home_services",
  subVertical: "plumbing",
  consumerState: "CA",
  consumerZip: "90210",
  leadData: { homeowner: true, project_type: "repair" },
};

let fake: Fake | null = null;
afterEach(async () => {
  env.METRICS_TOKEN = undefined;
  await fake?.close();
  fake = null;
});

describe("GET /api/metrics", () => {
  it("is valid Prometheus text, and its series move with requests", async () => {
    const w = await seedWorld();
    invalidateCampaignIndex();
    const before = await scrape(w);
    for (const name of [
      "http_request_duration_seconds",
      "titan_leads_total",
      "titan_pipeline_stage_seconds",
      "titan_delivery_queue_depth",
      "titan_delivery_oldest_pending_age_seconds",
      "titan_circuit_breakers_open",
      "process_cpu_user_seconds_total",
    ]) {
      expect(before.has(name), name).toBe(true);
    }
    const http = { route: "/api/leads/ping", method: "POST", status: "200" };
    const ping = await call(pingRoute, "POST", "/api/leads/ping", { key: w.seller1.key, body: pingBody });
    expect(ping.status).toBe(200);
    const ingest = await call(ingestRoute, "POST", "/api/leads/ingest", { key: w.seller1.key, body: exampleLead() });
    expect(ingest.status).toBe(200);
    const rejected = await call(ingestRoute, "POST", "/api/leads/ingest", {
      key: w.seller1.key,
      body: exampleLead({ consumerPhone: "123" }),
    });
    expect(rejected.body.status).toBe("rejected");
    const lead = await call(leadRoute, "GET", `/api/leads/${ingest.body.leadId}`, {
      key: w.seller1.key,
      params: { id: String(ingest.body.leadId) },
    });
    expect(lead.status).toBe(200);

    const after = await scrape(w);
    const moved = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);
    expect(moved("http_request_duration_seconds_count", http)).toBe(1);
    // The route template, never the raw id.
    expect(
      moved("http_request_duration_seconds_count", { route: "/api/leads/[id]", method: "GET", status: "200" }),
    ).toBe(1);
    expect(
      [...after.get("http_request_duration_seconds")!.samples].some((s) => /\/\d+$/.test(s.labels.route ?? "")),
    ).toBe(false);
    expect(moved("titan_pings_total", { result: "priced" })).toBe(1);
    const leads = after.get("titan_leads_total")!.samples;
    expect(
      leads.reduce((s, x) => s + x.value, 0) -
        before.get("titan_leads_total")!.samples.reduce((s, x) => s + x.value, 0),
    ).toBe(2);
    expect(leads.some((s) => s.labels.outcome === "rejected" && s.labels.reason === "invalid_phone_format")).toBe(true);
    for (const stage of ["normalize", "validate", "compliance", "match"])
      expect(moved("titan_pipeline_stage_seconds_count", { stage }), stage).toBeGreaterThanOrEqual(2);
    expect(moved("titan_campaigns_considered_count")).toBeGreaterThanOrEqual(2);
    // Every series names its instance.
    for (const f of after.values()) for (const s of f.samples) expect(s.labels.instance_id, f.name).toBeTruthy();
  });

  it("reads queue depth, lag and open breakers from PostgreSQL at scrape time", async () => {
    const w = await seedWorld();
    const sale = await prisma.leadSale.findFirst();
    const c = await prisma.buyerCampaign.findFirstOrThrow({ where: { buyerId: w.buyer1.buyerId! } });
    const lead = await prisma.lead.create({
      data: { sellerId: w.seller1.sellerId!, vertical: c.vertical, status: "sold" },
    });
    const old = new Date(Date.now() - 120_000);
    await prisma.delivery.createMany({
      data: [
        {
          leadId: lead.id,
          campaignId: c.id,
          buyerId: c.buyerId,
          method: "webhook",
          status: "pending",
          createdAt: old,
          nextAttemptAt: old,
        },
        {
          leadId: lead.id,
          campaignId: c.id,
          buyerId: c.buyerId,
          method: "webhook",
          status: "dead",
          saleId: sale?.id ?? null,
        },
      ],
    });
    await prisma.buyerCampaign.update({
      where: { id: c.id },
      data: { status: "paused", autoPausedAt: new Date(), autoPausedReason: "test" },
    });
    // The queue gauges read PostgreSQL at most once a second (an earlier test's scrape may be that recent).
    await new Promise((r) => setTimeout(r, 1100));
    const m = await scrape(w);
    expect(value(m, "titan_delivery_queue_depth", { status: "pending" })).toBe(1);
    expect(value(m, "titan_delivery_queue_depth", { status: "dead" })).toBe(1);
    expect(value(m, "titan_delivery_queue_depth", { status: "in_progress" })).toBe(0);
    expect(value(m, "titan_delivery_oldest_pending_age_seconds")).toBeGreaterThan(100);
    expect(value(m, "titan_delivery_due_lag_seconds")).toBeGreaterThan(100);
    expect(value(m, "titan_circuit_breakers_open")).toBe(1);
  });

  // Who may scrape: [title, request options, METRICS_TOKEN set?, expected status]
  const CASES: [string, (w: World) => Parameters<typeof call>[3], boolean, number][] = [
    ["no credentials", () => ({}), false, 401],
    ["no credentials, token configured", () => ({}), true, 401],
    ["the metrics token", () => ({ headers: { authorization: `Bearer ${TOKEN}` } }), true, 200],
    ["a wrong bearer token", () => ({ headers: { authorization: `Bearer ${TOKEN}x` } }), true, 401],
    ["the token when none is configured", () => ({ headers: { authorization: `Bearer ${TOKEN}` } }), false, 401],
    ["a seller's API key", (w) => ({ key: w.seller1.key }), true, 403],
    ["a buyer's session", (w) => ({ cookie: w.buyer1.cookie }), false, 403],
    ["an admin session", (w) => ({ cookie: w.admin.cookie }), false, 200],
  ];
  it.each(CASES)("%s", async (_t, opts, tokenSet, status) => {
    const w = await seedWorld();
    env.METRICS_TOKEN = tokenSet ? TOKEN : undefined;
    const res = await call(metricsRoute, "GET", "/api/metrics", opts(w));
    expect(res.status).toBe(status);
    if (status !== 200) expect(res.body.error.code).toBe(status === 401 ? "unauthorized" : "forbidden");
  });
});

describe("X-Request-Id", () => {
  // [title, header sent, expectation]
  const CASES: [string, string | undefined, (id: string) => void][] = [
    ["is kept when valid", "seller-req-42.a:b", (id) => expect(id).toBe("seller-req-42.a:b")],
    ["is generated when absent", undefined, (id) => expect(id).toMatch(/^[0-9a-f-]{36}$/)],
    ["is replaced when too long", "a".repeat(129), (id) => expect(id).toMatch(/^[0-9a-f-]{36}$/)],
    ["is replaced when it has unsafe characters", 'abc def"<x>', (id) => expect(id).toMatch(/^[0-9a-f-]{36}$/)],
  ];
  it.each(CASES)("%s", async (_t, sent, check) => {
    const res = await call(meRoute, "GET", "/api/auth/me", {
      headers: sent === undefined ? {} : { "x-request-id": sent },
    });
    expect(res.status).toBe(401);
    check(res.headers.get("x-request-id")!);
  });

  it("travels from the seller's post to the buyer's webhook", async () => {
    const w = await seedWorld();
    fake = await listen((_req, _body, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await prisma.buyerCampaign.updateMany({
      where: { vertical: "home_services" },
      data: { deliveryMethod: "webhook", deliveryConfig: { url: fake.url } },
    });
    invalidateCampaignIndex();
    const res = await call(ingestRoute, "POST", "/api/leads/ingest", {
      key: w.seller1.key,
      body: exampleLead(),
      headers: { "x-request-id": "trace-7f3a" },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("sold");
    expect(res.headers.get("x-request-id")).toBe("trace-7f3a");
    const jobs = await prisma.delivery.findMany({ where: { leadId: res.body.leadId } });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.map((j) => j.requestId)).toEqual(jobs.map(() => "trace-7f3a"));
    await new DeliveryWorker({ workerId: "obs", allow: new Set(["127.0.0.1"]), timeoutMs: 2000 }).drain();
    expect(fake.requests.length).toBe(jobs.length);
    for (const r of fake.requests) {
      expect(r.headers["x-request-id"]).toBe("trace-7f3a");
      // webhook-id stays the per-delivery id receivers deduplicate on.
      expect(jobs.map((j) => j.messageId)).toContain(r.headers["webhook-id"]);
    }
  });
});
