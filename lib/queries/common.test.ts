import { describe, expect, it } from "vitest";
import { dayBucket, daysBetween, fillDays, parseRange, positiveInt } from "./common";

const NOW = new Date("2026-11-22T23:30:00Z");

describe("date ranges from the URL", () => {
  it("defaults to the last N UTC days including today", () => {
    const r = parseRange({}, 30, NOW);
    expect([r.fromYmd, r.toYmd]).toEqual(["2026-10-24", "2026-11-22"]);
    expect(r.from.toISOString()).toBe("2026-10-24T00:00:00.000Z");
    expect(r.to.toISOString()).toBe("2026-11-23T00:00:00.000Z"); // exclusive end: all of the last day
    expect(daysBetween(r.from, r.to)).toHaveLength(30);
  });

  it.each([
    [{ from: "2026-11-01", to: "2026-11-07" }, "2026-11-01", "2026-11-07"],
    [{ from: "not-a-date", to: "2026-11-07" }, "2026-10-24", "2026-11-07"],
    [{ from: "2026-13-45" }, "2026-10-24", "2026-11-22"],
    [{ from: "2026-11-07", to: "2026-11-01" }, "2026-11-01", "2026-11-07"], // swapped, not empty
  ])("parseRange(%j) → %s .. %s", (sp, from, to) => {
    const r = parseRange(sp, 30, NOW);
    expect([r.fromYmd, r.toYmd]).toEqual([from, to]);
  });

  it("fills missing days with zeros so charts show gaps", () => {
    const days = daysBetween(new Date("2026-11-01T00:00:00Z"), new Date("2026-11-04T00:00:00Z"));
    expect(days).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
    const filled = fillDays(days, [{ day: "2026-11-02", n: 5 }], (day) => ({ day, n: 0 }));
    expect(filled.map((d) => d.n)).toEqual([0, 5, 0]);
  });
});

describe("cap counter buckets", () => {
  it("names today in the campaign's own time zone", () => {
    expect(dayBucket(NOW, undefined)).toBe("d:2026-11-22");
    expect(dayBucket(NOW, "Asia/Tokyo")).toBe("d:2026-11-23");
    expect(dayBucket(NOW, "America/Los_Angeles")).toBe("d:2026-11-22");
    expect(dayBucket(NOW, "Not/AZone")).toBe("d:2026-11-22");
  });

  it.each([
    ["3", 3],
    ["0", 1],
    ["-2", 1],
    ["2.5", 1],
    [undefined, 1],
    ["99999999", 1],
  ])("positiveInt(%j) = %i", (v, n) => {
    expect(positiveInt(v, 1)).toBe(n);
  });
});
