// The buyer seam with the real delivery implementation: a synchronous http_post buyer speaking
// the lead compliance API (a local fake) decides the sale inside the request, outside any transaction.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as compliance } from "@/app/api/leads/route";
import { setBuyerHooks, networkedHooks, buyerHooks } from "@/lib/pipeline/buyer-hooks";
import { confirmWithBuyer } from "@/lib/delivery/confirm";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { SPEC_LIST_ID } from "@/lib/seed";
import { toCents } from "@/lib/money";
import { LOCAL } from "./delivery-fixtures";
import { complianceApiServer, type Fake } from "./fake-buyers";
import { complianceExamples } from "@/lib/openapi/examples";
import { call } from "./helpers/api";
import { demo, freshPhone, freshEmail, KEY } from "./pipeline-helpers";

const COMPLIANCE_EXAMPLE = complianceExamples.testExample;

const TOKEN = "buyer-api-token";
const before = buyerHooks();
let d: Awaited<ReturnType<typeof demo>>;
let api: Fake;

beforeEach(async () => {
  d = await demo();
  // The networked hooks, allowed to call 127.0.0.1 (production refuses private addresses).
  setBuyerHooks({
    collectBids: networkedHooks.collectBids,
    confirmWithBuyer: (c, l, p) => confirmWithBuyer(c, l, p, LOCAL),
  });
});
afterEach(async () => {
  setBuyerHooks(before);
  await api?.close();
});

async function httpPostBuyer(dnc: string[] = []) {
  api = await complianceApiServer({ token: TOKEN, dnc, bid: 2.5 });
  const c = await prisma.buyerCampaign.create({
    data: {
      buyerId: d.buyer1.id,
      name: "Resells to a lead compliance API",
      vertical: "debt_relief",
      geoStates: ["TX", "OH"],
      sourceListIds: [SPEC_LIST_ID],
      pricePerLead: "3.00",
      priority: 2,
      deliveryMethod: "http_post",
      deliveryConfig: {
        url: `${api.url}/api/leads`,
        preset: "seed001",
        token: TOKEN,
        constants: { listId: "their-list", campaignId: "their-campaign" },
      },
    },
  });
  invalidateCampaignIndex();
  return c;
}

describe("synchronous http_post buyers", () => {
  it("an acceptance sells at the buyer's bid, stores its lead_id, and is not posted twice (shared with buyer2)", async () => {
    const c = await httpPostBuyer();
    const lead = { ...COMPLIANCE_EXAMPLE, phone: freshPhone(), email: freshEmail() };
    const r = await call(compliance, "POST", "/api/leads", { body: lead });
    expect(r.body).toMatchObject({ success: true, bid: 0.35 });
    const row = await prisma.lead.findUniqueOrThrow({
      where: { id: Number(r.body.lead_id) },
      include: { sales: { orderBy: { id: "asc" } }, deliveries: true },
    });
    expect(row).toMatchObject({ status: "sold", campaignId: c.id, buyerId: d.buyer1.id });
    const topOfFunnel = d.campaigns.find((x) => x.name === "Top of Funnel list - 12 states")!;
    expect(row.sales.map((s) => [s.campaignId, toCents(s.price), s.buyerLeadId])).toEqual([
      [c.id, 250, "jm000001"],
      [topOfFunnel.id, 125, null],
    ]);
    expect(toCents(row.revenue)).toBe(375);
    expect(row.deliveries.map((x) => [x.saleId, x.status])).toEqual([[row.sales[0].id, "delivered"]]);
    expect(api.requests).toHaveLength(1);
    expect(JSON.parse(api.requests[0].body)).toMatchObject({
      phone: lead.phone,
      state: "TX",
      token: TOKEN,
      listId: "their-list",
    });
  });

  it("a refusal (their DNC list) sends the lead to the next campaign and is recorded with the buyer's details", async () => {
    const phone = freshPhone();
    const c = await httpPostBuyer([phone]);
    const r = await call(compliance, "POST", "/api/leads", {
      body: { ...COMPLIANCE_EXAMPLE, phone, email: freshEmail(), token: KEY },
    });
    expect(r.body).toMatchObject({ success: true, bid: 0.35 });
    const row = await prisma.lead.findUniqueOrThrow({ where: { id: Number(r.body.lead_id) } });
    expect(row).toMatchObject({ status: "sold", buyerId: d.buyer2.id });
    expect(toCents(row.revenue)).toBe(125);
    expect(row.unsoldReasons).toContainEqual({
      campaignId: c.id,
      buyerId: d.buyer1.id,
      reason: "buyer_rejected",
      details: expect.objectContaining({ error: "Phone number failed compliance check with: TCPA" }),
    });
  });
});
