// Loads a network (synthetic or the demo) into PostgreSQL with COPY, in one transaction:
// either all of it lands or none. Ids are derived from (namespace, key), so the same seed
// gives the same ids.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Role } from '../../common/enums.js';
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

/** One field in PostgreSQL's COPY text format. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function copy<T>(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: string[],
  items: Iterable<T>,
  toRows: (item: T) => (string | number | boolean | null)[][],
  progress?: Progress,
): Promise<number> {
  let done = 0;
  function* lines(): Generator<string> {
    let batch = '';
    for (const item of items) {
      for (const row of toRows(item)) batch += row.map(field).join('\t') + '\n';
      done += 1;
      if (batch.length > 65_536) {
        yield batch;
        batch = '';
        progress?.(table, done);
      }
    }
    if (batch) yield batch;
    progress?.(table, done);
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return done;
}

export async function loadNetwork(client: pg.PoolClient | pg.Client, source: NetworkSource, progress?: Progress): Promise<void> {
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM discipline');
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
    await copy(client, 'account', ['id', 'email', 'roles', 'locale', 'opted_in', 'digest_frequency', 'max_introductions_per_digest', 'created_at'],
      source.professionals(), (p) => [[personId(p.key), p.email, `{${Role.PROFESSIONAL}}`, p.locale, p.optedIn, p.frequency, 3, createdAt(p.key, source.professionalCount)]], progress);
    await copy(client, 'professional', ['id', 'name', 'headline', 'bio', 'organisation', 'sector', 'municipality_code', 'scope', 'available_hours_per_month', 'created_at'],
      source.professionals(), (p) => [[personId(p.key), p.name, p.headline, p.bio, p.organisation, p.sector, p.municipalityCode, p.scope, p.availableHoursPerMonth, createdAt(p.key, source.professionalCount)]], progress);
    await copy(client, 'professional_offer', ['professional_id', 'discipline_id', 'level'],
      source.professionals(), (p) => p.offers.map((o) => [personId(p.key), slugId(o.slug), o.level]), progress);
    await copy(client, 'professional_seek', ['professional_id', 'discipline_id'],
      source.professionals(), (p) => [...new Set(p.seeks)].map((slug) => [personId(p.key), slugId(slug)]), progress);
    await copy(client, 'initiative', ['id', 'title', 'summary', 'description', 'lessons_learned', 'status', 'municipality_code', 'created_at'],
      source.initiatives(), (i) => [[initiativeId(i.key), i.title, i.summary, i.description, i.lessonsLearned, i.status, i.municipalityCode, createdAt(i.key, source.initiativeCount)]], progress);
    await copy(client, 'initiative_initiator', ['initiative_id', 'professional_id'],
      source.initiatives(), (i) => [...new Set(i.initiatorKeys)].map((k) => [initiativeId(i.key), personId(k)]), progress);
    await copy(client, 'initiative_theme', ['initiative_id', 'discipline_id'],
      source.initiatives(), (i) => [...new Set(i.themes)].map((slug) => [initiativeId(i.key), slugId(slug)]), progress);
    await copy(client, 'expertise_need', ['id', 'initiative_id', 'discipline_id', 'level', 'hours_per_month', 'fulfilled', 'created_at'],
      source.initiatives(), (i) => i.needs.map((n, index) => [stableUuid(`${source.namespace}:need:${i.key}:${index}`), initiativeId(i.key), slugId(n.slug), n.level, n.hoursPerMonth, n.fulfilled, createdAt(i.key, source.initiativeCount)]), progress);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('ANALYZE');
}

/** Deletes every professional and initiative (reference data and rules stay). */
export async function resetNetwork(client: pg.PoolClient | pg.Client): Promise<void> {
  await client.query('TRUNCATE account, professional, professional_offer, professional_seek, initiative, initiative_initiator, initiative_theme, expertise_need, sign_in_token');
}
