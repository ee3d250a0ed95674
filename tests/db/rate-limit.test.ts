// Per-seller rate limits on the seller API: counted per one-second window across all of a
// seller's keys, shared between instances through RateLimitWindow, answered with 429 and the
// RateLimit-* headers; admins set the limit per seller.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { flush, resetRateLimits, takeSellerRequest } from "@/lib/rate-limit";
import { POST as ping } from "@/app/api/leads/ping/route";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { PATCH as patchSeller } from "@/app/api/admin/sellers/[id]/route";
import { call, seedWorld } from "./helpers/api";
import { demo, KEY, exampleLead } from "./pipeline-helpers";

let d: Awaited<ReturnType<typeof demo>>;
beforeEach(async () => {
  d = await demo();
  resetRateLimits();
});

const auth = { authorization: `Bearer ${KEY}` };
const pingBody = { vertical: "home_services", subVertical: "plumbing", consumerState: "CA", consumerZip: "90210" };

/** Waits for the start of a fresh one-second window, so a burst falls in one window. */
async function freshWindow() {
  const ms = Date.now() % 1000;
  await new Promise((r) => setTimeout(r, 1000 - ms + 5));
}

/**
 * Runs `burst` at the start of a window, again (up to 5 times) if a slow machine let it run into
 * the next window, where the counts start afresh and the expectation would not apply.
 */
async function inOneWindow<T>(burst: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    resetRateLimits();
    await prisma.rateLimitWindow.deleteMany();
    await freshWindow();
    const window = Math.floor(Date.now() / 1000);
    const out = await burst();
    if (Math.floor(Date.now() / 1000) === window || attempt >= 5) return out;
  }
}

const limitSeller = (rateLimitPerSecond: number | null) =>
  prisma.seller.update({ where: { id: d.seller1.id }, data: { rateLimitPerSecond } });

describe("seller rate limits", () => {
  it("of 8 pings in one second with a limit of 5, exactly 5 are answered and 3 get 429 with Retry-After and RateLimit-*", async () => {
    await limitSeller(5);
    const results = await inOneWindow(async () => {
      await prisma.ping.deleteMany();
      return Promise.all(
        Array.from({ length: 8 }, () => call(ping, "POST", "/api/leads/ping", { body: pingBody, headers: auth })),
      );
    });
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.body.error.code).toBe("rate_limited");
      expect(r.headers.get("retry-after")).toBe("1");
      expect(r.headers.get("ratelimit-limit")).toBe("5");
      expect(r.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    }
    expect(ok.map((r) => Number(r.headers.get("ratelimit-remaining"))).sort()).toEqual([0, 1, 2, 3, 4]);
    // A refused ping stored nothing.
    expect(await prisma.ping.count()).toBe(5);
  });

  it("ingest shares the seller's budget with ping, and the next window starts afresh", async () => {
    await limitSeller(2);
    const [first, second, third] = await inOneWindow(async () => {
      await prisma.$executeRawUnsafe(`TRUNCATE "Lead" CASCADE`);
      return [
        await call(ping, "POST", "/api/leads/ping", { body: pingBody, headers: auth }),
        await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth }),
        await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth }),
      ];
    });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    expect(await prisma.lead.count()).toBe(1);
    await freshWindow();
    expect((await call(ingest, "POST", "/api/leads/ingest", { body: exampleLead(), headers: auth })).status).toBe(200);
  });

  it("0 is unlimited and null falls back to SELLER_RATE_LIMIT_PER_SECOND", async () => {
    await limitSeller(0);
    await freshWindow();
    const unlimited = await Promise.all(
      Array.from({ length: 12 }, () => call(ping, "POST", "/api/leads/ping", { body: pingBody, headers: auth })),
    );
    expect(unlimited.every((r) => r.status === 200 && r.headers.get("ratelimit-limit") === null)).toBe(true);

    await limitSeller(null);
    resetRateLimits();
    const before = env.SELLER_RATE_LIMIT_PER_SECOND;
    env.SELLER_RATE_LIMIT_PER_SECOND = 3;
    try {
      const results = await inOneWindow(() =>
        Promise.all(
          Array.from({ length: 5 }, () => call(ping, "POST", "/api/leads/ping", { body: pingBody, headers: auth })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
    } finally {
      env.SELLER_RATE_LIMIT_PER_SECOND = before;
    }
  });

  it("other instances' requests count: this instance learns them when it adds its own counts", async () => {
    await limitSeller(10);
    const { window, stored, third } = await inOneWindow(async () => {
      const window = Math.floor(Date.now() / 1000);
      // Another instance has admitted 8 of this seller's requests in this window.
      await prisma.rateLimitWindow.create({ data: { key: `s:${d.seller1.id}`, window: BigInt(window), count: 8 } });
      await takeSellerRequest(d.seller1.id);
      await flush();
      const stored = (
        await prisma.rateLimitWindow.findUniqueOrThrow({
          where: { key_window: { key: `s:${d.seller1.id}`, window: BigInt(window) } },
        })
      ).count;
      await takeSellerRequest(d.seller1.id); // 2 here + 8 there = 10: the limit
      const third = await takeSellerRequest(d.seller1.id).then(
        () => null,
        (e) => e,
      );
      return { window, stored, third };
    });
    expect(window).toBeGreaterThan(0);
    expect(stored).toBe(9);
    expect(third).toMatchObject({ code: "rate_limited", status: 429 });
  });
});

describe("PATCH /api/admin/sellers/{id} rateLimitPerSecond", () => {
  it.each<[string, unknown, number, string | null]>([
    ["a positive limit", 50, 200, null],
    ["0 = unlimited", 0, 200, null],
    ["null = the server default", null, 200, null],
    ["negative", -1, 400, "must be 0 (unlimited) or more"],
    ["a fraction", 1.5, 400, "must be a whole number"],
    ["a string", "10", 400, "Invalid input: expected number, received string"],
  ])("%s", async (_name, value, status, issue) => {
    const world = await seedWorld();
    const id = String(world.seller1.sellerId);
    const res = await call(patchSeller, "PATCH", `/api/admin/sellers/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body: { rateLimitPerSecond: value },
    });
    expect(res.status).toBe(status);
    if (issue) expect(res.body.error.details).toEqual([{ field: "rateLimitPerSecond", issue }]);
    else expect(res.body.rateLimitPerSecond).toBe(value);
  });

  it("a new limit takes effect at once (the cached limits are dropped)", async () => {
    const world = await seedWorld();
    const id = String(world.seller1.sellerId);
    await freshWindow();
    expect(await takeSellerRequest(world.seller1.sellerId!)).toEqual({}); // tests run with the default 0: unlimited
    await call(patchSeller, "PATCH", `/api/admin/sellers/${id}`, {
      cookie: world.admin.cookie,
      params: { id },
      body: { rateLimitPerSecond: 1 },
    });
    await freshWindow();
    await takeSellerRequest(world.seller1.sellerId!);
    await expect(takeSellerRequest(world.seller1.sellerId!)).rejects.toMatchObject({ code: "rate_limited" });
  });
});
