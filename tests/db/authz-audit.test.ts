// Every cross-account refusal leaves an audit row: a 403 for naming another account (or an
// account of the other kind), a 404 for addressing another account's object by id. A plain
// "no such object" 404 is not a refusal and leaves none. The rules are lib/auth/ownership.ts;
// route() (lib/api/handler.ts) writes the row as `authz.denied` with the method, path and status.
//
// One row per refusal: who calls (a demo login, by session or by its API key), the request, the
// expected status, and the audit reason (null: no row). Placeholders: {buyer1} / {seller1} are
// the other account's ids, {lead} a lead seller1 sent and buyer1 bought, {campaign} buyer1's
// first campaign, {delivery} a dead delivery of that sale, {key} buyer1's API key,
// {list} seller1's intake list.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call, seedWorld, type World } from "./helpers/api";

type Reason = "other_account" | "role" | "not_owner" | null;
type Case = [who: keyof World, via: "session" | "key", req: string, status: number, reason: Reason, body?: unknown];

const campaignBody = {
  buyerId: "{buyer1}",
  name: "Someone else's campaign",
  vertical: "home_services",
  geoTargets: { states: ["CA"] },
  pricePerLead: "55.00",
  bidType: "fixed",
  dailyCap: 40,
  deliveryMethod: "portal",
  priority: 2,
};

const GROUPS: Record<string, Case[]> = {
  "/api/leads": [
    ["buyer2", "session", "GET /api/leads?buyerId={buyer1}", 403, "other_account"],
    ["buyer2", "key", "GET /api/leads?buyerId={buyer1}", 403, "other_account"],
    ["seller2", "session", "GET /api/leads?buyerId={buyer1}", 403, "role"],
    ["seller2", "key", "GET /api/leads?sellerId={seller1}", 403, "other_account"],
    ["seller2", "session", "GET /api/leads?sellerId={seller1}&format=csv", 403, "other_account"],
    ["buyer2", "session", "GET /api/leads/{lead}", 404, "not_owner"],
    ["buyer2", "key", "GET /api/leads/{lead}", 404, "not_owner"],
    ["seller2", "session", "GET /api/leads/{lead}", 404, "not_owner"],
    ["buyer2", "session", "GET /api/leads/{lead}/consent", 404, "not_owner"],
    ["buyer2", "session", "GET /api/leads/999999", 404, null],
  ],
  "/api/transactions": [
    ["buyer2", "session", "GET /api/transactions?buyerId={buyer1}", 403, "other_account"],
    ["buyer2", "key", "GET /api/transactions?buyerId={buyer1}&format=csv", 403, "other_account"],
    ["seller2", "key", "GET /api/transactions?sellerId={seller1}", 403, "other_account"],
    ["buyer2", "session", "GET /api/transactions?sellerId={seller1}", 403, "role"],
  ],
  "/api/buyer-campaigns": [
    ["buyer2", "session", "GET /api/buyer-campaigns?buyerId={buyer1}", 403, "other_account"],
    ["buyer2", "key", "POST /api/buyer-campaigns", 403, "other_account", campaignBody],
    ["seller2", "session", "GET /api/buyer-campaigns?buyerId={buyer1}", 403, "role"],
    ["buyer2", "session", "GET /api/buyer-campaigns/{campaign}", 404, "not_owner"],
    ["buyer2", "key", "PATCH /api/buyer-campaigns/{campaign}", 404, "not_owner", { status: "paused" }],
    ["buyer2", "session", "DELETE /api/buyer-campaigns/{campaign}", 404, "not_owner"],
    ["buyer2", "session", "POST /api/buyer-campaigns/{campaign}/rotate-secret", 404, "not_owner"],
    ["buyer2", "session", "GET /api/buyer-campaigns/999999", 404, null],
    ["buyer2", "session", "POST /api/buyer-campaigns/999999/rotate-secret", 404, null],
  ],
  "/api/deliveries": [
    ["buyer2", "key", "GET /api/deliveries?buyerId={buyer1}", 403, "other_account"],
    ["buyer2", "session", "GET /api/deliveries/{delivery}", 404, "not_owner"],
    ["buyer2", "key", "POST /api/deliveries/{delivery}/replay", 404, "not_owner"],
    ["buyer2", "session", "GET /api/deliveries/999999", 404, null],
  ],
  returns: [
    ["buyer2", "session", "POST /api/leads/{lead}/return", 404, "not_owner", { reason: "disconnected_phone" }],
    ["buyer2", "key", "POST /api/leads/{lead}/return", 404, "not_owner", { reason: "disconnected_phone" }],
    [
      "buyer2",
      "session",
      "POST /api/leads/{lead}/return",
      403,
      "other_account",
      { reason: "disconnected_phone", buyerId: "{buyer1}" },
    ],
    ["buyer2", "session", "POST /api/leads/999999/return", 404, null, { reason: "disconnected_phone" }],
  ],
  "accounts, statements, API keys": [
    ["buyer2", "session", "GET /api/buyers/{buyer1}", 404, "not_owner"],
    ["seller2", "key", "GET /api/sellers/{seller1}", 404, "not_owner"],
    ["buyer2", "session", "GET /api/statements?buyerId={buyer1}", 403, "other_account"],
    ["seller2", "session", "GET /api/statements?sellerId={seller1}&format=csv", 403, "other_account"],
    ["buyer2", "session", "GET /api/api-keys?buyerId={buyer1}", 403, "other_account"],
    ["buyer2", "session", "GET /api/api-keys/{key}", 404, "not_owner"],
    ["buyer2", "session", "DELETE /api/api-keys/{key}", 404, "not_owner"],
    ["seller2", "key", "GET /api/intake-lists/{list}/spec", 404, "not_owner"],
    ["seller2", "session", "GET /api/intake-lists/00000000-0000-4000-8000-000000000000/spec", 404, null],
  ],
};

