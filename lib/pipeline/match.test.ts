import { describe, expect, it } from "vitest";
import { normalizeLead } from "./normalize";
import {
  considers,
  targetingReason,
  capacityReason,
  buckets,
  withinSchedule,
  filterPasses,
  compileCampaign,
  Clock,
  type Capacity,
} from "./match";
import { campaign } from "@/tests/fixtures/campaign";

const lead = normalizeLead({
  vertical: "home_services",
  subVertical: "plumbing",
  consumerState: "CA",
  consumerZip: "90210",
  leadData: { homeowner: true, project_type: "repair", credit_score: 700 },
});
// Wednesday 2026-11-18 15:30 UTC = 07:30 in Los Angeles.
const now = new Date("2026-11-18T15:30:00Z");

describe("considers", () => {
  it.each([
    [{}, true],
    [{ subVertical: "plumbing" }, true],
    [{ subVertical: "roofing" }, false],
    [{ vertical: "solar" }, false],
  ])("%j → %s", (over, out) => expect(considers(campaign(over), lead)).toBe(out));
});

describe("targetingReason", () => {
  it.each<[string, Parameters<typeof campaign>[0], string | null, string | null]>([
    ["nationwide", {}, null, null],
    ["state listed", { geoStates: ["CA", "NV"] }, null, null],
    ["state not listed", { geoStates: ["TX"] }, null, "geo_mismatch"],
    ["zip listed", { geoStates: ["CA"], geoZips: ["90210"] }, null, null],
    ["zip not listed", { geoZips: ["90001"] }, null, "geo_mismatch"],
    ["source list required, none", { sourceListIds: ["L1"] }, null, "source_mismatch"],
    ["source list matches", { sourceListIds: ["L1"] }, "L1", null],
    ["filter eq passes", { filters: [{ field: "homeowner", op: "eq", value: true }] }, null, null],
    ["filter eq fails", { filters: [{ field: "homeowner", value: false }] }, null, "filter_mismatch"],
    ["filter in", { filters: [{ field: "project_type", op: "in", value: ["repair", "install"] }] }, null, null],
    ["filter nin", { filters: [{ field: "project_type", op: "nin", value: ["repair"] }] }, null, "filter_mismatch"],
    ["filter gte", { filters: [{ field: "credit_score", op: "gte", value: 650 }] }, null, null],
    ["filter lt fails", { filters: [{ field: "credit_score", op: "lt", value: 650 }] }, null, "filter_mismatch"],
    ["filter on missing field", { filters: [{ field: "roof_age", op: "gt", value: 10 }] }, null, "filter_mismatch"],
    [
      "unknown operator never buys",
      { filters: [{ field: "homeowner", op: "regex", value: ".*" }] },
      null,
      "filter_mismatch",
    ],
    [
      "schedule open (LA 07:30, 7–20)",
      { schedule: { timezone: "America/Los_Angeles", days: [1, 2, 3, 4, 5], startHour: 7, endHour: 20 } },
      null,
      null,
    ],
    [
      "schedule closed hours (LA 07:30, 8–20)",
      { schedule: { timezone: "America/Los_Angeles", startHour: 8, endHour: 20 } },
      null,
      "outside_schedule",
    ],
    [
      "schedule closed day (weekends only)",
      { schedule: { timezone: "America/Los_Angeles", days: [0, 6] } },
      null,
      "outside_schedule",
    ],
  ])("%s", (_n, over, listId, reason) => {
    expect(targetingReason(compileCampaign(campaign(over)), { lead, listId, now })).toBe(reason);
    expect(targetingReason(compileCampaign(campaign(over)), { lead, listId, now, clock: new Clock(now) })).toBe(reason);
  });
});

describe("buckets and schedules", () => {
  it("names buckets in the campaign's zone", () => {
    expect(buckets(now)).toEqual({ d: "d:2026-11-18", h: "h:2026-11-18T15", w: "w:2026-W47", m: "m:2026-11" });
    expect(buckets(new Date("2026-11-19T03:00:00Z"), "America/Los_Angeles")).toEqual({
      d: "d:2026-11-18",
      h: "h:2026-11-18T19",
      w: "w:2026-W47",
      m: "m:2026-11",
    });
    expect(buckets(new Date("2027-01-01T12:00:00Z")).w).toBe("w:2026-W53");
  });
  it("overnight windows wrap midnight", () => {
    expect(withinSchedule({ startHour: 22, endHour: 6 }, new Date("2026-11-18T23:00:00Z"))).toBe(true);
    expect(withinSchedule({ startHour: 22, endHour: 6 }, new Date("2026-11-18T12:00:00Z"))).toBe(false);
  });
  it("contains and exists", () => {
    expect(filterPasses({ field: "project_type", op: "contains", value: "PAI" }, lead)).toBe(true);
    expect(filterPasses({ field: "roof_age", op: "exists", value: false }, lead)).toBe(true);
  });
});

describe("capacityReason (advisory)", () => {
  const b = buckets(now);
  const cap = (leads: number, spendCents = 0, headroom = 1_000_000): Capacity => ({
    counters: new Map([
      [
        1,
        new Map([
          [b.d, { leads, spendCents }],
          [b.h, { leads, spendCents }],
          [b.w, { leads, spendCents }],
          [b.m, { leads, spendCents }],
        ]),
      ],
    ]),
    headroom: new Map([[1, headroom]]),
  });
  it.each<[string, Parameters<typeof campaign>[0], Capacity, string | null]>([
    ["room", { dailyCap: 5 }, cap(4), null],
    ["daily cap", { dailyCap: 5 }, cap(5), "cap_reached"],
    ["hourly cap", { hourlyCap: 2 }, cap(2), "cap_reached"],
    ["weekly cap", { weeklyCap: 3 }, cap(3), "cap_reached"],
    ["monthly cap", { monthlyCap: 3 }, cap(3), "cap_reached"],
    ["budget", { dailyBudget: "100.00" }, cap(1, 6000), "budget_reached"],
    ["budget room", { dailyBudget: "100.00" }, cap(1, 5000), null],
    ["balance", {}, cap(0, 0, 4999), "insufficient_balance"],
  ])("%s", (_n, over, capacity, reason) => {
    expect(capacityReason(compileCampaign(campaign(over)), 5000, capacity, new Clock(now))).toBe(reason);
  });
});
