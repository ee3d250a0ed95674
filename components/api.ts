"use client";
// fetch() for the dashboard's own JSON API: same origin, the session cookie, and the one
// error contract ({error:{code,message,details:[{field,issue}]}}) turned into an exception.
// Callers name what a call answers with a type from lib/openapi/types (always `import type`, so
// no schema reaches the browser): api<CampaignJson>(...).
import type { ErrorJson } from "@/lib/openapi/types";

export type FieldIssue = NonNullable<ErrorJson["error"]["details"]>[number];

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
  }
  /** Issues keyed by field path ("geoTargets.states.0" also answers for "geoTargets.states"). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      const parts = d.field.split(".");
      for (let i = parts.length; i >= 1; i--) {
        const k = parts.slice(0, i).join(".");
        out[k] ??= d.issue;
      }
    }
    return out;
  }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiFailure(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    // Every error of our API carries { error: { code, message } }; the fallbacks cover what answers
    // without one (a proxy's error page, a timed-out session redirect).
    const e = (body as Partial<ErrorJson> | null)?.error;
    const fallback =
      res.status === 401 ? "Your session has ended; sign in again" : `Request failed (HTTP ${res.status})`;
    throw new ApiFailure(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? fallback,
      Array.isArray(e?.details) ? e.details : [],
    );
  }
  return body as T;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : "Something went wrong";
}
