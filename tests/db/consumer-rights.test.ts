// Consumer rights end to end through the route handlers on the real database: an opt-out reaches
// every buyer as a signed consent.revoked webhook and suppresses new leads; a deletion import
// (hashed and plain identifiers, bad lines) erases consumers everywhere while money reconciles;
// retention erases old leads in batches and keeps consent evidence for its own period.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { POST as compliance, GET as listLeadsRoute } from "@/app/api/leads/route";
import { GET as leadRoute } from "@/app/api/leads/[id]/route";
import { GET as consentRoute } from "@/app/api/leads/[id]/consent/route";
import { POST as optOut } from "@/app/api/consumer/opt-out/route";
import { GET as queueRoute, POST as adminOptOut } from "@/app/api/admin/opt-outs/route";
import { POST as importRoute } from "@/app/api/admin/deletion-requests/import/route";
import { GET as importsRoute } from "@/app/api/admin/deletion-requests/route";
import { GET as getRetentionRoute, PUT as putRetentionRoute } from "@/app/api/admin/retention/route";
import { POST as runRetentionRoute } from "@/app/api/admin/retention/run/route";
import { GET as deliveriesRoute } from "@/app/api/deliveries/route";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { DeliveryWorker } from "@/lib/delivery/worker";
import { generateWebhookSecret } from "@/lib/delivery/webhook";
import { identifierHash } from "@/lib/consumer/identifiers";
import { runRetention } from "@/lib/consumer/retention";
import { MIGRATIONS_DIR } from "@/lib/migrations";
import { complianceExamples } from "@/lib/openapi/examples";
import { call, seedWorld, type World } from "./helpers/api";
import { webhookReceiver, type Fake } from "./fake-buyers";
import { freshEmail, freshPhone, exampleLead } from "./pipeline-helpers";

const COMPLIANCE_EXAMPLE = complianceExamples.testExample;
import { expectBalancesMatchLedger } from "./helpers/ledger";

