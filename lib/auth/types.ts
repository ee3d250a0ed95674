// Who is calling, as plain types: no imports, so any module (audit, errors, api-keys) can name a
// Caller without importing the code that resolves one.

export type Role = "admin" | "buyer" | "seller";

/** The caller of an API request: a dashboard session (next-auth JWT cookie) or an API key. */
export type Caller = {
  via: "session" | "api_key";
  userId: string | null;
  username: string | null;
  role: Role;
  buyerId: number | null;
  sellerId: number | null;
  apiKeyId: string | null;
};

export type PublicUser = { id: string; username: string; role: Role; fullName: string; email: string };

/** The signed-in dashboard user, re-read from the database on each request. */
export type SessionUser = PublicUser & {
  buyerId: number | null;
  sellerId: number | null;
  /** User.sessionVersion when the session was issued (absent: 0, the column's default). */
  sessionVersion?: number;
};
