// What a request that dies half-way leaves behind, and how it is recovered:
//  - an Idempotency-Key claimed by a dead request is taken over once its lease (15 s) lapses,
//    while a live one keeps renewing it; a 409 says when to retry (Retry-After);
//  - a lead left "pending" (created before settle) is closed as rejected/processing_interrupted:
//    at once when the request fails, by the worker's sweep when the process died.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { setBuyerHooks, buyerHooks, fixedHooks } from "@/lib/pipeline/buyer-hooks";
import { LEASE_MS } from "@/lib/api/idempotency";
import { sweepInterruptedLeads, INTERRUPTED } from "@/lib/pipeline/settle";
import { DeliveryWorker } from "@/lib/delivery/worker";
import { call } from "./helpers/api";
import { demo, exampleLead, KEY } from "./pipeline-helpers";

const auth = { authorization: `Bearer ${KEY}` };
const defaultHooks = buyerHooks();
let d: Awaited<ReturnType<typeof demo>>;
beforeEach(async () => {
  d = await demo();
});
afterEach(() => setBuyerHooks(defaultHooks));

/** A claim as a request that was killed mid-way leaves it: no response, last renewed `ageMs` ago. */
async function deadClaim(key: string, body: unknown, ageMs: number) {
  const { createHash } = await import("node:crypto");
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  await prisma.$executeRaw`
    INSERT INTO "IdempotencyRecord" ("scope", "key", "requestHash", "createdAt")
    VALUES (${`ingest:s${d.seller1.id}`}, ${key}, ${requestHash}, now() - make_interval(secs => ${ageMs / 1000}))`;
}

describe("Idempotency-Key after a crash", () => {
  it("a claim still within its lease answers 409 with Retry-After; once it lapses the retry runs", async () => {
    const lead = exampleLead();
    const headers = { ...auth, "idempotency-key": "crashed-1" };
    await deadClaim("crashed-1", lead, 2_000);
    const early = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    expect([early.status, early.body.error.code]).toEqual([409, "idempotency_conflict"]);
    const after = Number(early.headers.get("retry-after"));
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThanOrEqual(5);

    await prisma.$executeRaw`UPDATE "IdempotencyRecord" SET "createdAt" = now() - make_interval(secs => ${LEASE_MS / 1000 + 1})`;
    const retry = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe("sold");
    const again = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    expect(again.body).toEqual(retry.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.lead.count()).toBe(1);
  });

  it("a lapsed claim is not taken over with a different body", async () => {
    await deadClaim("crashed-2", exampleLead(), LEASE_MS + 5_000);
    const r = await call(ingest, "POST", "/api/leads/ingest", {
      body: exampleLead(),
      headers: { ...auth, "idempotency-key": "crashed-2" },
    });
    expect([r.status, r.body.error.code]).toEqual([422, "idempotency_key_mismatch"]);
  });

  it("a live request renews its claim while it works (slow buyer), so no retry runs it twice", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The slow part happens after the claim: a buyer that takes longer than a heartbeat to answer.
    setBuyerHooks({
      ...fixedHooks,
      needsConfirmation: () => true,
      async confirmWithBuyer() {
        await gate;
        return { accepted: true };
      },
    });
    const lead = exampleLead();
    const headers = { ...auth, "idempotency-key": "slow-1" };
    const first = call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    // Wait for the claim, then age it as if 14 s had gone by, and let one heartbeat (5 s) run.
    for (let i = 0; i < 100 && !(await prisma.idempotencyRecord.count()); i++)
      await new Promise((r) => setTimeout(r, 20));
    await prisma.$executeRaw`UPDATE "IdempotencyRecord" SET "createdAt" = now() - make_interval(secs => ${LEASE_MS / 1000 - 1})`;
    await new Promise((r) => setTimeout(r, 5_600));
    const [rec] = await prisma.$queryRaw<
      { age: number }[]
    >`SELECT extract(epoch FROM now() - "createdAt")::float8 AS age FROM "IdempotencyRecord"`;
    expect(rec.age).toBeLessThan(3);
    const during = await call(ingest, "POST", "/api/leads/ingest", { body: lead, headers });
    expect(during.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
    expect(await prisma.lead.count()).toBe(1);
  }, 15_000);
});

describe("leads left pending", () => {
  it("a request that fails after the pending row was written closes it at once", async () => {
    setBuyerHooks({
      ...fixedHooks,
      needsConfirmation: () => true,
      async confirmWithBuyer() {
        throw new Error("buyer hook exploded");
      },
    });
    const r = await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth });
    expect(r.status).toBe(500);
    const leads = await prisma.lead.findMany();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ status: "rejected", rejectionReasons: [INTERRUPTED] });
    expect(await prisma.leadSale.count()).toBe(0);
  });

  it("the sweep closes pending leads older than the timeout, and only those", async () => {
    const base = { sellerId: d.seller1.id, vertical: "home_services", status: "pending" as const };
    const old = await prisma.lead.create({ data: { ...base, createdAt: new Date(Date.now() - 11 * 60_000) } });
    const fresh = await prisma.lead.create({ data: base });
    expect(await sweepInterruptedLeads(prisma, 10 * 60_000)).toBe(1);
    expect(await prisma.lead.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      status: "rejected",
      rejectionReasons: [INTERRUPTED],
    });
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("pending");
  });

  it("the running delivery worker sweeps them", async () => {
    const lead = await prisma.lead.create({
      data: {
        sellerId: d.seller1.id,
        vertical: "home_services",
        status: "pending",
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    const worker = new DeliveryWorker({ pendingLeadTimeoutMs: 30_000, pollMs: 50 });
    worker.start();
    try {
      for (
        let i = 0;
        i < 100 && (await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status === "pending";
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("rejected");
  });
});
