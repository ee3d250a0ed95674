import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { decodeCursor, encodeCursor, isoDate, money } from "./fields";
import { CampaignCreate, CampaignListQuery, CampaignUpdate } from "./campaign";
import { LeadListQuery, ReturnBody } from "./lead-query";
import { AdjustmentBody, TransactionListQuery } from "./transaction";

describe("isoDate", () => {
  const from = isoDate("start", "from");
  const to = isoDate("end", "to");
  it.each([
    ["2026-03-03", "start", "2026-03-03T00:00:00.000Z"],
    ["2026-03-03", "end", "2026-03-03T23:59:59.999Z"],
    ["2026-03-03T10:30:00Z", "end", "2026-03-03T10:30:00.000Z"],
    ["2026-03-03T10:30:00+02:00", "start", "2026-03-03T08:30:00.000Z"],
  ])("%s as %s → %s", (input, edge, iso) => {
    expect((edge === "start" ? from : to).parse(input).toISOString()).toBe(iso);
  });
  it.each(["2026-02-31", "2026-13-01", "03/03/2026", "yesterday", "1700000000", ""])("refuses %s", (input) => {
    expect(from.safeParse(input).success).toBe(false);
  });
});

describe("money", () => {
  const price = money({ min: 1, max: 500_000, description: "price" });
  it.each([
    ["55.00", 5500],
    ["55", 5500],
    [55.5, 5550],
    ["0.01", 1],
    ["5000.00", 500_000],
  ])("%s → %d cents", (v, cents) => expect(price.parse(v)).toBe(cents));
  it.each(["-1.00", "0", "5000.01", "1.005", "1e3", "abc", Number.NaN])("refuses %s", (v) => {
    expect(price.safeParse(v).success).toBe(false);
  });
});

describe("cursor", () => {
  it("round-trips and refuses forgeries", () => {
    const c = { createdAt: new Date("2026-03-03T10:30:15.123Z"), id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-03-03|x").toString("base64url"))).toBeNull();
  });
});

describe("schemas", () => {
  it("the documented campaign example parses, with money in cents", () => {
    const body = CampaignCreate.parse({
      buyerId: 5,
      name: "New Campaign",
      vertical: "home_services",
      geoTargets: { states: ["CA", "TX"] },
      pricePerLead: "55.00",
      bidType: "fixed",
      dailyCap: 40,
      deliveryMethod: "webhook",
      pingPostEnabled: true,
      exclusive: false,
      returnWindowHours: 48,
      priority: 2,
    });
    expect(body).toMatchObject({
      buyerId: 5,
      pricePerLead: 5500,
      status: "active",
      geoTargets: { states: ["CA", "TX"] },
    });
  });
  it.each(
    Object.entries({
      CampaignCreate,
      CampaignUpdate,
      CampaignListQuery,
      LeadListQuery,
      ReturnBody,
      TransactionListQuery,
      AdjustmentBody,
    }),
  )("every field of %s is described (for the OpenAPI document)", (_name, schema) => {
    expect(schema.description).toBeTruthy();
    const shape = (schema as unknown as z.ZodObject).shape;
    expect(Object.keys(shape).length).toBeGreaterThan(2);
    for (const [k, v] of Object.entries(shape)) expect((v as z.ZodType).description, k).toBeTruthy();
  });
});
