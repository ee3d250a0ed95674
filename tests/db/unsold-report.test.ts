// The supply/demand gap report: GET /api/reports/unsold and the dashboard queries behind it.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import * as reportRoute from "@/app/api/reports/unsold/route";
import * as leadsRoute from "@/app/api/leads/route";
import { campaignPasses, CAPACITY_REASONS, unsoldTotals } from "@/lib/queries/unsold";
import { call } from "./helpers/api";
import { makeMarket, type Market } from "./helpers/market";

type Pass = { campaignId: number; buyerId: number; reason: string; details?: unknown };

async function unsold(
  m: Market,
  spec: {
    sellerId?: number;
    state?: string;
    vertical?: string;
    passes: Pass[];
    createdAt?: string;
    status?: "unsold" | "sold";
  },
) {
  return prisma.lead.create({
    data: {
      sellerId: spec.sellerId ?? m.s1.id,
      vertical: spec.vertical ?? "home_services",
      consumerName: "Pat Unsold",
      consumerState: spec.state ?? "CA",
      consumerZip: "90210",
      status: spec.status ?? "unsold",
      unsoldReasons: spec.passes as object[],
      createdAt: new Date(spec.createdAt ?? "2026-03-10T12:00:00Z"),
    },
  });
}

/** c1 (b1, 55.00) and c2 (b2, 40.00) from makeMarket, plus c3 (b1, 70.00). */
async function history(m: Market) {
  const c3 = await prisma.buyerCampaign.create({
    data: {
      buyerId: m.b1.id,
      name: "B1 Premium",
      vertical: "home_services",
      geoStates: ["TX"],
      geoZips: [],
      pricePerLead: "70.00",
    },
  });
  const cap = (c: { id: number; buyerId: number }) => ({
    campaignId: c.id,
    buyerId: c.buyerId,
    reason: "cap_reached",
    details: { cap: "daily" },
  });
  const geo = (c: { id: number; buyerId: number }) => ({
    campaignId: c.id,
    buyerId: c.buyerId,
    reason: "geo_mismatch",
  });
  // CA: c1 capped + c2 capped (best 55) ×2; c3 outside geo (70) on one of them.
  await unsold(m, { passes: [cap(m.c1), cap(m.c2)] });
  await unsold(m, { passes: [cap(m.c1), cap(m.c2), geo(c3)] });
  // TX: only c2 short of balance; seller 2's lead.
  await unsold(m, {
    sellerId: m.s2.id,
    state: "TX",
    passes: [{ campaignId: m.c2.id, buyerId: m.b2.id, reason: "insufficient_balance" }],
  });
  // Solar in WY: no campaign considered it. Old rows stored { code }.
  await unsold(m, { vertical: "solar", state: "WY", passes: [] });
  await unsold(m, { vertical: "solar", state: "WY", passes: [{ code: "no_matching_campaign" } as unknown as Pass] });
  // Outside the period, and a sold lead's passes: not in the report.
  await unsold(m, { passes: [cap(m.c1)], createdAt: "2026-02-01T00:00:00Z" });
  await unsold(m, { passes: [cap(m.c1)], status: "sold" });
  return { c3 };
}

const report = (m: Market, qs: string, as: keyof Market["users"] | null) =>
  call(reportRoute.GET, "GET", `/api/reports/unsold${qs}`, { as: as ? m.users[as] : null });
const period = "?from=2026-03-01&to=2026-03-31";