const LOCAL = new Set(["127.0.0.1"]);
const servers: Fake[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

let w: World;
let secret: string;
let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
beforeEach(async () => {
  w = await seedWorld();
  secret = generateWebhookSecret();
  receiver = await webhookReceiver(() => secret);
  servers.push(receiver);
  // Every demo campaign delivers by signed webhook to the local receiver.
  await prisma.buyerCampaign.updateMany({
    data: { deliveryMethod: "webhook", deliveryConfig: { url: `${receiver.url}/hook` }, webhookSecret: secret },
  });
  invalidateCampaignIndex();
});

const worker = () =>
  new DeliveryWorker({
    workerId: "consumer-test",
    allow: LOCAL,
    backoffMs: [20, 20, 20, 20, 20, 20],
    timeoutMs: 2000,
    retentionIntervalMs: 0,
  });
const sellerKey = () => ({ key: w.seller1.key });
let ipSeq = 10;
const publicOptOut = (body: unknown, ip = `203.0.113.${ipSeq++}`) =>
  call(optOut, "POST", "/api/consumer/opt-out", { body, headers: { "x-forwarded-for": ip }, origin: null });

async function sellLead(over: Record<string, unknown> = {}) {
  const r = await call(ingest, "POST", "/api/leads/ingest", { ...sellerKey(), body: exampleLead(over) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { leadId: number; status: string };
}

describe("opt-out (public page API)", () => {
  it("suppresses the consumer, marks their leads and sends each buyer a signed consent.revoked webhook, once", async () => {
    const phone = freshPhone();
    const sold = await sellLead({ consumerPhone: phone });
    expect(sold.status).toBe("sold");
    const lead = await prisma.lead.findUniqueOrThrow({ where: { id: sold.leadId } });
    expect(lead.phoneHash).toBe(identifierHash(phone));
    expect(lead.emailHash).toBe(identifierHash(lead.normalizedEmail!));
    await worker().drain();
    const sales = await prisma.leadSale.findMany({ where: { leadId: sold.leadId } });
    expect(sales.length).toBeGreaterThan(0);

    const pretty = `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`;
    const r = await publicOptOut({ phone: pretty, request: "stop_contact" });
    expect(r.status).toBe(202);
    // Someone we hold nothing about gets the very same answer.
    const unknown = await publicOptOut({ phone: freshPhone(), request: "stop_contact" });
    expect(unknown.status).toBe(202);
    const shape = (b: Record<string, unknown>) => ({ ...b, reference: "x", receivedAt: "x" });
    expect(shape(unknown.body)).toEqual(shape(r.body));
    expect(Object.keys(r.body).sort()).toEqual(["message", "receivedAt", "reference", "request"]);

    const revoked = await prisma.lead.findUniqueOrThrow({ where: { id: sold.leadId } });
    expect(revoked.consentRevokedAt).not.toBeNull();
    const notices = await prisma.delivery.findMany({ where: { event: "consent.revoked" } });
    expect(notices.map((n) => n.saleId).sort()).toEqual(sales.map((s) => s.id).sort());

    await worker().drain();
    const events = [...receiver.processed.values()].filter(
      (p) => (p as { type: string }).type === "consent.revoked",
    ) as { data: unknown }[];
    expect(receiver.state.badSignatures).toBe(0);
    expect(events.map((e) => e.data)).toEqual(
      sales.map(() => ({ leadId: sold.leadId, revokedAt: revoked.consentRevokedAt!.toISOString() })),
    );
    expect(await prisma.delivery.count({ where: { event: "consent.revoked", status: "delivered" } })).toBe(
      sales.length,
    );

    // A new lead with that phone is refused as suppressed, whatever its email.
    const again = await call(ingest, "POST", "/api/leads/ingest", {
      ...sellerKey(),
      body: exampleLead({ consumerPhone: phone }),
    });
    expect(again.body).toMatchObject({ success: false, status: "rejected" });
    expect(again.body.rejectionReasons).toContain("suppressed_consumer");

    // The buyer sees the mark in the API, and can filter on it.
    const buyerId = sales[0].buyerId;
    const buyer = buyerId === w.buyer1.buyerId ? w.buyer1 : w.buyer2;
    const list = await call(listLeadsRoute, "GET", "/api/leads?consentRevoked=true", { key: buyer.key });
    expect(list.status).toBe(200);
    expect(list.body.map((l: { id: number }) => l.id)).toEqual([sold.leadId]);
    expect(list.body[0].consentRevokedAt).toBe(revoked.consentRevokedAt!.toISOString());
    const notRevoked = await call(listLeadsRoute, "GET", "/api/leads?consentRevoked=false", { key: buyer.key });
    expect(notRevoked.body.map((l: { id: number }) => l.id)).not.toContain(sold.leadId);
    const detail = await call(leadRoute, "GET", `/api/leads/${sold.leadId}`, {
      key: buyer.key,
      params: { id: String(sold.leadId) },
    });
    expect(detail.body.consentRevokedAt).toBe(revoked.consentRevokedAt!.toISOString());
    expect(detail.body.deliveries.map((d: { event: string }) => d.event)).toContain("consent.revoked");
    // The seller sees which of its leads were revoked.
    const sellerList = await call(listLeadsRoute, "GET", "/api/leads?consentRevoked=true", { key: w.seller1.key });
    expect(sellerList.body.map((l: { id: number }) => l.id)).toEqual([sold.leadId]);

    // The queue shows how it was honoured, notices with their delivery status; identifiers only masked.
    const queue = await call(queueRoute, "GET", "/api/admin/opt-outs", { cookie: w.admin.cookie });
    expect(queue.status).toBe(200);
    const mine = queue.body.find((q: { leadsRevoked: number }) => q.leadsRevoked === 1);
    expect(mine).toMatchObject({
      request: "stop_contact",
      channel: "web",
      phone: `(•••) •••-${phone.slice(-4)}`,
      leadsRevoked: 1,
    });
    expect(mine.notices.map((n: { status: string }) => n.status)).toEqual(sales.map(() => "delivered"));
    expect(JSON.stringify(queue.body)).not.toContain(phone);

    // Again, by email this time: the lead is already revoked, no buyer is told twice.
    await publicOptOut({ email: lead.consumerEmail!, request: "stop_contact" });
    expect(await prisma.delivery.count({ where: { event: "consent.revoked" } })).toBe(sales.length);
  });

  it("only notifies buyers of sales inside the look-back window", async () => {
    const phone = freshPhone();
    const sold = await sellLead({ consumerPhone: phone });
    // Longest demo return window + 30 days back, and a day more.
    const hours = (await prisma.buyerCampaign.aggregate({ _max: { returnWindowHours: true } }))._max.returnWindowHours!;
    const old = new Date(Date.now() - (Math.ceil(hours / 24) + 31) * 86_400_000);
    await prisma.leadSale.updateMany({ where: { leadId: sold.leadId }, data: { createdAt: old } });
    await publicOptOut({ phone, request: "stop_contact" });
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: sold.leadId } })).consentRevokedAt).not.toBeNull();
    expect(await prisma.delivery.count({ where: { event: "consent.revoked" } })).toBe(0);
  });

  it.each([
    [{ phone: "123", request: "stop_contact" }, [{ field: "phone", issue: "not a valid 10-digit US phone number" }]],
    [
      { phone: "(111) 555-1234", request: "delete" },
      [{ field: "phone", issue: "not a valid 10-digit US phone number" }],
    ],
    [{ email: "someone@", request: "stop_contact" }, [{ field: "email", issue: "not a valid email address" }]],
    [
      { phone: "12", email: "x@y", request: "stop_contact" },
      [
        { field: "phone", issue: "not a valid 10-digit US phone number" },
        { field: "email", issue: "not a valid email address" },
      ],
    ],
    [{ request: "stop_contact" }, [{ field: "phone", issue: "a phone number or an email address is required" }]],
    [
      { phone: "  ", email: "", request: "delete" },
      [{ field: "phone", issue: "a phone number or an email address is required" }],
    ],
    [{ phone: "6145550123", request: "forget" }, [{ field: "request", issue: "must be stop_contact or delete" }]],
    [{ phone: 6145550123, request: "delete" }, [{ field: "phone", issue: expect.any(String) }]],
    [
      { phone: "6145550123", request: "delete", admin: true },
      [{ field: "admin", issue: "unknown field; it is not accepted here" }],
    ],
  ])("refuses %j with 400 naming the field", async (body, details) => {
    const r = await publicOptOut(body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: { code: "validation_failed", message: expect.any(String), details } });
    expect(await prisma.consumerRequest.count()).toBe(0);
    expect(await prisma.suppression.count({ where: { kind: "consumer" } })).toBe(0);
  });

  it("limits requests per client address (5 an hour by default), counted in the database", async () => {
    const ip = "198.51.100.77";
    const results = await Promise.all(
      Array.from({ length: 8 }, () => publicOptOut({ phone: freshPhone(), request: "stop_contact" }, ip)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await publicOptOut({ phone: freshPhone(), request: "stop_contact" }, "198.51.100.78")).status).toBe(202);
    // Admins entering requests received by phone or mail are not limited.
    for (let i = 0; i < 6; i++) {
      const r = await call(adminOptOut, "POST", "/api/admin/opt-outs", {
        cookie: w.admin.cookie,
        body: { phone: freshPhone(), request: "stop_contact", note: "by phone" },
        headers: { "x-forwarded-for": ip },
      });
      expect(r.status).toBe(202);
    }
  });
});

