// Verticals and intake lists from the admin API: validation, audit, archive,
// the campaign-index announcement, and the seller's posting specification.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { CAMPAIGNS_CHANNEL } from "@/lib/campaign-events";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { SPEC_LIST_ID } from "@/lib/seed";
import { GET as listVerticals, POST as createVertical } from "@/app/api/admin/verticals/route";
import { GET as getVertical, PATCH as patchVertical } from "@/app/api/admin/verticals/[key]/route";
import { GET as listLists, POST as createList } from "@/app/api/admin/intake-lists/route";
import { GET as getList, PATCH as patchList } from "@/app/api/admin/intake-lists/[id]/route";
import { GET as spec } from "@/app/api/intake-lists/[id]/spec/route";
import { POST as ingest } from "@/app/api/leads/ingest/route";
import { call, seedWorld, type World } from "./helpers/api";
import { exampleLead } from "./pipeline-helpers";

const admin = (w: World) => ({ cookie: w.admin.cookie });
const PETS = {
  key: "pet_insurance",
  name: "Pet insurance",
  subVerticals: ["dog", "cat"],
  requiredFields: ["consumer_phone", "email", "state"],
};

async function newList(w: World, over: Record<string, unknown> = {}) {
  await call(createVertical, "POST", "/api/admin/verticals", { ...admin(w), body: PETS });
  return call(createList, "POST", "/api/admin/intake-lists", {
    ...admin(w),
    body: {
      sellerId: w.seller2.sellerId,
      name: "BlueSky pets",
      vertical: "pet_insurance",
      subVertical: "dog",
      acceptedStates: ["tx", "OK"],
      requiredFields: ["zip"],
      checks: ["tcpa_dnc", "duplicate", "state"],
      payoutRule: { kind: "fixed", amount: "12.00" },
      ...over,
    },
  });
}

