// Verticals and intake lists, managed by admins. Every change is audited and
// announced to every app instance (the same NOTIFY campaign edits use), inside the transaction that
// makes it, so each instance's campaign index reloads the verticals' rules at once.
// What leads refer to is archived, never deleted; a vertical's key is never reused.
import "server-only";
import { prisma, type Tx } from "./db";
import { audit } from "./audit";
import { ApiError } from "./api/errors";
import { announceCampaignChange } from "./campaign-events";
import { Prisma } from "./generated/prisma/client";
import { ruleToColumns, serializeRule } from "./pipeline/payout";
import { denied, owns, type Viewer } from "./auth/ownership";
import type { Caller } from "./auth/types";
import type {
  CreateIntakeListBody,
  CreateVerticalBody,
  UpdateIntakeListBody,
  UpdateVerticalBody,
} from "./validation/catalog";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const changed = (b: Record<string, unknown>) => Object.keys(b).filter((k) => b[k] !== undefined);
const listStatus = (s: "active" | "paused" | undefined) =>
  s === undefined ? undefined : s === "paused" ? ("suspended" as const) : ("active" as const);

async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const out = await fn(tx);
    await announceCampaignChange(tx); // delivered on COMMIT: every instance drops its index
    return out;
  });
}

// ---------- verticals ----------

export const verticalInclude = { _count: { select: { intakeLists: true, campaigns: true } } } as const;

export async function createVertical(caller: Caller, body: CreateVerticalBody, ip?: string) {
  try {
    return await write(async (tx) => {
      const v = await tx.vertical.create({ data: body, include: verticalInclude });
      await audit(
        { action: "vertical.created", caller, targetType: "vertical", targetId: v.key, ip, details: { ...body } },
        tx,
      );
      return v;
    });
  } catch (e) {
    // The key is the primary key: an existing (or archived) vertical keeps it forever.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new ApiError("conflict", `The vertical key ${body.key} is taken (keys are never reused)`, [
        { field: "key", issue: "already in use" },
      ]);
    }
    throw e;
  }
}

export function listVerticals(q: { includeArchived?: boolean }) {
  return prisma.vertical.findMany({
    where: q.includeArchived ? {} : { archivedAt: null },
    orderBy: { key: "asc" },
    include: verticalInclude,
  });
}

export async function getVertical(key: string) {
  const v = await prisma.vertical.findUnique({ where: { key }, include: verticalInclude });
  if (!v) throw new ApiError("not_found", `No vertical ${key}`);
  return v;
}

export async function updateVertical(caller: Caller, key: string, body: UpdateVerticalBody, ip?: string) {
  const { archived, ...fields } = body;
  return write(async (tx) => {
    // Row lock: two admins editing sub-verticals and lists at once see each other's result.
    const rows = await tx.$queryRaw<{ key: string }[]>`SELECT "key" FROM "Vertical" WHERE "key" = ${key} FOR UPDATE`;
    if (!rows.length) throw new ApiError("not_found", `No vertical ${key}`);
    if (fields.subVerticals) {
      const used = await tx.intakeList.findMany({
        where: { vertical: key, archivedAt: null, subVertical: { notIn: fields.subVerticals } },
        select: { subVertical: true },
      });
      const orphaned = [...new Set(used.map((l) => l.subVertical).filter((s): s is string => !!s))];
      if (orphaned.length) {
        throw new ApiError("conflict", `Sub-verticals still used by intake lists: ${orphaned.join(", ")}`, [
          { field: "subVerticals", issue: `must keep ${orphaned.join(", ")}` },
        ]);
      }
    }
    if (archived) {
      const [lists, campaigns] = await Promise.all([
        tx.intakeList.count({ where: { vertical: key, archivedAt: null, status: "active" } }),
        tx.buyerCampaign.count({ where: { vertical: key, status: "active" } }),
      ]);
      if (lists || campaigns) {
        throw new ApiError(
          "conflict",
          `Vertical ${key} still has ${lists} active intake lists and ${campaigns} active campaigns; pause or archive them first`,
          [{ field: "archived", issue: "the vertical is in use" }],
        );
      }
    }
    const v = await tx.vertical.update({
      where: { key },
      data: { ...fields, ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }) },
      include: verticalInclude,
    });
    await audit(
      {
        action: archived ? "vertical.archived" : "vertical.updated",
        caller,
        targetType: "vertical",
        targetId: key,
        ip,
        details: { changed: changed(body), ...body },
      },
      tx,
    );
    return v;
  });
}

// ---------- intake lists ----------

export const listInclude = {
  seller: {
    select: {
      id: true,
      companyName: true,
      payoutKind: true,
      payoutAmount: true,
      payoutShareBps: true,
      payoutAllowLoss: true,
    },
  },
  verticalRef: { select: { key: true, name: true, requiredFields: true, subVerticals: true } },
  _count: { select: { leads: true } },
} as const;

