// Listings answer the documented bare JSON array; the next page is announced in headers
// (X-Next-Cursor and an RFC 8288 Link), so the body shape stays exactly as documented.
import { NextResponse } from "next/server";

export function pageResponse(req: Request, page: { items: unknown[]; nextCursor: string | null }): NextResponse {
  const headers: Record<string, string> = {};
  if (page.nextCursor) {
    const next = new URL(req.url);
    next.searchParams.delete("offset");
    next.searchParams.set("cursor", page.nextCursor);
    headers["X-Next-Cursor"] = page.nextCursor;
    headers["Link"] = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return NextResponse.json(page.items, { headers });
}
