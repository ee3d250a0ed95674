// Buyer campaigns: create, edit, pause/resume, archive. Every change is announced to all app
// instances (announceCampaignChange, inside the same transaction: NOTIFY fires on commit) so
// their in-memory campaign indexes never match leads against a stale campaign for long.
import "server-only";
import { prisma, type Db, type Tx } from "./db";
import { ApiError, type ErrorDetail } from "./api/errors";
import { announceCampaignChange } from "./campaign-events";
import { checkUrl, SsrfError } from "./delivery/ssrf";
import { generateWebhookSecret } from "./delivery/webhook";
import { Prisma, type BuyerCampaign } from "./generated/prisma/client";
import { centsToDecimal } from "./money";
import { assertOwns, scopeBuyerId, type Viewer } from "./auth/ownership";
import { serializeCampaign } from "./serializers/campaign";
import type { CampaignJson, CampaignListJson, CampaignWithSecretJson } from "./openapi/types";
import { DEFAULT_LIMIT } from "./validation/fields";
import {
  campaignRuleIssues,
  type CampaignCreate,
  type CampaignListQuery,
  type CampaignUpdate,
} from "./validation/campaign";

// The signing secret ("whsec_" + 24 random bytes, base64) is shown once, when created: the buyer
// verifies our webhook signatures with it. POST /api/buyer-campaigns/{id}/rotate-secret replaces it.
const newWebhookSecret = generateWebhookSecret;

type Editable = Omit<CampaignUpdate, "status">;

const uniq = (xs: string[]) => [...new Set(xs)];

/** API fields → columns. Only keys present in the body are written (PATCH semantics). */
function toColumns(b: Editable): Prisma.BuyerCampaignUncheckedUpdateInput {
  const d: Prisma.BuyerCampaignUncheckedUpdateInput = {};
  if (b.name !== undefined) d.name = b.name;
  if (b.vertical !== undefined) d.vertical = b.vertical;
  if (b.subVertical !== undefined) d.subVertical = b.subVertical;
  if (b.geoTargets?.states !== undefined) d.geoStates = uniq(b.geoTargets.states);
  if (b.geoTargets?.zips !== undefined) d.geoZips = uniq(b.geoTargets.zips);
  if (b.sourceListIds !== undefined) d.sourceListIds = uniq(b.sourceListIds);
  if (b.filters !== undefined) d.filters = b.filters as Prisma.InputJsonValue;
  if (b.pricePerLead !== undefined) d.pricePerLead = centsToDecimal(b.pricePerLead);
  if (b.bidType !== undefined) d.bidType = b.bidType;
  if (b.pingUrl !== undefined) d.pingUrl = b.pingUrl;
  if (b.dailyCap !== undefined) d.dailyCap = b.dailyCap;
  if (b.hourlyCap !== undefined) d.hourlyCap = b.hourlyCap;
  if (b.weeklyCap !== undefined) d.weeklyCap = b.weeklyCap;
  if (b.monthlyCap !== undefined) d.monthlyCap = b.monthlyCap;
  if (b.dailyBudget !== undefined) d.dailyBudget = b.dailyBudget === null ? null : centsToDecimal(b.dailyBudget);
  if (b.schedule !== undefined)
    d.schedule = b.schedule === null ? Prisma.DbNull : (b.schedule as Prisma.InputJsonValue);
  if (b.deliveryMethod !== undefined) d.deliveryMethod = b.deliveryMethod;
  if (b.deliveryConfig !== undefined) d.deliveryConfig = b.deliveryConfig as Prisma.InputJsonValue;
  if (b.pingPostEnabled !== undefined) d.pingPostEnabled = b.pingPostEnabled;
  if (b.exclusive !== undefined) d.exclusive = b.exclusive;
  if (b.returnWindowHours !== undefined) d.returnWindowHours = b.returnWindowHours;
  if (b.returnCapPercent !== undefined) d.returnCapPercent = b.returnCapPercent;
  if (b.priority !== undefined) d.priority = b.priority;
  return d;
}