const sha = (s: string) => identifierHash(s);

describe("deletion requests", () => {
  it("erases matched consumers everywhere, suppresses every identifier, reports bad lines, and money still reconciles", async () => {
    const phoneA = freshPhone();
    const emailA = freshEmail();
    const a1 = await sellLead({ consumerPhone: phoneA, consumerEmail: emailA });
    // Same consumer, another lead: same phone, another email (past the dedupe window).
    await prisma.dedupeFingerprint.deleteMany({});
    const a2 = await sellLead({ consumerPhone: phoneA, consumerEmail: freshEmail() });
    const emailB = freshEmail();
    const b = await sellLead({ consumerEmail: emailB });
    const keep = await sellLead();
    // A compliance endpoint answer for consumer A, stored for idempotent replay.
    const idem = await call(compliance, "POST", "/api/leads", {
      ...sellerKey(),
      body: { ...COMPLIANCE_EXAMPLE, token: undefined, phone: phoneA, email: emailA },
      headers: { "idempotency-key": "k-consumer-a" },
    });
    expect(JSON.stringify(idem.body)).toContain(phoneA);
    await worker().drain();
    const targets = (
      await prisma.lead.findMany({
        where: { OR: [{ phoneHash: sha(phoneA) }, { emailHash: sha(emailB) }] },
        select: { id: true },
      })
    ).map((l) => l.id);
    expect(targets).toEqual(expect.arrayContaining([a1.leadId, a2.leadId, b.leadId]));
    const balancesBefore = await prisma.buyer.findMany({ select: { id: true, balance: true }, orderBy: { id: "asc" } });
    const revenueBefore = await prisma.lead.findMany({
      select: { id: true, revenue: true, cost: true, status: true, vertical: true, consumerState: true },
      orderBy: { id: "asc" },
    });

    const file = [
      sha(phoneA),
      "not an identifier",
      `  ${emailB.toUpperCase()}  `,
      "",
      sha("0000000000000"),
      "(111) 222-3333",
      "a".repeat(600),
    ].join("\r\n");
    const r = await call(importRoute, "POST", "/api/admin/deletion-requests/import", {
      cookie: w.admin.cookie,
      body: file,
      headers: { "content-type": "text/plain" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      status: "completed",
      received: 6,
      matched: 2,
      deleted: targets.length,
      suppressed: 3,
      badLineCount: 3,
      badLines: [
        { line: 2, issue: "neither an email, a US phone number nor a 64-character SHA-256 hex digest" },
        { line: 6, issue: "not a valid 10-digit US phone number" },
        { line: 7, issue: "longer than 512 characters" },
      ],
    });
    const soldTo = await prisma.leadSale.count({ where: { leadId: { in: targets } } });
    expect(r.body.notified).toBe(soldTo);

    // Erased: every personal field, and every copy; ids, money, vertical, state, status kept.
    for (const id of targets) {
      const l = await prisma.lead.findUniqueOrThrow({ where: { id } });
      expect(l).toMatchObject({
        firstName: null,
        lastName: null,
        consumerName: null,
        consumerEmail: null,
        consumerPhone: null,
        consumerZip: null,
        consumerCity: null,
        consumerAddress: null,
        normalizedPhone: null,
        normalizedEmail: null,
        phoneHash: null,
        emailHash: null,
        ipAddress: null,
        trustedFormCertUrl: null,
        leadData: {},
        consent: {},
        erasureReason: "deletion_request",
      });
      expect(l.erasedAt).not.toBeNull();
      expect(l.consentErasedAt).not.toBeNull();
    }
    const untouched = await prisma.lead.findUniqueOrThrow({ where: { id: keep.leadId } });
    expect(untouched.consumerPhone).not.toBeNull();
    expect(untouched.erasedAt).toBeNull();
    expect(
      await prisma.lead.findMany({
        select: { id: true, revenue: true, cost: true, status: true, vertical: true, consumerState: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual(revenueBefore);
    expect(await prisma.buyer.findMany({ select: { id: true, balance: true }, orderBy: { id: "asc" } })).toEqual(
      balancesBefore,
    );
    await expectBalancesMatchLedger();

    // Nothing any API or stored copy returns still holds the erased values.
    await worker().drain();
    const deleted = [...receiver.processed.values()].filter(
      (p) => (p as { type: string }).type === "consumer.deleted",
    ) as { data: { leadId: number; deletedAt: string } }[];
    expect(deleted.length).toBe(soldTo);
    expect(new Set(deleted.map((d) => d.data.leadId))).toEqual(
      new Set((await prisma.leadSale.findMany({ where: { leadId: { in: targets } } })).map((s) => s.leadId)),
    );
    const leaks: string[] = [];
    const secrets = [phoneA, emailB];
    const check = (what: string, v: unknown) => {
      const s = JSON.stringify(v);
      for (const x of secrets) if (s.includes(x)) leaks.push(`${what} holds ${x}`);
    };
    for (const acct of [w.admin, w.buyer1, w.buyer2, w.seller1]) {
      const auth = acct.key ? { key: acct.key } : { cookie: acct.cookie };
      check(`list as ${acct.user.username}`, (await call(listLeadsRoute, "GET", "/api/leads?limit=100", auth)).body);
      for (const id of [a1.leadId, a2.leadId, b.leadId]) {
        check(
          `lead ${id} as ${acct.user.username}`,
          (await call(leadRoute, "GET", `/api/leads/${id}`, { ...auth, params: { id: String(id) } })).body,
        );
        check(
          `consent ${id} as ${acct.user.username}`,
          (await call(consentRoute, "GET", `/api/leads/${id}/consent`, { ...auth, params: { id: String(id) } })).body,
        );
      }
    }
    check(
      "deliveries",
      (await call(deliveriesRoute, "GET", "/api/deliveries?limit=100", { cookie: w.admin.cookie })).body,
    );
    check("pings", await prisma.ping.findMany());
    check("delivery attempts", await prisma.deliveryAttempt.findMany());
    check("idempotency records", await prisma.idempotencyRecord.findMany());
    check("suppressions", await prisma.suppression.findMany());
    // An idempotent replay of the compliance call answers without the erased values.
    const replay = await call(compliance, "POST", "/api/leads", {
      ...sellerKey(),
      body: { ...COMPLIANCE_EXAMPLE, token: undefined, phone: phoneA, email: emailA },
      headers: { "idempotency-key": "k-consumer-a" },
    });
    check("compliance replay", replay.body);
    expect(leaks).toEqual([]);

    // Never sold again, by phone or email.
    for (const over of [{ consumerPhone: phoneA }, { consumerEmail: emailB }]) {
      const again = await call(ingest, "POST", "/api/leads/ingest", { ...sellerKey(), body: exampleLead(over) });
      expect(again.body.rejectionReasons).toContain("suppressed_consumer");
    }

    // The same file again: nothing erased twice, nobody notified twice. (The two refused leads just
    // above were stored, as rejected leads are, with what the seller sent: those are erased now.)
    const notices = await prisma.delivery.count({ where: { event: "consumer.deleted" } });
    const second = await call(importRoute, "POST", "/api/admin/deletion-requests/import", {
      cookie: w.admin.cookie,
      body: file,
      headers: { "content-type": "text/plain" },
    });
    expect(second.body).toMatchObject({ received: 6, matched: 2, deleted: 2, notified: 0, suppressed: 0 });
    expect(await prisma.delivery.count({ where: { event: "consumer.deleted" } })).toBe(notices);
    // Both reports are kept.
    const reports = await call(importsRoute, "GET", "/api/admin/deletion-requests", { cookie: w.admin.cookie });
    expect(reports.body.map((x: { deleted: number }) => x.deleted)).toEqual([2, targets.length]);
    const third = await call(importRoute, "POST", "/api/admin/deletion-requests/import", {
      cookie: w.admin.cookie,
      body: file,
      headers: { "content-type": "text/plain" },
    });
    expect(third.body).toMatchObject({ received: 6, matched: 0, deleted: 0, notified: 0, suppressed: 0 });
  });

  it("parallel imports of the same consumer erase and notify once", async () => {
    const phone = freshPhone();
    const sold = await sellLead({ consumerPhone: phone });
    const sales = await prisma.leadSale.count({ where: { leadId: sold.leadId } });
    const send = () =>
      call(importRoute, "POST", "/api/admin/deletion-requests/import", {
        cookie: w.admin.cookie,
        body: `${phone}\n`,
        headers: { "content-type": "text/plain" },
      });
    const rs = await Promise.all([send(), send(), send()]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(rs.reduce((n, r) => n + r.body.deleted, 0)).toBe(1);
    expect(await prisma.delivery.count({ where: { event: "consumer.deleted" } })).toBe(sales);
  });

  it("streams a 100,000-line file", async () => {
    const phone = freshPhone();
    await sellLead({ consumerPhone: phone });
    const N = 100_000;
    let i = 0;
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (i >= N) return ctrl.close();
        const lines: string[] = [];
        for (let k = 0; k < 2000 && i < N; k++, i++) lines.push(i === 54_321 ? phone : sha(`stream-${i}`));
        ctrl.enqueue(enc.encode(`${lines.join("\n")}\n`));
      },
    });
    const req = new Request("http://localhost:3130/api/admin/deletion-requests/import", {
      method: "POST",
      headers: { cookie: w.admin.cookie, origin: "http://localhost:3130", "content-type": "text/plain" },
      body,
      duplex: "half",
    } as RequestInit);
    const started = Date.now();
    const res = await importRoute(req, { params: Promise.resolve({}) });
    const report = await res.json();
    const ms = Date.now() - started;
    console.log(`[consumer-rights] 100k-line deletion import: ${ms} ms`);
    expect(report).toMatchObject({ received: N, matched: 1, deleted: 1, badLineCount: 0, suppressed: N });
  }, 180_000);

  it.each([
    ["application/json", 415, "unsupported_media_type"],
    ["multipart/form-data; boundary=x", 415, "unsupported_media_type"],
  ])("refuses Content-Type %s", async (type, status, code) => {
    const r = await call(importRoute, "POST", "/api/admin/deletion-requests/import", {
      cookie: w.admin.cookie,
      body: "6145550123",
      headers: { "content-type": type },
    });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  it("refuses an empty file", async () => {
    const r = await call(importRoute, "POST", "/api/admin/deletion-requests/import", {
      cookie: w.admin.cookie,
      body: "\n\n",
      headers: { "content-type": "text/plain" },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ field: "(body)", issue: "no lines" }]);
  });
});

describe("retention", () => {
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

  it("erases old leads in batches, keeps consent evidence 5 years, and never twice", async () => {
    const soldOld = await sellLead();
    const soldVeryOld = await sellLead();
    const soldRecent = await sellLead();
    const rejected = await call(ingest, "POST", "/api/leads/ingest", {
      ...sellerKey(),
      body: exampleLead({ consumerZip: "9021" }),
    });
    expect(rejected.body.status).toBe("rejected");
    const rejectedRecent = await call(ingest, "POST", "/api/leads/ingest", {
      ...sellerKey(),
      body: exampleLead({ consumerZip: "9021" }),
    });
    await prisma.lead.update({ where: { id: soldOld.leadId }, data: { createdAt: ago(4 * 365) } });
    await prisma.lead.update({ where: { id: soldVeryOld.leadId }, data: { createdAt: ago(6 * 365) } });
    await prisma.lead.update({ where: { id: rejected.body.leadId }, data: { createdAt: ago(100) } });
    const before = await prisma.lead.findUniqueOrThrow({ where: { id: soldOld.leadId } });

    // Two instances at once, small batches: each lead erased by exactly one of them.
    const [r1, r2] = await Promise.all([runRetention({ batchSize: 1 }), runRetention({ batchSize: 1 })]);
    expect(r1.leadsErased + r2.leadsErased).toBe(3);
    expect(r1.consentErased + r2.consentErased).toBe(1);

    const old = await prisma.lead.findUniqueOrThrow({ where: { id: soldOld.leadId } });
    expect(old).toMatchObject({
      consumerPhone: null,
      consumerEmail: null,
      consumerName: null,
      leadData: {},
      erasureReason: "retention",
      consentErasedAt: null,
    });
    // Consent evidence stays (and so do the hashes, so a later deletion request still finds it).
    expect(old.consent).toEqual(before.consent);
    expect(old.phoneHash).toBe(before.phoneHash);
    const veryOld = await prisma.lead.findUniqueOrThrow({ where: { id: soldVeryOld.leadId } });
    expect(veryOld).toMatchObject({ consent: {}, ipAddress: null, phoneHash: null });
    expect(veryOld.consentErasedAt).not.toBeNull();
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: rejected.body.leadId } })).consumerPhone).toBeNull();
    for (const id of [soldRecent.leadId, rejectedRecent.body.leadId]) {
      expect((await prisma.lead.findUniqueOrThrow({ where: { id } })).erasedAt).toBeNull();
    }
    expect(await runRetention()).toMatchObject({ leadsErased: 0, consentErased: 0 });
    await expectBalancesMatchLedger();

    // The evidence, for the buyer who bought the lead and admins; 404 for anyone else.
    const sale = await prisma.leadSale.findFirstOrThrow({ where: { leadId: soldOld.leadId } });
    const owner = sale.buyerId === w.buyer1.buyerId ? w.buyer1 : w.buyer2;
    const other = owner === w.buyer1 ? w.buyer2 : w.buyer1;
    const otherBought = await prisma.leadSale.count({ where: { leadId: soldOld.leadId, buyerId: other.buyerId! } });
    const ev = await call(consentRoute, "GET", `/api/leads/${soldOld.leadId}/consent`, {
      key: owner.key,
      params: { id: String(soldOld.leadId) },
    });
    expect(ev.status).toBe(200);
    expect(ev.body).toMatchObject({
      leadId: soldOld.leadId,
      text: "By submitting this form, I agree...",
      timestamp: "2026-03-03T10:30:00Z",
      ip: "73.162.10.10",
      trustedFormClaim: "none",
      evidenceErasedAt: null,
    });
    expect(ev.body.erasedAt).not.toBeNull();
    expect(
      (
        await call(consentRoute, "GET", `/api/leads/${soldOld.leadId}/consent`, {
          cookie: w.admin.cookie,
          params: { id: String(soldOld.leadId) },
        })
      ).status,
    ).toBe(200);
    if (!otherBought)
      expect(
        (
          await call(consentRoute, "GET", `/api/leads/${soldOld.leadId}/consent`, {
            key: other.key,
            params: { id: String(soldOld.leadId) },
          })
        ).status,
      ).toBe(404);
    expect(
      (
        await call(consentRoute, "GET", `/api/leads/${soldOld.leadId}/consent`, {
          key: w.seller1.key,
          params: { id: String(soldOld.leadId) },
        })
      ).status,
    ).toBe(404);
  });

  it("admin setting overrides the env defaults; the job runs on demand", async () => {
    const get = await call(getRetentionRoute, "GET", "/api/admin/retention", { cookie: w.admin.cookie });
    expect(get.body).toEqual({ soldDays: 1095, unsoldDays: 90, consentDays: 1826, source: "env" });
    const bad = await call(putRetentionRoute, "PUT", "/api/admin/retention", {
      cookie: w.admin.cookie,
      body: { soldDays: 30, unsoldDays: 10, consentDays: 20 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("consentDays");
    const badType = await call(putRetentionRoute, "PUT", "/api/admin/retention", {
      cookie: w.admin.cookie,
      body: { soldDays: "30", unsoldDays: -1, consentDays: 40 },
    });
    expect(badType.body.error.details.map((d: { field: string }) => d.field)).toEqual(["soldDays", "unsoldDays"]);
    const put = await call(putRetentionRoute, "PUT", "/api/admin/retention", {
      cookie: w.admin.cookie,
      body: { soldDays: 30, unsoldDays: 10, consentDays: 40 },
    });
    expect(put.body).toEqual({ soldDays: 30, unsoldDays: 10, consentDays: 40, source: "setting" });
    const lead = await sellLead();
    await prisma.lead.update({ where: { id: lead.leadId }, data: { createdAt: ago(31) } });
    const run = await call(runRetentionRoute, "POST", "/api/admin/retention/run", { cookie: w.admin.cookie });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ leadsErased: 1, consentErased: 0 });
  });
});

describe("migration backfill", () => {
  it("computes the same hashes in SQL as the pipeline does in JavaScript", async () => {
    const phone = freshPhone();
    const sold = await sellLead({ consumerPhone: phone });
    const lead = await prisma.lead.update({ where: { id: sold.leadId }, data: { phoneHash: null, emailHash: null } });
    const dir = readdirSync(MIGRATIONS_DIR).find((d) => d.endsWith("_consumer_rights"))!;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8");
    for (const stmt of sql
      .split(";")
      .map((s) => s.trim())
      .filter((s) => /^(--.*\n)*UPDATE "Lead"/.test(s)))
      await prisma.$executeRawUnsafe(stmt);
    const after = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after.phoneHash).toBe(identifierHash(phone));
    expect(after.emailHash).toBe(identifierHash(lead.normalizedEmail!));
  });
});
