// Raw SQL for the hot path (ping, ingest, settle). A profile under ping load showed 41% of the CPU
// in the ORM's query building and 15% in garbage collection; the few statements every lead runs
// go straight to the driver instead: pg's pool on PostgreSQL (named prepared statements, so the
// server parses and plans each once per connection), or the embedded PGlite handle. Everything
// else keeps using Prisma. Parameters are always bound, never interpolated.
import { env } from "./env";
import { getPglite, getPool } from "./db";

export type SqlStatement = {
  /** A stable name: on PostgreSQL the statement is prepared once per connection under it. */
  name: string;
  text: string;
};

/** Runs one statement and returns its rows. JSON parameters should be passed as strings with a ::jsonb cast. */
export async function sql<T = Record<string, unknown>>(stmt: SqlStatement, values: unknown[] = []): Promise<T[]> {
  if (env.DATABASE_URL) {
    const res = await getPool().query({ name: stmt.name, text: stmt.text, values });
    return res.rows as T[];
  }
  const res = await getPglite().query<T>(stmt.text, values);
  return res.rows;
}

/** A statement definition; the name must be unique per text (PostgreSQL keeps one plan per name). */
export function statement(name: string, text: string): SqlStatement {
  return { name, text };
}