/** Rules that need the database: the vertical exists and the sub-vertical belongs to it. */
async function verticalIssues(
  db: Db | Tx,
  vertical: string,
  subVertical: string | null | undefined,
): Promise<ErrorDetail[]> {
  const v = await db.vertical.findUnique({ where: { key: vertical }, select: { subVerticals: true } });
  if (!v) {
    const known = (await db.vertical.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((x) => x.key);
    return [{ field: "vertical", issue: `unknown vertical "${vertical}"; known: ${known.join(", ") || "(none)"}` }];
  }
  if (subVertical && v.subVerticals.length && !v.subVerticals.includes(subVertical)) {
    return [
      {
        field: "subVertical",
        issue: `"${subVertical}" is not a sub-vertical of ${vertical}; known: ${v.subVerticals.join(", ")}`,
      },
    ];
  }
  return [];
}

/** The static SSRF checks (private/loopback literals, localhost, credentials) on every URL we will call. */
function urlIssues(c: { pingUrl?: string | null; deliveryConfig?: Record<string, unknown> }): ErrorDetail[] {
  const urls: [string, unknown][] = [
    ["pingUrl", c.pingUrl],
    ["deliveryConfig.url", c.deliveryConfig?.url],
    ["deliveryConfig.probeUrl", c.deliveryConfig?.probeUrl],
  ];
  const issues: ErrorDetail[] = [];
  for (const [field, value] of urls) {
    if (typeof value !== "string") continue;
    try {
      checkUrl(value);
    } catch (e) {
      if (!(e instanceof SsrfError)) throw e;
      issues.push({ field, issue: `is not allowed: ${e.message}` });
    }
  }
  return issues;
}

function invalid(details: ErrorDetail[]): ApiError {
  return new ApiError("validation_failed", "Request body failed validation", details);
}

export async function listCampaigns(
  viewer: Viewer,
  q: CampaignListQuery,
  db: Db | Tx = prisma,
): Promise<CampaignListJson> {
  const buyerId = scopeBuyerId(viewer, q.buyerId);
  if (buyerId === undefined && viewer.role !== "admin")
    throw new ApiError("forbidden", "Campaigns belong to buyer accounts");
  const rows = await db.buyerCampaign.findMany({
    where: {
      ...(buyerId !== undefined ? { buyerId } : {}),
      ...(q.vertical ? { vertical: q.vertical } : {}),
      status: q.status ?? { not: "archived" },
    },
    orderBy: [{ priority: "desc" }, { id: "asc" }],
    take: q.limit ?? DEFAULT_LIMIT,
    skip: q.offset ?? 0,
  });
  return rows.map(serializeCampaign);
}

async function loadOwned(viewer: Viewer, id: number, db: Db | Tx): Promise<BuyerCampaign> {
  const c = await db.buyerCampaign.findUnique({ where: { id } });
  assertOwns(viewer, c, { what: "campaign", id });
  return c;
}

export async function getCampaign(viewer: Viewer, id: number, db: Db | Tx = prisma): Promise<CampaignJson> {
  return serializeCampaign(await loadOwned(viewer, id, db));
}

export async function createCampaign(viewer: Viewer, body: CampaignCreate): Promise<CampaignWithSecretJson> {
  const buyerId = scopeBuyerId(viewer, body.buyerId);
  if (buyerId === undefined) {
    if (viewer.role === "admin")
      throw invalid([{ field: "buyerId", issue: "is required when an admin creates a campaign" }]);
    throw new ApiError("forbidden", "Campaigns belong to buyer accounts");
  }
  const issues = [
    ...(await verticalIssues(prisma, body.vertical, body.subVertical)),
    ...campaignRuleIssues(body),
    ...urlIssues(body),
  ];
  if (viewer.role === "admin" && !(await prisma.buyer.findUnique({ where: { id: buyerId }, select: { id: true } }))) {
    issues.unshift({ field: "buyerId", issue: `no buyer with id ${buyerId}` });
  }
  if (issues.length) throw invalid(issues);

  const webhookSecret = body.deliveryMethod === "webhook" ? newWebhookSecret() : undefined;
  const row = await prisma.$transaction(async (tx) => {
    const c = await tx.buyerCampaign.create({
      data: {
        geoStates: [],
        geoZips: [],
        ...(toColumns(body) as Prisma.BuyerCampaignUncheckedCreateInput),
        buyerId,
        status: body.status,
        webhookSecret: webhookSecret ?? null,
      },
    });
    await announceCampaignChange(tx, c.id);
    return c;
  });
  // The secret is answered here and never again (GET shows only hasWebhookSecret).
  return { ...serializeCampaign(row), ...(webhookSecret ? { webhookSecret } : {}) };
}

export async function updateCampaign(
  viewer: Viewer,
  id: number,
  patch: CampaignUpdate,
): Promise<CampaignWithSecretJson> {
  const current = await loadOwned(viewer, id, prisma);
  if (current.status === "archived")
    throw new ApiError("conflict", `Campaign ${id} is archived and can no longer be changed`);
  const { status, ...fields } = patch;
  const merged = {
    bidType: fields.bidType ?? current.bidType,
    pingUrl: fields.pingUrl !== undefined ? fields.pingUrl : current.pingUrl,
    deliveryMethod: fields.deliveryMethod ?? current.deliveryMethod,
    deliveryConfig: (fields.deliveryConfig ?? current.deliveryConfig ?? {}) as Record<string, unknown>,
  };
  const issues = [...campaignRuleIssues(merged), ...urlIssues(fields)];
  if (fields.vertical !== undefined || fields.subVertical !== undefined) {
    const vertical = fields.vertical ?? current.vertical;
    const sub = fields.subVertical !== undefined ? fields.subVertical : current.subVertical;
    issues.unshift(...(await verticalIssues(prisma, vertical, sub)));
  }
  if (issues.length) throw invalid(issues);

  const data = toColumns(fields);
  if (status) {
    data.status = status;
    // Resuming clears a circuit-breaker pause; the buyer has looked at its endpoint.
    if (status === "active") Object.assign(data, { autoPausedAt: null, autoPausedReason: null, failureStreak: 0 });
  }
  const webhookSecret = merged.deliveryMethod === "webhook" && !current.webhookSecret ? newWebhookSecret() : undefined;
  if (webhookSecret) data.webhookSecret = webhookSecret;

  const row = await prisma.$transaction(async (tx) => {
    // Conditional: a concurrent DELETE (archive) wins; an archived campaign is never edited back.
    const n = await tx.buyerCampaign.updateMany({
      where: { id, status: { not: "archived" } },
      data: data as Prisma.BuyerCampaignUncheckedUpdateManyInput,
    });
    if (n.count !== 1) throw new ApiError("conflict", `Campaign ${id} is archived and can no longer be changed`);
    await announceCampaignChange(tx, id);
    return tx.buyerCampaign.findUniqueOrThrow({ where: { id } });
  });
  return { ...serializeCampaign(row), ...(webhookSecret ? { webhookSecret } : {}) };
}

/** DELETE archives: sold leads keep their campaign, matching stops. Idempotent. */
export async function archiveCampaign(viewer: Viewer, id: number): Promise<CampaignJson> {
  await loadOwned(viewer, id, prisma);
  const row = await prisma.$transaction(async (tx) => {
    const n = await tx.buyerCampaign.updateMany({
      where: { id, status: { not: "archived" } },
      data: { status: "archived", archivedAt: new Date() },
    });
    if (n.count === 1) await announceCampaignChange(tx, id);
    return tx.buyerCampaign.findUniqueOrThrow({ where: { id } });
  });
  return serializeCampaign(row);
}