// ---------- calling the route files in-process ----------

const API_DIR = path.resolve(__dirname, "../../app/api");

/** The route file serving a path, and its params: static segments first, then [dynamic] ones. */
function resolveRoute(urlPath: string): { file: string; params: Record<string, string> } {
  const segs = urlPath
    .replace(/^\/api\/?/, "")
    .split("/")
    .filter(Boolean);
  const walk = (
    dir: string,
    i: number,
    params: Record<string, string>,
  ): { file: string; params: Record<string, string> } | null => {
    if (i === segs.length) {
      const file = path.join(dir, "route.ts");
      return statSync(file, { throwIfNoEntry: false }) ? { file, params } : null;
    }
    const entries = readdirSync(dir).filter((e) => statSync(path.join(dir, e)).isDirectory());
    if (entries.includes(segs[i])) {
      const hit = walk(path.join(dir, segs[i]), i + 1, params);
      if (hit) return hit;
    }
    for (const e of entries.filter((x) => /^\[\w+\]$/.test(x))) {
      const hit = walk(path.join(dir, e), i + 1, { ...params, [e.slice(1, -1)]: segs[i] });
      if (hit) return hit;
    }
    return null;
  };
  const found = walk(API_DIR, 0, {});
  if (!found) throw new Error(`no route file serves ${urlPath}`);
  return found;
}

async function placeholders(world: World): Promise<Record<string, string>> {
  const buyerId = world.buyer1.buyerId!;
  const campaign = await prisma.buyerCampaign.findFirstOrThrow({ where: { buyerId }, orderBy: { id: "asc" } });
  const lead = await prisma.lead.create({
    data: {
      sellerId: world.seller1.sellerId!,
      vertical: campaign.vertical,
      consumerName: "Audit Lead",
      consumerPhone: "3105550100",
      consumerState: "CA",
      status: "sold",
      revenue: campaign.pricePerLead,
      buyerId,
      campaignId: campaign.id,
      soldAt: new Date(),
    },
  });
  const sale = await prisma.leadSale.create({
    data: {
      leadId: lead.id,
      campaignId: campaign.id,
      buyerId,
      price: campaign.pricePerLead,
      returnDeadline: new Date(Date.now() + 48 * 3_600_000),
    },
  });
  const delivery = await prisma.delivery.create({
    data: {
      saleId: sale.id,
      leadId: lead.id,
      campaignId: campaign.id,
      buyerId,
      method: "webhook",
      target: "https://buyer.example/hook",
      status: "dead",
      attempts: 7,
    },
  });
  const list = await prisma.intakeList.findFirstOrThrow({
    where: { sellerId: world.seller1.sellerId! },
    orderBy: { createdAt: "asc" },
  });
  return {
    list: list.id,
    delivery: String(delivery.id),
    buyer1: String(buyerId),
    seller1: String(world.seller1.sellerId),
    lead: String(lead.id),
    campaign: String(campaign.id),
    key: world.buyer1.keyId!,
  };
}

