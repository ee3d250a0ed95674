import { describe, expect, it } from "vitest";
import { balanceEffect, centsToNumber, centsToString, toCents } from "./money";

describe("toCents", () => {
  it.each([
    ["45.00", 4500],
    ["45", 4500],
    ["45.5", 4550],
    ["0.07", 7],
    ["-12.34", -1234],
    [45, 4500],
    [0.1 + 0.2, 30],
    [19.99, 1999],
    ["  8.10 ", 810],
  ])("%j → %i cents", (input, cents) => expect(toCents(input)).toBe(cents));

  it.each([["abc"], ["1.234"], [""], [NaN], [Infinity], [null], [undefined], [{}], ["1e3"]])("rejects %j", (input) =>
    expect(toCents(input)).toBeNull(),
  );
});

describe("formatting", () => {
  it.each([
    [4500, "45.00", 45],
    [7, "0.07", 0.07],
    [-1234, "-12.34", -12.34],
    [0, "0.00", 0],
  ])("%i cents → %s / %d", (cents, s, n) => {
    expect(centsToString(cents)).toBe(s);
    expect(centsToNumber(cents)).toBe(n);
  });
});

describe("balanceEffect", () => {
  it.each([
    ["lead_sale", 4500, -4500],
    ["lead_purchase", 3000, 3000],
    ["return_credit", 4500, 4500],
    ["adjustment", -3000, -3000],
  ] as const)("%s of %i moves the balance by %i", (type, amount, effect) =>
    expect(balanceEffect(type, amount)).toBe(effect),
  );
});
