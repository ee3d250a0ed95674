import { describe, expect, it } from "vitest";
import { normalizeLead } from "./normalize";
import { rankBids, choosePicks, pingPrices, qualityScore, score, type Bid } from "./price";
import { campaign } from "@/tests/fixtures/campaign";
import { compactOutcomes, MAX_LISTED_PER_REASON } from "./reasons";

const bid = (
  id: number,
  buyerId: number,
  priceCents: number,
  over: Parameters<typeof campaign>[0] = {},
  leadsToday = 0,
): Bid => {
  const c = campaign({ id, buyerId, ...over });
  return { campaign: c, priceCents, leadsToday, score: score(priceCents, c.priority) };
};

describe("score and rank", () => {
  it("weights priority and discounts returns", () => {
    expect(score(5000, 1)).toBe(5000);
    expect(score(5000, 3)).toBe(6000);
    expect(score(5000, 1, 0.2)).toBe(4000);
    expect(score(5000, 1, 5)).toBeCloseTo(500);
  });
  it("the platform API documentation's example: the 55.00 exclusive (priority 3) outranks 48.00 (p2) and 40.00 (p1)", () => {
    const ranked = rankBids([
      bid(2, 2, 4800, { priority: 2 }),
      bid(3, 2, 4000),
      bid(1, 1, 5500, { priority: 3, exclusive: true }),
    ]);
    expect(ranked.map((b) => b.campaign.id)).toEqual([1, 2, 3]);
  });
  it("ties go to the campaign with fewer leads today, then the lower id", () => {
    expect(rankBids([bid(1, 1, 5000, {}, 3), bid(2, 2, 5000, {}, 1)]).map((b) => b.campaign.id)).toEqual([2, 1]);
    expect(rankBids([bid(2, 2, 5000), bid(1, 1, 5000)]).map((b) => b.campaign.id)).toEqual([1, 2]);
  });
});

describe("rankBids with a limit", () => {
  it("returns exactly the best `limit` of a full ranking, in order", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 50; round++) {
      const bids = Array.from({ length: 200 }, (_, i) =>
        bid(i + 1, 1 + (i % 9), 100 * Math.floor(rand() * 40), {}, Math.floor(rand() * 3)),
      );
      const full = rankBids(bids).map((b) => b.campaign.id);
      for (const limit of [1, 5, 32, 199, 200, 500])
        expect(rankBids(bids, limit).map((b) => b.campaign.id)).toEqual(full.slice(0, limit));
    }
  });
});

describe("choosePicks", () => {
  const ranked = [
    bid(1, 1, 6000, { exclusive: true }),
    bid(2, 2, 5000),
    bid(3, 2, 4500),
    bid(4, 3, 4000),
    bid(5, 4, 3000),
  ];
  it.each<[string, Bid[], boolean, number, number[]]>([
    ["exclusive winner buys alone", ranked, false, 3, [1]],
    ["shared winner joined by other buyers up to the max", ranked.slice(1), false, 3, [2, 4, 5]],
    ["one sale per buyer", ranked.slice(1, 3), false, 3, [2]],
    ["max shared 1", ranked.slice(1), false, 1, [2]],
    ["seller asks exclusive: top shared campaign alone", ranked.slice(1), true, 3, [2]],
    ["nothing to pick", [], false, 3, []],
  ])("%s", (_n, list, exclusiveLead, maxShared, ids) => {
    expect(choosePicks(list, { exclusiveLead, maxShared }).map((b) => b.campaign.id)).toEqual(ids);
  });
});

describe("ping prices, cost, quality", () => {
  it("the platform API documentation's demo: shared 48.00 → 24.00, exclusive 55.00 → 27.50", () => {
    const half = { kind: "share", bps: 5000 } as const;
    expect(pingPrices([bid(1, 1, 5500, { exclusive: true }), bid(2, 2, 4800), bid(3, 2, 4000)], half)).toEqual({
      bidCents: 2400,
      exclusiveBidCents: 2750,
    });
    expect(pingPrices([], half)).toEqual({ bidCents: 0, exclusiveBidCents: 0 });
  });
  it("a fixed-price seller is offered its price, never more than the bid", () => {
    const fixed = { kind: "fixed", cents: 5000, capAtRevenue: true } as const;
    expect(pingPrices([bid(1, 1, 5500, { exclusive: true }), bid(2, 2, 4800)], fixed)).toEqual({
      bidCents: 4800,
      exclusiveBidCents: 5000,
    });
  });
  it("quality: 0 when rejected, higher when complete", () => {
    const full = normalizeLead({
      firstName: "A",
      lastName: "B",
      email: "a@b.co",
      city: "X",
      zip: "43004",
      trustedFormCertUrl: "https://cert.trustedform.com/abcd",
      dob: "1980-01-01",
    });
    expect(qualityScore(full, true)).toBe(0);
    expect(qualityScore(full, false)).toBe(100);
    expect(qualityScore(normalizeLead({ phone: "6145552368" }), false)).toBe(40);
  });
});

describe("compactOutcomes", () => {
  const o = (campaignId: number, reason: string) => ({ campaignId, buyerId: 1, reason });
  it("keeps a small list as it is, adding the other states' campaigns as one entry", () => {
    expect(compactOutcomes([o(1, "cap_reached"), o(2, "outbid")], 0)).toEqual([o(1, "cap_reached"), o(2, "outbid")]);
    expect(compactOutcomes([o(1, "outbid")], 4)).toEqual([
      o(1, "outbid"),
      { campaignId: null, buyerId: null, reason: "geo_mismatch", details: { campaigns: 4 } },
    ]);
  });
  it("lists at most MAX_LISTED_PER_REASON campaigns per reason and counts the rest, merging summaries", () => {
    const many = Array.from({ length: 25 }, (_, i) => o(i + 1, "cap_reached"));
    const out = compactOutcomes(
      [...many, o(99, "outbid"), { campaignId: null, buyerId: null, reason: "cap_reached", details: { campaigns: 5 } }],
      0,
    );
    expect(out.filter((x) => x.campaignId !== null && x.reason === "cap_reached")).toHaveLength(MAX_LISTED_PER_REASON);
    expect(out).toContainEqual({
      campaignId: null,
      buyerId: null,
      reason: "cap_reached",
      details: { campaigns: 25 - MAX_LISTED_PER_REASON + 5 },
    });
    expect(out).toContainEqual(o(99, "outbid"));
  });
});
