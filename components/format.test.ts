import { describe, expect, it } from "vitest";
import { formatLeft } from "./countdown";
import { humanize, percent, usdFromCents, usdFromString } from "./format";

describe("money and percent formatting", () => {
  it.each([
    [0, "$0.00"],
    [4150, "$41.50"],
    [123456789, "$1,234,567.89"],
    [-2500, "-$25.00"],
  ])("usdFromCents(%s) = %s", (cents, text) => {
    expect(usdFromCents(cents)).toBe(text);
  });

  it.each([
    ["55.00", "$55.00"],
    [72, "$72.00"],
    ["", "—"],
    [null, "—"],
    ["abc", "abc"],
  ])("usdFromString(%j) = %s", (v, text) => {
    expect(usdFromString(v as string | number | null)).toBe(text);
  });

  it("percent keeps one decimal and shows a dash for no data", () => {
    expect(percent(0.8462)).toBe("84.6%");
    expect(percent(1)).toBe("100.0%");
    expect(percent(null)).toBe("—");
    expect(percent(Number.NaN)).toBe("—");
  });

  it.each([
    ["disconnected_phone", "Disconnected phone"],
    ["hvac", "HVAC"],
    ["tcpa_dnc", "TCPA DNC"],
    ["missing_field_consumerPhone", "Missing field consumerPhone"],
    ["http_post", "HTTP post"],
  ])("humanize(%s) = %s", (code, text) => {
    expect(humanize(code)).toBe(text);
  });
});

describe("return window countdown", () => {
  it.each([
    [0, "closed"],
    [-5, "closed"],
    [59_000, "0m 59s"],
    [61_000, "1m 01s"],
    [3 * 3_600_000 + 5 * 60_000, "3h 05m"],
    [2 * 86_400_000 + 3 * 3_600_000 + 59 * 60_000, "2d 3h"],
  ])("formatLeft(%i ms) = %s", (ms, text) => {
    expect(formatLeft(ms)).toBe(text);
  });
});
