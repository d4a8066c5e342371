// The search index in its worker thread (src/search/expert-index.remote.ts), from the build: the
// thread's entry is a compiled file beside it. Compared with the same index in-process.
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/database/reference-data.js';
import type { DocRow } from '../src/search/expert-doc-row.js';
import type { ExpertIndex as ExpertIndexType, ExpertQuery, Place } from '../src/search/expert-index.js';
import type { RemoteExpertIndex as RemoteType } from '../src/search/expert-index.remote.js';

const dist = (file: string): string => pathToFileURL(join(projectRoot(), 'dist', 'src', 'search', file)).href;
const { RemoteExpertIndex } = (await import(dist('expert-index.remote.js'))) as { RemoteExpertIndex: typeof RemoteType };
const { ExpertIndex } = (await import(dist('expert-index.js'))) as { ExpertIndex: typeof ExpertIndexType };
const { toDoc } = (await import(dist('expert-doc-row.js'))) as { toDoc: typeof import('../src/search/expert-doc-row.js').toDoc };

const PLACES: Place[] = [
  { code: 'GM0001', provinceCode: 'PV20', latitude: 53.2, longitude: 6.6 },
  { code: 'GM0002', provinceCode: 'PV20', latitude: 53.1, longitude: 6.9 },
  { code: 'GM0003', provinceCode: 'PV29', latitude: 51.4, longitude: 3.6 },
];
const LEVELS = ['BASIC', 'EXPERIENCED', 'EXPERT'];
const WORDS = ['wijk', 'zorg', 'energie', 'subsidi', 'groen'];

function rows(count: number, seed: number): DocRow[] {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, i) => ({
    id: `${String(i).padStart(8, '0')}-0000-4000-8000-${String(seed).padStart(12, '0')}`,
    name: `Person ${i}`,
    headline: random() < 0.5 ? `Headline ${i}` : null,
    bio: null,
    organisation: null,
    sector: pick(['GOVERNMENT', 'SCIENCE', 'CITIZEN']),
    scope: pick(['LOCAL', 'REGIONAL', 'NATIONAL']),
    municipalityCode: random() < 0.9 ? pick(PLACES).code : null,
    availableHoursPerMonth: random() < 0.7 ? Math.floor(random() * 30) : null,
    optedIn: random() < 0.9,
    offers: [...new Set([1 + Math.floor(random() * 4), 1 + Math.floor(random() * 4)])].map((d) => `${d}:${pick(LEVELS)}`),
    lexemes: [...new Set([pick(WORDS), pick(WORDS)])].map((w) => `${w}:${pick(['A', 'B', 'D'])}`),
  }));
}

function query(fields: Partial<ExpertQuery>): ExpertQuery {
  return { requested: [[1]], minLevelRank: 1, sectors: null, provinceCode: null, near: null, withinKm: null, lexemes: null, excludeId: 'nobody', after: null, first: 20, ...fields };
}

const QUERIES: ExpertQuery[] = [
  query({}),
  query({ requested: [[1, 2], [3]], near: 'GM0001' }),
  query({ requested: [[2]], near: 'GM0003', withinKm: 50, minLevelRank: 2 }),
  query({ requested: [[4], [1]], provinceCode: 'PV20', sectors: new Set(['CITIZEN', 'SCIENCE']) }),
  query({ requested: [[1, 2, 3, 4]], lexemes: ['wijk'], first: 100 }),
  query({ requested: [[3]], after: { score: 0.5, id: '00000100' } }),
];

describe('the search index in its thread', () => {
  it('answers every kind of search as the index in-process does, and offering() too', async () => {
    const data = rows(3000, 7);
    const local = new ExpertIndex(PLACES);
    for (const row of data) local.upsert(toDoc(row));
    const remote = new RemoteExpertIndex(PLACES);
    try {
      await Promise.all([remote.upsert(data.slice(0, 1000)), remote.upsert(data.slice(1000))]);
      expect(remote.size).toBe(3000);
      for (const q of QUERIES) {
        const expected = local.search(q);
        const got = await remote.search(q);
        expect(got.total).toBeGreaterThan(0);
        expect(got).toEqual({ ...expected, hits: expected.hits.map((h) => ({ ...h, profile: expect.objectContaining({ ...h.profile }) })) });
      }
      const offering = await remote.offering([2, 3], new Set([data[0].id]));
      expect(offering.map((o) => o.profile.id).sort()).toEqual(local.offering([2, 3], new Set([data[0].id])).map((o) => o.profile.id).sort());
    } finally {
      await remote.close();
    }
  });

  it('answers in order: a search sent before a change sees the old state, one sent after sees the new', async () => {
    const data = rows(200, 11);
    const remote = new RemoteExpertIndex(PLACES);
    try {
      await remote.upsert(data);
      const everyone = query({ requested: [[1, 2, 3, 4]], first: 100 });
      const before = remote.search(everyone);
      const removing = remote.remove([data[0].id, data[1].id, 'not-there']);
      const renamed = { ...data[2], name: 'Renamed', optedIn: true };
      const updating = remote.upsert([renamed]);
      const after = remote.search(everyone);
      const [b, , , a] = await Promise.all([before, removing, updating, after]);
      expect(a.total).toBe(b.total - [data[0], data[1]].filter((r) => r.optedIn).length + (data[2].optedIn ? 0 : 1));
      const names = (r: typeof a): string[] => r.hits.map((h) => h.profile.name);
      expect(names(a)).not.toContain('Person 0');
      expect(names(a)).toContain('Renamed');
      expect(b.hits.every((h) => h.profile !== undefined && h.profile !== null)).toBe(true);
      expect(remote.size).toBe(198);
    } finally {
      await remote.close();
    }
  });

  it('fails every waiting and later request once the thread dies (here: out of memory), and says so', async () => {
    const remote = new RemoteExpertIndex(PLACES, 8);
    const loading = Promise.all(Array.from({ length: 20 }, (_, i) => remote.upsert(rows(5000, 100 + i))));
    await expect(loading).rejects.toThrow();
    expect(remote.failed).toBe(true);
    await expect(remote.search(query({}))).rejects.toThrow();
    await remote.close();
  });

  it('ends the thread on close, after the requests already sent', async () => {
    const remote = new RemoteExpertIndex(PLACES);
    await remote.upsert(rows(100, 3));
    const search = remote.search(query({}));
    await remote.close();
    expect((await search).total).toBeGreaterThan(0);
    expect(remote.failed).toBe(true);
    await expect(remote.search(query({}))).rejects.toThrow('closed');
  });
});
