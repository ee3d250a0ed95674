// Lead listings and the lead detail for buyers (their purchases), sellers (their submissions)
// and admins. Callable from route handlers and server components: (viewer, filters).
import "server-only";
import { prisma, type Db, type Tx } from "../db";
import { ApiError } from "../api/errors";
import type { Prisma } from "../generated/prisma/client";
import { notFound, scopeBuyerId, scopeSellerId, type Viewer } from "../ownership";
import { serializeLeadDetail, serializeLeadListItem, type LeadView } from "../serializers/lead";
import { DEFAULT_LIMIT, encodeCursor } from "../validation/fields";
import type { LeadListQuery } from "../validation/lead-query";

export type Page<T> = { items: T[]; nextCursor: string | null };

function viewFor(viewer: Viewer, buyerId: number | undefined, sellerId: number | undefined): LeadView {
  if (buyerId !== undefined) return "buyer";
  if (sellerId !== undefined) return "seller";
  if (viewer.role === "admin") return "admin";
  // A buyer/seller login without an account id is a data error; show nothing rather than everything.
  throw new ApiError("forbidden", "Your login is not linked to a buyer or seller account");
}

export async function listLeads(viewer: Viewer, q: LeadListQuery, db: Db | Tx = prisma) {
  const buyerId = scopeBuyerId(viewer, q.buyerId);
  const sellerId = scopeSellerId(viewer, q.sellerId);
  const view = viewFor(viewer, buyerId, sellerId);
  const limit = q.limit ?? DEFAULT_LIMIT;

  const and: Prisma.LeadWhereInput[] = [];
  if (buyerId !== undefined) {
    and.push({ sales: { some: { buyerId } } });
    // For a buyer, sold/returned describe its own purchase, not the shared lead.
    if (q.status === "sold") and.push({ sales: { some: { buyerId, status: "sold" } } });
    else if (q.status === "returned") and.push({ sales: { none: { buyerId, status: { not: "returned" } } } });
    else if (q.status) and.push({ status: q.status });
  } else if (q.status) {
    and.push({ status: q.status });
  }
  if (sellerId !== undefined) and.push({ sellerId });
  if (q.vertical) and.push({ vertical: q.vertical });
  if (q.from || q.to) and.push({ createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } });
  if (q.cursor) {
    const c = q.cursor;
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }

  const rows = await db.lead.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    skip: q.offset ?? 0,
    select: {
      id: true,
      vertical: true,
      status: true,
      consumerName: true,
      consumerState: true,
      consumerZip: true,
      revenue: true,
      cost: true,
      margin: true,
      qualityScore: true,
      rejectionReasons: true,
      sellerId: true,
      buyerId: true,
      createdAt: true,
      sales: buyerId !== undefined ? { where: { buyerId }, select: { price: true, status: true } } : false,
    },
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((l) => serializeLeadListItem(view, l, "sales" in l ? (l.sales as { price: Prisma.Decimal; status: "sold" | "returned" | "pending" }[]) : [])),
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

/** The full lead for whoever may see it; anyone else gets 404 (not 403: they must not learn it exists). */
export async function getLead(viewer: Viewer, id: number, db: Db | Tx = prisma, now = new Date()) {
  const lead = await db.lead.findUnique({ where: { id } });
  if (!lead) throw notFound("lead", id);
  let view: LeadView;
  let saleFilter: Prisma.LeadSaleWhereInput;
  if (viewer.role === "admin") {
    view = "admin";
    saleFilter = { leadId: id };
  } else if (viewer.role === "buyer" && viewer.buyerId != null) {
    view = "buyer";
    saleFilter = { leadId: id, buyerId: viewer.buyerId };
  } else if (viewer.role === "seller" && viewer.sellerId != null && lead.sellerId === viewer.sellerId) {
    return serializeLeadDetail("seller", lead, [], [], now);
  } else {
    throw notFound("lead", id);
  }
  const sales = await db.leadSale.findMany({
    where: saleFilter,
    orderBy: { id: "asc" },
    include: { campaign: { select: { name: true } }, leadReturn: true },
  });
  if (view === "buyer" && sales.length === 0) throw notFound("lead", id);
  const deliveries = await db.delivery.findMany({
    where: view === "admin" ? { leadId: id } : { leadId: id, buyerId: viewer.buyerId! },
    orderBy: { id: "asc" },
    include: { attemptsLog: true },
  });
  return serializeLeadDetail(view, lead, sales, deliveries, now);
}
