// Listings answer the documented bare JSON array; the next page is announced in headers
// (X-Next-Cursor and an RFC 8288 Link), so the body shape stays exactly as documented.
import { NextResponse } from "next/server";
import { decodeCursor, type Cursor } from "../validation/fields";

export function pageResponse(req: Request, page: { items: unknown[]; nextCursor: string | null }): NextResponse {
  const headers: Record<string, string> = {};
  if (page.nextCursor) {
    const next = new URL(req.url);
    next.searchParams.delete("offset");
    next.searchParams.set("cursor", page.nextCursor);
    headers["X-Next-Cursor"] = page.nextCursor;
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return NextResponse.json(page.items, { headers });
}

export const EXPORT_BATCH = 1000;

/**
 * Every page of a keyset listing as a batch source for a streamed export. The first page is read
 * before the response starts, so an authorization or scope error is still an ordinary 4xx; later
 * pages are read one at a time as the client consumes the stream.
 */
export async function keysetBatches<T>(
  fetchPage: (cursor: Cursor | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<() => Promise<T[]>> {
  let first: T[] | null = null;
  const head = await fetchPage(undefined);
  first = head.items;
  let cursor = head.nextCursor;
  return async () => {
    if (first) {
      const items = first;
      first = null;
      return items;
    }
    if (!cursor) return [];
    const next = await fetchPage(decodeCursor(cursor) ?? undefined);
    cursor = next.nextCursor;
    return next.items;
  };
}
