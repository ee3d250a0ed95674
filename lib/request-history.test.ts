import { describe, expect, it } from "vitest";
import { RequestHistory, quantile } from "./request-history";

describe("RequestHistory", () => {
  it("sums per endpoint over the window and forgets older minutes", () => {
    const h = new RequestHistory(60);
    const t = Date.UTC(2026, 0, 1, 12, 0, 30);
    for (let i = 0; i < 90; i++) h.record("POST /api/leads/ping", 200, 0.004, t);
    for (let i = 0; i < 10; i++) h.record("POST /api/leads/ping", 500, 0.2, t);
    h.record("GET /api/leads", 200, 0.02, t - 61 * 60_000); // outside the hour
    const s = h.summary(t + 60_000);
    expect(s.endpoints).toHaveLength(1);
    const [e] = s.endpoints;
    expect(e).toMatchObject({ endpoint: "POST /api/leads/ping", requests: 100, errors: 10 });
    expect(e.perMinute).toBeCloseTo(100 / 60);
    // 95th of 100: inside the (0.1, 0.25] bucket that holds the 10 slow ones.
    expect(e.p95Seconds).toBeGreaterThan(0.1);
    expect(e.p95Seconds).toBeLessThanOrEqual(0.25);
    expect(s.series).toHaveLength(60);
    expect(s.series.at(-2)).toMatchObject({ requests: 100, errors: 10 });
  });

  // [counts per bucket, q, expected]
  it.each([
    [[0, 0, 10], 0.5, 0.0025 + (0.005 - 0.0025) * 0.5],
    [[10], 1, 0.001],
    [[], 0.95, null],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 0.5, 5],
  ] as const)("quantile(%j, %s) = %s", (counts, q, expected) => {
    const r = quantile(q, counts as readonly number[]);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 6);
  });
});
