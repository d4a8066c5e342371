// What a probe must leave as it was: a digest of every row of every table, so a test can
// assert that a rejected request changed nothing in the database.
import type pg from 'pg';

/** Tables that change by themselves while the app runs (not because of a request). */
const SELF_CHANGING = new Set(['migrations']);

/** Table name → md5 of its rows in a fixed order ('' for an empty table). */
export async function databaseFingerprint(db: pg.Pool, except: string[] = []): Promise<Record<string, string>> {
  const skip = new Set([...SELF_CHANGING, ...except]);
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    if (skip.has(name)) continue;
    const { rows: [{ digest }] } = await db.query<{ digest: string | null }>(
      `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${name}" t`,
    );
    fingerprint[name] = digest ?? '';
  }
  return fingerprint;
}
