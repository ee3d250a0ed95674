// The same-origin check for cookie-authenticated writes.
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { assertSameOrigin } from "./csrf";

function failure(fn: () => unknown): { status: number; code: string; audited: boolean } | "ok" {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { status: e.status, code: e.code, audited: Boolean(e.auditEntry) };
  }
}

describe("assertSameOrigin", () => {
  const req = (h: Record<string, string>) => new Request("http://app.local:3000/api/x", { method: "POST", headers: h });
  it.each<[string, Record<string, string>, boolean, boolean]>([
    ["same origin", { origin: "http://app.local:3000" }, true, true],
    ["different port", { origin: "http://app.local:3001" }, true, false],
    ["different host", { origin: "https://evil.example" }, true, false],
    ["malformed origin", { origin: "::::" }, true, false],
    ["referer only, same", { referer: "http://app.local:3000/buyer" }, true, true],
    ["referer only, foreign", { referer: "http://evil.example/" }, true, false],
    ["nothing, header required", {}, true, false],
    ["nothing, header optional (login/logout)", {}, false, true],
    ["same-site fetch metadata", { origin: "http://app.local:3000", "sec-fetch-site": "same-site" }, true, false],
    ["same-origin fetch metadata", { origin: "http://app.local:3000", "sec-fetch-site": "same-origin" }, true, true],
  ])("%s", (_name, headers, requireHeader, allowed) => {
    const got = failure(() => assertSameOrigin(req(headers), { requireHeader }));
    expect(got === "ok").toBe(allowed);
    if (got !== "ok") expect(got).toEqual({ status: 403, code: "csrf_rejected", audited: true });
  });
});