async function checkVertical(tx: Tx, key: string, subVertical: string | null | undefined) {
  const v = await tx.vertical.findUnique({ where: { key } });
  if (!v || v.archivedAt)
    throw new ApiError("validation_failed", `No vertical ${key}`, [
      { field: "vertical", issue: "no such vertical (or it is archived)" },
    ]);
  if (subVertical && !v.subVerticals.includes(subVertical)) {
    throw new ApiError("validation_failed", `${subVertical} is not a sub-vertical of ${key}`, [
      {
        field: "subVertical",
        issue: v.subVerticals.length ? `one of ${v.subVerticals.join(", ")}` : `${key} has no sub-verticals`,
      },
    ]);
  }
}

function auditDetails(body: Record<string, unknown>) {
  const { payoutRule, ...rest } = body as { payoutRule?: Parameters<typeof serializeRule>[0] };
  return {
    changed: changed(body),
    ...rest,
    ...(payoutRule !== undefined ? { payoutRule: serializeRule(payoutRule) } : {}),
  };
}

export async function createIntakeList(caller: Caller, body: CreateIntakeListBody, ip?: string) {
  return write(async (tx) => {
    const seller = await tx.seller.findUnique({ where: { id: body.sellerId }, select: { id: true } });
    if (!seller)
      throw new ApiError("validation_failed", `No seller with id ${body.sellerId}`, [
        { field: "sellerId", issue: "no seller with this id" },
      ]);
    await checkVertical(tx, body.vertical, body.subVertical);
    const list = await tx.intakeList.create({
      data: {
        sellerId: body.sellerId,
        name: body.name,
        vertical: body.vertical,
        subVertical: body.subVertical ?? null,
        acceptedStates: body.acceptedStates ?? [],
        requiredFields: body.requiredFields ?? [],
        checks: body.checks ?? [],
        requireTrustedForm: body.requireTrustedForm ?? false,
        status: listStatus(body.status) ?? "active",
        ...ruleToColumns(body.payoutRule ?? null),
      },
      include: listInclude,
    });
    await audit(
      {
        action: "intake_list.created",
        caller,
        targetType: "intake_list",
        targetId: list.id,
        ip,
        details: auditDetails(body),
      },
      tx,
    );
    return list;
  });
}

export function listIntakeLists(q: {
  sellerId?: number;
  vertical?: string;
  status?: "active" | "paused";
  includeArchived?: boolean;
}) {
  return prisma.intakeList.findMany({
    where: {
      ...(q.sellerId !== undefined ? { sellerId: q.sellerId } : {}),
      ...(q.vertical ? { vertical: q.vertical } : {}),
      ...(q.status ? { status: listStatus(q.status) } : {}),
      ...(q.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: listInclude,
  });
}

/** One list; a seller sees only its own (another seller's list is as unknown as a missing one). */
export async function getIntakeList(id: string, viewer?: Viewer) {
  const list = UUID_RE.test(id) ? await prisma.intakeList.findUnique({ where: { id }, include: listInclude }) : null;
  const missing = () => new ApiError("not_found", `No intake list ${id}`);
  if (!list) throw missing();
  if (viewer && !owns(viewer, list)) {
    throw denied("not_found", `No intake list ${id}`, viewer, {
      reason: "not_owner",
      what: "intake list",
      id,
      ownerSellerId: list.sellerId,
    });
  }
  if (viewer && viewer.role !== "admin" && list.archivedAt) throw missing();
  return list;
}

export async function updateIntakeList(caller: Caller, id: string, body: UpdateIntakeListBody, ip?: string) {
  const { archived, payoutRule, status, ...fields } = body;
  return write(async (tx) => {
    const rows = UUID_RE.test(id)
      ? await tx.$queryRaw<
          { vertical: string }[]
        >`SELECT "vertical" FROM "IntakeList" WHERE "id" = ${id}::uuid FOR UPDATE`
      : [];
    if (!rows.length) throw new ApiError("not_found", `No intake list ${id}`);
    if (fields.subVertical) await checkVertical(tx, rows[0].vertical, fields.subVertical);
    const list = await tx.intakeList.update({
      where: { id },
      data: {
        ...fields,
        ...(status !== undefined ? { status: listStatus(status) } : {}),
        ...(payoutRule !== undefined ? ruleToColumns(payoutRule) : {}),
        ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }),
      },
      include: listInclude,
    });
    await audit(
      {
        action: archived ? "intake_list.archived" : "intake_list.updated",
        caller,
        targetType: "intake_list",
        targetId: id,
        ip,
        details: auditDetails(body),
      },
      tx,
    );
    return list;
  });
}