describe("/api/admin/verticals", () => {
  it("creates, reads, lists and edits a vertical; field names are stored canonical; each change audited", async () => {
    const w = await seedWorld();
    const c = await call(createVertical, "POST", "/api/admin/verticals", { ...admin(w), body: PETS });
    expect(c.status).toBe(201);
    expect(c.body).toEqual({
      key: "pet_insurance",
      name: "Pet insurance",
      subVerticals: ["dog", "cat"],
      requiredFields: ["consumerPhone", "consumerEmail", "consumerState"],
      archived: false,
      intakeLists: 0,
      campaigns: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(
      (
        await call(getVertical, "GET", "/api/admin/verticals/pet_insurance", {
          ...admin(w),
          params: { key: "pet_insurance" },
        })
      ).body.name,
    ).toBe("Pet insurance");
    const p = await call(patchVertical, "PATCH", "/api/admin/verticals/pet_insurance", {
      ...admin(w),
      params: { key: "pet_insurance" },
      body: { name: "Pets", subVerticals: ["dog", "cat", "exotic"] },
    });
    expect(p.body).toMatchObject({ name: "Pets", subVerticals: ["dog", "cat", "exotic"] });
    const keys = (await call(listVerticals, "GET", "/api/admin/verticals", admin(w))).body.map(
      (v: { key: string }) => v.key,
    );
    expect(keys).toEqual(["auto_insurance", "debt_relief", "home_services", "pet_insurance", "solar"]);
    expect(
      await prisma.auditLog.findMany({
        where: { targetType: "vertical" },
        select: { action: true, targetId: true, actorUserId: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual([
      { action: "vertical.created", targetId: "pet_insurance", actorUserId: w.admin.userId },
      { action: "vertical.updated", targetId: "pet_insurance", actorUserId: w.admin.userId },
    ]);
  });

  it.each<[string, unknown, number, { field: string; issue: string }[] | null]>([
    [
      "a taken key (never reused)",
      { key: "solar", name: "Solar again" },
      409,
      [{ field: "key", issue: "already in use" }],
    ],
    [
      "a bad key",
      { key: "Pet Insurance!", name: "x" },
      400,
      [{ field: "key", issue: "2-40 characters: lower-case letters, digits and _, starting with a letter" }],
    ],
    ["no name", { key: "pets" }, 400, [{ field: "name", issue: expect.any(String) as unknown as string }]],
    [
      "a bad field name",
      { key: "pets", name: "Pets", requiredFields: ["drop table"] },
      400,
      [{ field: "requiredFields.0", issue: 'a field name such as "consumerPhone" or "ageRange|dob" (either)' }],
    ],
    ["an unknown field", { key: "pets", name: "Pets", archivedAt: "2020-01-01" }, 400, null],
  ])("POST refuses %s", async (_n, body, status, details) => {
    const w = await seedWorld();
    const r = await call(createVertical, "POST", "/api/admin/verticals", { ...admin(w), body });
    expect(r.status).toBe(status);
    if (details) expect(r.body.error.details).toEqual(details);
  });

  it("archiving: refused while active lists or campaigns use it; an archived key stays taken", async () => {
    const w = await seedWorld();
    const inUse = await call(patchVertical, "PATCH", "/api/admin/verticals/solar", {
      ...admin(w),
      params: { key: "solar" },
      body: { archived: true },
    });
    expect(inUse.status).toBe(200); // the demo's solar campaign is paused: nothing active uses it
    const busy = await call(patchVertical, "PATCH", "/api/admin/verticals/home_services", {
      ...admin(w),
      params: { key: "home_services" },
      body: { archived: true },
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error.details).toEqual([{ field: "archived", issue: "the vertical is in use" }]);
    const again = await call(createVertical, "POST", "/api/admin/verticals", {
      ...admin(w),
      body: { key: "solar", name: "Other" },
    });
    expect(again.status).toBe(409);
    const listed = (await call(listVerticals, "GET", "/api/admin/verticals", admin(w))).body.map(
      (v: { key: string }) => v.key,
    );
    expect(listed).not.toContain("solar");
    const all = (await call(listVerticals, "GET", "/api/admin/verticals?includeArchived=true", admin(w))).body.map(
      (v: { key: string }) => v.key,
    );
    expect(all).toContain("solar");
    expect(
      (await call(getVertical, "GET", "/api/admin/verticals/nope", { ...admin(w), params: { key: "nope" } })).status,
    ).toBe(404);
  });
});

describe("/api/admin/intake-lists", () => {
  it("creates a list (states upper-cased, payout override) that the seller can post to at once", async () => {
    const w = await seedWorld();
    const r = await newList(w);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sellerId: w.seller2.sellerId,
      sellerName: "BlueSky Media",
      name: "BlueSky pets",
      vertical: "pet_insurance",
      subVertical: "dog",
      acceptedStates: ["TX", "OK"],
      requiredFields: ["consumerZip"],
      checks: ["tcpa_dnc", "duplicate", "state"],
      requireTrustedForm: false,
      payoutRule: { kind: "fixed", amount: "12.00", allowLoss: false },
      effectivePayoutRule: { kind: "fixed", amount: "12.00", allowLoss: false },
      status: "active",
      archived: false,
      leads: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "intake_list.created" } });
    expect(audit).toMatchObject({
      targetId: r.body.id,
      actorUserId: w.admin.userId,
      details: expect.objectContaining({ payoutRule: { kind: "fixed", amount: "12.00", allowLoss: false } }),
    });

    // A buyer for the new vertical, then seller2 posts to the list: sold, paid the list's 12.00.
    await prisma.buyerCampaign.create({
      data: {
        buyerId: w.buyer2.buyerId!,
        name: "Pets TX",
        vertical: "pet_insurance",
        geoStates: ["TX"],
        pricePerLead: "30.00",
      },
    });
    invalidateCampaignIndex();
    const lead = exampleLead({
      vertical: undefined,
      subVertical: undefined,
      listId: r.body.id,
      consumerState: "TX",
      consumerZip: "77001",
      cost: "1000.00",
    });
    const sold = await call(ingest, "POST", "/api/leads/ingest", { key: w.seller2.key, body: lead });
    expect(sold.body).toMatchObject({ status: "sold", revenue: 30, cost: 12, margin: 18 });
    const row = await prisma.lead.findUniqueOrThrow({ where: { id: sold.body.leadId } });
    expect(row).toMatchObject({ intakeListId: r.body.id, vertical: "pet_insurance", subVertical: "dog" });
    // Another state is refused by the list's check; seller1 cannot use seller2's list.
    const ok = await call(ingest, "POST", "/api/leads/ingest", {
      key: w.seller2.key,
      body: { ...exampleLead({ listId: r.body.id, vertical: undefined, consumerState: "CA" }) },
    });
    expect(ok.body.rejectionReasons).toContain("state_not_accepted");
    expect(
      (
        await call(ingest, "POST", "/api/leads/ingest", {
          key: w.seller1.key,
          body: exampleLead({ listId: r.body.id }),
        })
      ).status,
    ).toBe(404);
  });

  it.each<[string, Record<string, unknown>, number, { field: string; issue: string }[]]>([
    [
      "an unknown vertical",
      { vertical: "pets_2" },
      400,
      [{ field: "vertical", issue: "no such vertical (or it is archived)" }],
    ],
    [
      "a sub-vertical the vertical lacks",
      { subVertical: "horse" },
      400,
      [{ field: "subVertical", issue: "one of dog, cat" }],
    ],
    [
      "a state that is not a US code",
      { acceptedStates: ["TX", "XX"] },
      400,
      [{ field: "acceptedStates.1", issue: "must be a two-letter US state code (e.g. TX)" }],
    ],
    [
      "an unknown check",
      { checks: ["vibes"] },
      400,
      [{ field: "checks.0", issue: expect.any(String) as unknown as string }],
    ],
    ["an unknown seller", { sellerId: 999 }, 400, [{ field: "sellerId", issue: "no seller with this id" }]],
    [
      "a bad payout rule",
      { payoutRule: { kind: "share", sharePercent: "150" } },
      400,
      [{ field: "payoutRule.sharePercent", issue: "must be a percent between 0 and 100 with at most 2 decimals" }],
    ],
  ])("POST refuses %s", async (_n, over, status, details) => {
    const w = await seedWorld();
    const r = await newList(w, over);
    expect(r.status).toBe(status);
    expect(r.body.error.details).toEqual(details);
  });

  // Query-string ids: the same rule as every other account id (1..999999999); beyond a PostgreSQL
  // integer was once passed to the database.
  it.each([
    ["zero", "0"],
    ["beyond a database integer", "9999999999"],
    ["a fraction", "1.5"],
    ["a negative", "-1"],
    ["text", "abc"],
  ])("GET refuses sellerId %s with a 400 naming the field", async (_n, value) => {
    const w = await seedWorld();
    const r = await call(listLists, "GET", `/api/admin/intake-lists?sellerId=${value}`, admin(w));
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ field: "sellerId", issue: "must be a positive integer seller id" }]);
  });

  it("PATCH edits, pauses and archives; archived lists take no posts, leave the seller's view and keep their leads", async () => {
    const w = await seedWorld();
    const { body: list } = await newList(w);
    const p = (body: unknown) =>
      call(patchList, "PATCH", `/api/admin/intake-lists/${list.id}`, { ...admin(w), params: { id: list.id }, body });
    expect((await p({ acceptedStates: [], payoutRule: null, status: "paused" })).body).toMatchObject({
      acceptedStates: [],
      payoutRule: null,
      effectivePayoutRule: { kind: "share", sharePercent: "45.00" },
      status: "paused",
    });
    const paused = await call(ingest, "POST", "/api/leads/ingest", {
      key: w.seller2.key,
      body: exampleLead({ listId: list.id, vertical: undefined }),
    });
    expect(paused.status).toBe(404);
    expect((await p({ sellerId: w.seller1.sellerId })).status).toBe(400); // the owner cannot change
    expect((await p({ subVertical: "horse" })).status).toBe(400);
    expect((await p({ archived: true, status: "active" })).body).toMatchObject({ archived: true });
    expect(
      (
        await call(ingest, "POST", "/api/leads/ingest", {
          key: w.seller2.key,
          body: exampleLead({ listId: list.id, vertical: undefined }),
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(listLists, "GET", `/api/admin/intake-lists?sellerId=${w.seller2.sellerId}`, admin(w))).body,
    ).toEqual([]);
    expect(
      (
        await call(
          listLists,
          "GET",
          `/api/admin/intake-lists?sellerId=${w.seller2.sellerId}&includeArchived=true`,
          admin(w),
        )
      ).body,
    ).toHaveLength(1);
    expect(
      (await call(getList, "GET", `/api/admin/intake-lists/${list.id}`, { ...admin(w), params: { id: list.id } })).body
        .archived,
    ).toBe(true);
    expect(
      (await call(getList, "GET", "/api/admin/intake-lists/nope", { ...admin(w), params: { id: "nope" } })).status,
    ).toBe(404);
    expect(
      (await call(spec, "GET", `/api/intake-lists/${list.id}/spec`, { key: w.seller2.key, params: { id: list.id } }))
        .status,
    ).toBe(404);
    expect(await prisma.auditLog.count({ where: { targetType: "intake_list" } })).toBe(3); // created, updated, archived (refused edits write nothing)
  });

  it.runIf(!!env.DATABASE_URL)(
    "each change is announced on the campaign channel (every instance reloads its index)",
    async () => {
      const w = await seedWorld();
      const listener = new pg.Client({ connectionString: env.DATABASE_URL });
      await listener.connect();
      const heard: string[] = [];
      listener.on("notification", (n) => heard.push(n.channel));
      await listener.query(`LISTEN ${CAMPAIGNS_CHANNEL}`);
      await newList(w);
      await new Promise((r) => setTimeout(r, 200));
      await listener.end();
      expect(heard).toEqual([CAMPAIGNS_CHANNEL, CAMPAIGNS_CHANNEL]); // the vertical, then the list
    },
  );
});

describe("GET /api/intake-lists/{id}/spec", () => {
  it("the demo intake list's spec: its fields, states, checks, payout, an example and the responses, as Markdown, HTML and JSON", async () => {
    const w = await seedWorld();
    const get = (q: string, key = w.seller1.key) =>
      call(spec, "GET", `/api/intake-lists/${SPEC_LIST_ID}/spec${q}`, { key, params: { id: SPEC_LIST_ID } });
    const json = (await get("?format=json")).body;
    expect(json.payout).toBe("$0.35 per sold lead");
    expect(json.acceptedStates).toEqual(["AL", "AR", "AZ", "IN", "KS", "LA", "MO", "MS", "OH", "SC", "TN", "TX"]);
    const names = json.fields.filter((f: { required: boolean }) => f.required).map((f: { name: string }) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "listId",
        "consumerName",
        "consumerPhone",
        "consumerEmail",
        "consumerState",
        "firstName",
        "zipCode",
        "trustedFormCertUrl",
        "incomeBracket",
        "homeownerStatus",
        "ageRange or dob",
      ]),
    );
    expect(json.checks.map((c: { check: string }) => c.check)).toEqual([
      "trustedform",
      "tcpa_dnc",
      "phone_validation",
      "duplicate",
      "blacklist",
      "state",
    ]);
    expect(json.responses.map((r: { status: number }) => r.status)).toEqual([200, 200, 200, 400]);
    expect(json.responses[0].body).toMatchObject({ success: true, status: "sold", revenue: 40, cost: 0.35 });
    expect(json.curl).toContain("Authorization: Bearer YOUR_API_KEY");

    const md = await get("");
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toBe(
      'attachment; filename="posting-spec-top-of-funnel-compliance-list.md"',
    );
    expect(md.body).toContain("| `ageRange or dob` | string | yes |");
    const html = await get("?format=html");
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.body).toContain("<h2>Fields</h2>");

    // The example request passes the list's own validation (test mode: nothing is stored).
    const tried = await call(ingest, "POST", "/api/leads/ingest", {
      key: w.seller1.key,
      body: { ...json.exampleRequest, test: true },
    });
    expect(tried.body.rejectionReasons ?? []).toEqual([]);

    expect((await get("", w.seller2.key)).status).toBe(404); // another seller's list
    expect((await get("", w.buyer1.key)).status).toBe(403);
    expect((await get("?format=pdf")).status).toBe(400);
  });

  it("a field added to the vertical shows up in the spec at once (no drift)", async () => {
    const w = await seedWorld();
    await call(patchVertical, "PATCH", "/api/admin/verticals/debt_relief", {
      ...admin(w),
      params: { key: "debt_relief" },
      body: { requiredFields: ["consumerName", "consumerPhone", "consumerEmail", "consumerState", "debt_amount"] },
    });
    const json = (
      await call(spec, "GET", `/api/intake-lists/${SPEC_LIST_ID}/spec?format=json`, {
        key: w.seller1.key,
        params: { id: SPEC_LIST_ID },
      })
    ).body;
    expect(json.fields.find((f: { name: string }) => f.name === "debt_amount")).toMatchObject({
      required: true,
      description: "Sent in leadData (or at the top level)",
    });
  });
});