const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k]);

function fillBody(body: unknown, values: Record<string, string>): unknown {
  // An id placeholder standing alone becomes a number, as a client would send it.
  return JSON.parse(JSON.stringify(body), (_k, v) =>
    typeof v === "string" && /^\{\w+\}$/.test(v) ? Number(fill(v, values)) : v,
  );
}

describe("every cross-account refusal is audited", () => {
  it.each(Object.entries(GROUPS))("%s", async (_group, cases) => {
    const world = await seedWorld();
    const values = await placeholders(world);
    for (const [who, via, req, status, reason, body] of cases) {
      const title = `${who} (${via}) ${req}`;
      const [method, rawPath] = req.split(" ");
      const url = fill(rawPath, values);
      const pathname = url.split("?")[0];
      const { file, params } = resolveRoute(pathname);
      const handler = ((await import(/* @vite-ignore */ file)) as Record<string, Parameters<typeof call>[0]>)[method];
      const caller = world[who];
      const before = (await prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);

      const res = await call(handler, method, url, {
        params,
        cookie: via === "session" ? caller.cookie : null,
        key: via === "key" ? caller.key : null,
        body: body === undefined ? undefined : fillBody(body, values),
      });
      expect.soft(res.status, title).toBe(status);

      const rows = await prisma.auditLog.findMany({ where: { id: { gt: before }, action: "authz.denied" } });
      if (reason === null) {
        expect.soft(rows, `${title}: no audit row`).toEqual([]);
        continue;
      }
      expect.soft(rows, `${title}: one audit row`).toHaveLength(1);
      const [row] = rows;
      if (!row) continue;
      expect
        .soft(
          {
            actorRole: row.actorRole,
            actorUserId: row.actorUserId,
            actorApiKeyId: row.actorApiKeyId,
            ...(row.details as Record<string, unknown>),
          },
          title,
        )
        .toMatchObject({
          actorRole: caller.user.role,
          actorUserId: via === "session" ? caller.userId : null,
          actorApiKeyId: via === "key" ? caller.keyId : null,
          reason,
          method,
          path: pathname,
          status,
        });
    }
  });

  // Dashboard pages answer another account's object with the 404 page and record it like a route.
  it.each([
    ["a buyer opening another buyer's lead", "buyer2", { buyerId: 1 }, 1],
    ["a seller opening another seller's submission", "seller2", { sellerId: 1 }, 1],
    ["a buyer opening an id that does not exist", "buyer2", null, 0],
    ["an admin viewing an account's dashboard", "admin", { buyerId: 1 }, 0],
  ] as const)("pages: %s", async (_n, who, owner, expected) => {
    const { recordPageDenial } = await import("@/lib/auth/pages");
    const world = await seedWorld();
    const path = "/buyer/leads/42";
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9" });
    await recordPageDenial(world[who].user, { path, headers }, "lead", "42", owner);
    const rows = await prisma.auditLog.findMany({ where: { action: "authz.denied" } });
    expect(rows).toHaveLength(expected);
    if (expected) {
      expect(rows[0]).toMatchObject({ actorUserId: world[who].userId, actorRole: world[who].user.role });
      expect(rows[0].details).toMatchObject({
        reason: "not_owner",
        what: "lead",
        id: "42",
        path,
        status: 404,
        via: "page",
      });
    }
  });

  it("a dashboard's session user is an actor too", async () => {
    const { notYours } = await import("@/lib/auth/ownership");
    const world = await seedWorld();
    const err = notYours(world.buyer2.user, "lead", 1, { buyerId: world.buyer1.buyerId });
    expect(err.status).toBe(404);
    expect(err.auditEntry?.caller).toEqual({ userId: world.buyer2.userId, apiKeyId: null, role: "buyer" });
  });
});