describe("GET /api/reports/unsold", () => {
  it("admin: every unsold lead by vertical × state × reason, revenue left at the best passing price", async () => {
    const m = await makeMarket();
    await history(m);
    const res = await report(m, period, "admin");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { vertical: "home_services", state: "CA", reason: "cap_reached", leads: 2, revenueLeft: "110.00" },
      { vertical: "home_services", state: "CA", reason: "geo_mismatch", leads: 1, revenueLeft: "70.00" },
      { vertical: "home_services", state: "TX", reason: "insufficient_balance", leads: 1, revenueLeft: "40.00" },
      { vertical: "solar", state: "WY", reason: "no_campaign", leads: 1, revenueLeft: "0.00" },
      { vertical: "solar", state: "WY", reason: "no_matching_campaign", leads: 1, revenueLeft: "0.00" },
    ]);
    // Totals count each lead once at its best price: 55 + 70 + 40.
    const totals = await unsoldTotals({}, { from: new Date("2026-03-01"), to: new Date("2026-04-01") });
    expect(totals).toEqual({ leads: 5, revenueLeftCents: 16_500 });
  });

  it("seller: its own leads only; buyer: its own campaigns' passes only", async () => {
    const m = await makeMarket();
    await history(m);
    expect((await report(m, period, "seller2")).body).toEqual([
      { vertical: "home_services", state: "TX", reason: "insufficient_balance", leads: 1, revenueLeft: "40.00" },
    ]);
    expect((await report(m, period, "seller1")).body.map((r: { reason: string }) => r.reason)).toEqual([
      "cap_reached",
      "geo_mismatch",
      "no_campaign",
      "no_matching_campaign",
    ]);
    expect((await report(m, period, "buyer1")).body).toEqual([
      { vertical: "home_services", state: "CA", reason: "cap_reached", leads: 2, revenueLeft: "110.00" },
      { vertical: "home_services", state: "CA", reason: "geo_mismatch", leads: 1, revenueLeft: "70.00" },
    ]);
    expect((await report(m, period, "buyer2")).body).toEqual([
      { vertical: "home_services", state: "CA", reason: "cap_reached", leads: 2, revenueLeft: "80.00" },
      { vertical: "home_services", state: "TX", reason: "insufficient_balance", leads: 1, revenueLeft: "40.00" },
    ]);
  });

  it("per campaign: passes and what they would have paid; the capacity reasons for the admin", async () => {
    const m = await makeMarket();
    const { c3 } = await history(m);
    const p = { from: new Date("2026-03-01"), to: new Date("2026-04-01") };
    const mine = await campaignPasses({ buyerId: m.b1.id }, p);
    expect(mine.map((r) => [r.campaignId, r.reason, r.leads, r.revenueLeftCents])).toEqual([
      [m.c1.id, "cap_reached", 2, 11_000],
      [c3.id, "geo_mismatch", 1, 7000],
    ]);
    const capacity = await campaignPasses({}, p, { reasons: CAPACITY_REASONS, limit: 10 });
    expect(capacity.map((r) => [r.campaign, r.buyer, r.reason, r.leads])).toEqual([
      ["B1 Plumbing", "Buyer One", "cap_reached", 2],
      ["B2 Home", "Buyer Two", "cap_reached", 2],
      ["B2 Home", "Buyer Two", "insufficient_balance", 1],
    ]);
  });

  it("the admin's drill-down: GET /api/leads?status=unsold&vertical=&state=&unsoldReason= lists exactly a cell's leads", async () => {
    const m = await makeMarket();
    await history(m);
    const list = (qs: string) => call(leadsRoute.GET, "GET", `/api/leads${qs}`, { as: m.users.admin });
    const cell = await list(
      "?status=unsold&vertical=home_services&state=CA&unsoldReason=cap_reached&from=2026-03-01&to=2026-03-31",
    );
    expect(cell.body).toHaveLength(2);
    const none = await list(
      "?status=unsold&vertical=solar&state=WY&unsoldReason=no_campaign&from=2026-03-01&to=2026-03-31",
    );
    expect(none.body).toHaveLength(1);
    const old = await list("?status=unsold&unsoldReason=no_matching_campaign");
    expect(old.body).toHaveLength(1);
    expect((await list("?unsoldReason=DROP%20TABLE")).status).toBe(400);
  });

  it.each([
    ["?from=yesterday", "from"],
    ["?from=2026-03-10&to=2026-03-01", "to"],
    ["?from=2020-01-01&to=2026-03-01", "to"],
    ["?to=2026-02-31", "to"],
  ])("%s → 400 naming %s", async (qs, field) => {
    const m = await makeMarket();
    const res = await report(m, qs, "admin");
    expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it("needs a session or key (401); a login linked to no account gets 403", async () => {
    const m = await makeMarket();
    expect((await report(m, "", null)).status).toBe(401);
    const orphan = await prisma.user.create({
      data: { username: "orphan", role: "buyer", fullName: "Orphan", email: "o@example.com", passwordHash: "x" },
    });
    expect((await call(reportRoute.GET, "GET", "/api/reports/unsold", { as: orphan })).status).toBe(403);
    // Stored garbage in unsoldReasons (not an array, a non-numeric campaign id) never fails the report.
    await prisma.lead.create({
      data: {
        sellerId: m.s1.id,
        vertical: "home_services",
        status: "unsold",
        unsoldReasons: { oops: true },
        createdAt: new Date(),
      },
    });
    await prisma.lead.create({
      data: {
        sellerId: m.s1.id,
        vertical: "home_services",
        status: "unsold",
        unsoldReasons: [{ campaignId: "x'; --", reason: "cap_reached" }],
        createdAt: new Date(),
      },
    });
    const res = await report(m, "", "admin");
    expect(res.status).toBe(200);
    expect(res.body.map((r: { reason: string; revenueLeft: string }) => [r.reason, r.revenueLeft]).sort()).toEqual([
      ["cap_reached", "0.00"],
      ["no_campaign", "0.00"],
    ]);
  });
});
