// Loads a network (synthetic or the demo) into PostgreSQL in bulk, in one transaction:
// either all of it lands or none. Ids are derived from (namespace, key), so the same seed
// gives the same ids.
import { createHash } from 'node:crypto';
import type { NetworkInitiative, NetworkProfessional } from './network.types.js';

export interface NetworkSource {
  /** Distinguishes the ids of different networks (e.g. "synthetic:42", "demo"). */
  namespace: string;
  professionals: () => Iterable<NetworkProfessional>;
  initiatives: () => Iterable<NetworkInitiative>;
  professionalCount: number;
  initiativeCount: number;
}

/** Called as a table fills: how many of the network's items (people or initiatives) are in. */
export type Progress = (table: string, itemsDone: number) => void;

/** A UUID (version 8, "custom") derived from a name: stable across runs. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Value = string | number | boolean | null;

/** A column and the PostgreSQL array type its values are sent as. */
type Column = [name: string, type: string];

const BATCH_ROWS = 5_000;

/**
 * Inserts rows in batches of INSERT … SELECT FROM unnest($1::type[], …): one statement per
 * 5,000 rows, and it works on PostgreSQL and on the embedded PGlite alike (whose socket
 * server does not speak the COPY sub-protocol).
 */
async function insertAll<T>(
  client: Queryable,
  table: string,
  columns: Column[],
  items: Iterable<T>,
  toRows: (item: T) => Value[][],
  progress?: Progress,
): Promise<number> {
  const sql = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
    SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;
  let batch: Value[][] = columns.map(() => []);
  let rows = 0;
  let done = 0;
  const flush = async (): Promise<void> => {
    if (rows === 0) return;
    await client.query(sql, batch);
    batch = columns.map(() => []);
    rows = 0;
    progress?.(table, done);
  };
  for (const item of items) {
    for (const row of toRows(item)) {
      row.forEach((value, i) => batch[i].push(value));
      rows += 1;
    }
    done += 1;
    if (rows >= BATCH_ROWS) await flush();
  }
  await flush();
  progress?.(table, done);
  return done;
}

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function loadNetwork(client: Queryable, source: NetworkSource, progress?: Progress): Promise<void> {
  const { rows } = (await client.query('SELECT id, slug FROM discipline')) as { rows: { id: number; slug: string }[] };
  const disciplineId = new Map(rows.map((r) => [r.slug, r.id]));
  const slugId = (slug: string): number => {
    const id = disciplineId.get(slug);
    if (id === undefined) throw new Error(`The network uses an unknown discipline "${slug}"`);
    return id;
  };
  const personId = (key: number): string => stableUuid(`${source.namespace}:professional:${key}`);
  const initiativeId = (key: number): string => stableUuid(`${source.namespace}:initiative:${key}`);
  // Spread creation over the five years before 2026 so lists have a meaningful order.
  const createdAt = (key: number, count: number): string =>
    new Date(Date.UTC(2021, 0, 1) + Math.floor(((key + 1) / (count + 1)) * 5 * 365 * 86_400_000)).toISOString();

  await client.query('BEGIN');
  try {
    await insertAll(client, 'account', [['id', 'uuid'], ['email', 'text'], ['locale', 'text'], ['opted_in', 'bool'], ['digest_frequency', 'digest_frequency'], ['max_introductions_per_digest', 'int'], ['created_at', 'timestamptz'], ['last_sign_in_at', 'timestamptz']],
      // Seeded people have signed in once, when they registered: matching only considers confirmed addresses.
      source.professionals(), (p) => [[personId(p.key), p.email, p.locale, p.optedIn, p.frequency, 3, createdAt(p.key, source.professionalCount), createdAt(p.key, source.professionalCount)]], progress);
    await insertAll(client, 'professional', [['id', 'uuid'], ['name', 'text'], ['headline', 'text'], ['bio', 'text'], ['organisation', 'text'], ['sector', 'sector'], ['municipality_code', 'text'], ['scope', 'region_scope'], ['available_hours_per_month', 'int'], ['created_at', 'timestamptz']],
      source.professionals(), (p) => [[personId(p.key), p.name, p.headline, p.bio, p.organisation, p.sector, p.municipalityCode, p.scope, p.availableHoursPerMonth, createdAt(p.key, source.professionalCount)]], progress);
    await insertAll(client, 'professional_offer', [['professional_id', 'uuid'], ['discipline_id', 'int'], ['level', 'expertise_level']],
      source.professionals(), (p) => p.offers.map((o) => [personId(p.key), slugId(o.slug), o.level]), progress);
    await insertAll(client, 'professional_seek', [['professional_id', 'uuid'], ['discipline_id', 'int']],
      source.professionals(), (p) => [...new Set(p.seeks)].map((slug) => [personId(p.key), slugId(slug)]), progress);
    await insertAll(client, 'initiative', [['id', 'uuid'], ['title', 'text'], ['summary', 'text'], ['description', 'text'], ['lessons_learned', 'text'], ['status', 'initiative_status'], ['municipality_code', 'text'], ['created_at', 'timestamptz']],
      source.initiatives(), (i) => [[initiativeId(i.key), i.title, i.summary, i.description, i.lessonsLearned, i.status, i.municipalityCode, createdAt(i.key, source.initiativeCount)]], progress);
    await insertAll(client, 'initiative_initiator', [['initiative_id', 'uuid'], ['professional_id', 'uuid']],
      source.initiatives(), (i) => [...new Set(i.initiatorKeys)].map((k) => [initiativeId(i.key), personId(k)]), progress);
    await insertAll(client, 'initiative_theme', [['initiative_id', 'uuid'], ['discipline_id', 'int']],
      source.initiatives(), (i) => [...new Set(i.themes)].map((slug) => [initiativeId(i.key), slugId(slug)]), progress);
    await insertAll(client, 'expertise_need', [['id', 'uuid'], ['initiative_id', 'uuid'], ['discipline_id', 'int'], ['level', 'expertise_level'], ['hours_per_month', 'int'], ['fulfilled', 'bool'], ['created_at', 'timestamptz']],
      source.initiatives(), (i) => i.needs.map((n, index) => [stableUuid(`${source.namespace}:need:${i.key}:${index}`), initiativeId(i.key), slugId(n.slug), n.level, n.hoursPerMonth, n.fulfilled, createdAt(i.key, source.initiativeCount)]), progress);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('ANALYZE');
}

/**
 * Deletes every professional and initiative (reference data stays). DELETE, not TRUNCATE:
 * the row triggers must see it, so that running API processes drop these people from their
 * search index (see search/expert-index.sync.ts).
 */
export async function resetNetwork(client: Queryable): Promise<void> {
  await client.query('DELETE FROM initiative');
  await client.query('DELETE FROM account'); // cascades to profiles, offers, seeks and sign-in tokens
}
