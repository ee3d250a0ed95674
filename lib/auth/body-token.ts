// An API key sent in the request body (the compliance endpoint's documented `token` field, and
// the platform API's ingest and ping bodies), in any of its spellings. One list, used both to
// authenticate (bodyToken) and to keep the key out of what is validated or stored.

/** Body field names that carry a key, lower-cased without separators: token, Token, TOKEN, api_key, apiKey, API-KEY, access_token, … */
const TOKEN_FIELDS = new Set(["token", "apikey", "apitoken", "accesstoken", "authtoken"]);

/** Whether a body field carries the caller's key. */
export function isTokenField(name: string): boolean {
  return TOKEN_FIELDS.has(name.toLowerCase().replace(/[_\-\s.]/g, ""));
}

/**
 * The key in a JSON/form body, or null. Routes that accept it read the body first and pass this
 * to requireCaller: `requireCaller(req, ["seller"], bodyToken(body))` (or use requireCallerWithBody).
 */
export function bodyToken(body: unknown): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (isTokenField(k) && typeof v === "string" && v.trim()) return v.trim();
  }
  return null;
}

/** The body without its key fields, for strict schemas that must not see (or store) the key. */
export function withoutBodyToken<T extends Record<string, unknown>>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !isTokenField(k))) as T;
}
