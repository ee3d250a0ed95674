// Page-level access: every dashboard page resolves the signed-in user here first.
import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "./session";
import type { Role } from "./types";
import { notYours, type Owner } from "./ownership";
import { prisma } from "../db";
import { audit } from "../audit";
import { logger } from "../log";
import { clientIp } from "../request-context";
import { PATH_HEADER } from "../queries/access-path";

export type PageUser = NonNullable<Awaited<ReturnType<typeof getSessionUser>>>;

/**
 * The session user when their role may see the page. No session → the login page, which
 * returns here afterwards. A signed-in user of another role goes to their own dashboard:
 * sending them to /login would bounce straight back (the login page forwards signed-in users).
 */
export async function requirePageUser(roles: Role[], next: string): Promise<PageUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (!roles.includes(user.role) && user.role !== "admin") redirect(`/${user.role}`);
  return user;
}

/**
 * For an area's layout (/admin, /buyer, /seller): the role is checked before the layout renders
 * anything, so a buyer opening /admin gets a redirect, never a glimpse of the admin menu. Pages
 * still check for themselves (a layout is not re-run on client-side navigation within its area).
 */
export async function requireAreaUser(area: Role): Promise<PageUser> {
  const path = (await headers()).get(PATH_HEADER);
  const here = path?.startsWith(`/${area}`) ? path : `/${area}`;
  return requirePageUser([area], here);
}

function withQuery(path: string, sp: Record<string, string | undefined>): string {
  const q = new URLSearchParams(
    Object.entries(sp).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  return q.size ? `${path}?${q}` : path;
}

/** The buyer whose dashboard this is: a buyer's own account, or for an admin `?buyerId=` (default: the first buyer). */
export async function buyerPage(path: string, sp: Record<string, string | undefined>) {
  const user = await requirePageUser(["buyer"], withQuery(path, sp));
  let buyerId = user.buyerId;
  if (user.role === "admin") {
    const asked = Number(sp.buyerId);
    buyerId =
      Number.isInteger(asked) && asked > 0
        ? asked
        : ((await prisma.buyer.findFirst({ orderBy: { id: "asc" }, select: { id: true } }))?.id ?? null);
  }
  if (!buyerId) notFound();
  const buyer = await prisma.buyer.findUnique({
    where: { id: buyerId },
    select: { id: true, companyName: true, balance: true, creditLimit: true, status: true },
  });
  if (!buyer) notFound();
  return { user, buyer, buyerId };
}

/** The seller whose dashboard this is: a seller's own account, or for an admin `?sellerId=`. */
export async function sellerPage(path: string, sp: Record<string, string | undefined>) {
  const user = await requirePageUser(["seller"], withQuery(path, sp));
  let sellerId = user.sellerId;
  if (user.role === "admin") {
    const asked = Number(sp.sellerId);
    sellerId =
      Number.isInteger(asked) && asked > 0
        ? asked
        : ((await prisma.seller.findFirst({ orderBy: { id: "asc" }, select: { id: true } }))?.id ?? null);
  }
  if (!sellerId) notFound();
  const seller = await prisma.seller.findUnique({
    where: { id: sellerId },
    select: { id: true, companyName: true, balance: true, status: true },
  });
  if (!seller) notFound();
  return { user, seller, sellerId };
}

export async function adminPage(path: string, sp: Record<string, string | undefined> = {}) {
  return requirePageUser(["admin"], withQuery(path, sp));
}

/** "?buyerId=3" for an admin viewing someone else's dashboard, "" otherwise (links keep the view). */
export function viewAs(user: PageUser, key: "buyerId" | "sellerId", id: number): string {
  return user.role === "admin" ? `${key}=${id}` : "";
}

/**
 * A dashboard page asked for an object its user may not see. As in the API, another account's
 * object answers exactly like a missing one (the 404 page) and the attempt is audit-logged
 * (`authz.denied`, the same entry notYours gives a route, with `via: "page"`). `owner` is the
 * object's owning accounts when it exists, null when it does not (nothing to log). Admins viewing
 * an account's dashboard are refused nothing, so nothing is logged for them.
 */
export async function recordPageDenial(
  user: PageUser,
  at: { path: string; headers: Pick<Headers, "get"> },
  what: string,
  id: string,
  owner: Owner | null,
): Promise<void> {
  if (!owner || user.role === "admin") return;
  const entry = notYours(user, what, id, owner).auditEntry;
  if (!entry) return;
  try {
    await audit({
      ...entry,
      ip: clientIp(at),
      details: { ...entry.details, method: "GET", path: at.path, status: 404, via: "page" },
    });
  } catch (e) {
    logger.error({ err: e }, "audit: could not record a page's authorization failure");
  }
}

/** The 404 page for an object this page's user may not see; another account's is audit-logged. */
export async function pageNotFound(
  user: PageUser,
  path: string,
  what: string,
  id: string,
  owner: Owner | null,
): Promise<never> {
  await recordPageDenial(user, { path, headers: await headers() }, what, id, owner);
  notFound();
}
