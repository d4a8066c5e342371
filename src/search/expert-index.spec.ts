import { describe, expect, it } from '@jest/globals';
import { distanceKm } from '../regions/distance.js';
import { ExpertIndex, type ExpertDoc, type ExpertQuery, type LexemeWeight, type Place } from './expert-index.js';
import { expertScore } from './expert-score.js';
import { mulberry32 } from '../common/prng.js';

// ---------------------------------------------------------------------------------------------
// Reference: the documented semantics, by brute force over every doc (no postings, no scratch).
// ---------------------------------------------------------------------------------------------

const LEVEL: Record<number, number> = { 1: 0.5, 2: 0.75, 3: 1 };
const LEXEME: Record<LexemeWeight, number> = { A: 1, B: 0.4, C: 0.2, D: 0.1 };

interface RefHit {
  id: string;
  score: number;
  matched: number[];
  /** Unrounded; null without `near` or without a municipality. */
  distanceKm: number | null;
}

function reference(docs: readonly ExpertDoc[], places: readonly Place[], q: ExpertQuery): RefHit[] {
  const placeOf = (code: string | null): Place | null => (code === null ? null : (places.find((p) => p.code === code) ?? null));
  const near = placeOf(q.near);
  const hits: RefHit[] = [];
  for (const doc of docs) {
    // Best level weight per requested group, counting only offers at minLevelRank or above.
    const best = q.requested.map((group) =>
      Math.max(0, ...doc.offers.filter((o) => group.includes(o.disciplineId) && o.levelRank >= q.minLevelRank).map((o) => LEVEL[o.levelRank])),
    );
    const matched = best.flatMap((w, r) => (w > 0 ? [r] : []));
    // By text alone (no disciplines requested): everyone is a candidate, the text decides.
    const textOnly = q.requested.length === 0;
    if (textOnly && !q.lexemes?.length) continue;
    if (matched.length === 0 && !textOnly) continue;
    if (!doc.optedIn || doc.id === q.excludeId) continue;
    if (q.sectors && !q.sectors.has(doc.sector)) continue;
    const home = placeOf(doc.municipalityCode);
    if (q.provinceCode !== null && home?.provinceCode !== q.provinceCode) continue;
    const distance = near && home ? distanceKm(near.latitude, near.longitude, home.latitude, home.longitude) : null;
    if (q.withinKm !== null && doc.scope !== 'NATIONAL' && (distance === null || distance > q.withinKm)) continue;
    let textRank: number | undefined;
    if (q.lexemes) {
      if (!q.lexemes.every((l) => doc.lexemes.some((x) => x.lexeme === l))) continue;
      let s = 0;
      for (const l of q.lexemes) s += Math.max(...doc.lexemes.filter((x) => x.lexeme === l).map((x) => LEXEME[x.weight]));
      textRank = s / (s + 1);
    }
    let sum = 0;
    for (const w of best) sum += w;
    const score =
      Math.round(
        expertScore({
          // Text alone: the text rank is the coverage, and not counted a second time.
          coverage: textOnly ? textRank! : sum / q.requested.length,
          availableHoursPerMonth: doc.availableHoursPerMonth,
          distanceKm: near ? distance : undefined,
          textRank: textOnly ? undefined : textRank,
        }) * 1e9,
      ) / 1e9;
    hits.push({ id: doc.id, score, matched, distanceKm: distance });
  }
  return hits.sort((a, b) => (a.score !== b.score ? b.score - a.score : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Random instances.
// ---------------------------------------------------------------------------------------------



function makeDoc(fields: Partial<ExpertDoc> & Pick<ExpertDoc, 'id'>): ExpertDoc {
  return {
    name: fields.id,
    headline: null,
    bio: null,
    organisation: null,
    sector: 'GOVERNMENT',
    scope: 'REGIONAL',
    municipalityCode: null,
    availableHoursPerMonth: null,
    optedIn: true,
    offers: [],
    lexemes: [],
    ...fields,
  };
}

const SECTORS = ['GOVERNMENT', 'NONPROFIT', 'PRIVATE'];
const SCOPES = ['LOCAL', 'REGIONAL', 'NATIONAL'];
const VOCABULARY = ['water', 'zorg', 'subsidie', 'participatie', 'energie', 'wonen', 'jeugd', 'groen'];
const WEIGHT_LETTERS: LexemeWeight[] = ['A', 'B', 'C', 'D'];

interface Instance {
  places: Place[];
  docs: ExpertDoc[];
  /** Docs upserted and then replaced or removed before searching (exercises index maintenance). */
  churn: { stale: ExpertDoc[]; removed: ExpertDoc[] };
  query: Omit<ExpertQuery, 'after' | 'first'>;
}

function generate(seed: number): Instance {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const chance = (p: number): boolean => rnd() < p;

  const provinces = ['ZE', 'NH', 'GR'].slice(0, int(2, 3));
  const places: Place[] = Array.from({ length: int(1, 8) }, (_, i) => ({
    code: `GM${String(i + 1).padStart(4, '0')}`,
    provinceCode: pick(provinces),
    // Roughly the Netherlands; sometimes two places share coordinates (equal distances).
    latitude: chance(0.1) ? 52 : 50.7 + rnd() * 2.8,
    longitude: chance(0.1) ? 5 : 3.3 + rnd() * 3.9,
  }));

  // Ids mix case and digit lengths so the plain `<` order differs from a locale or numeric one;
  // some share their first 7 characters or are not ASCII (the index then compares the strings).
  const ids = new Set<string>();
  const idPool = ['a', 'B', 'b', 'Z', 'p-', 'prefix-', 'prefix-é', 'é', 'ж'];
  const randomDoc = (id: string): ExpertDoc =>
    makeDoc({
      id,
      sector: pick(SECTORS),
      scope: chance(0.3) ? 'NATIONAL' : pick(SCOPES.slice(0, 2)),
      municipalityCode: chance(0.2) ? null : pick(places).code,
      // Few distinct values, so score ties (broken by id) are common; 7.5 and -3 (which the API
      // never stores) take the index's path for hours it has no code for.
      availableHoursPerMonth: chance(0.25) ? null : pick([0, 4, 10, 20, 40, 7.5, -3]),
      optedIn: chance(0.85),
      offers: Array.from({ length: int(0, 5) }, () => ({ disciplineId: int(1, 12), levelRank: int(1, 3) })),
      lexemes: Array.from({ length: int(0, 5) }, () => ({ lexeme: pick(VOCABULARY), weight: pick(WEIGHT_LETTERS) })),
    });
  const freshId = (): string => {
    for (;;) {
      const id = `${pick(idPool)}${int(0, 120)}`;
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const docs = Array.from({ length: int(1, 60) }, () => randomDoc(freshId()));
  const stale = docs.filter(() => chance(0.2)).map((d) => randomDoc(d.id));
  const removed = Array.from({ length: int(0, 5) }, () => randomDoc(freshId()));

  const near = chance(0.5) ? pick(places).code : null;
  const query: Omit<ExpertQuery, 'after' | 'first'> = {
    requested: Array.from({ length: int(1, 3) }, () => Array.from({ length: int(1, 3) }, () => int(1, 12))),
    minLevelRank: pick([1, 1, 1, 2, 3]),
    sectors: chance(0.3) ? new Set(SECTORS.filter(() => chance(0.5))) : null,
    provinceCode: chance(0.25) ? pick(['ZE', 'NH', 'GR']) : null,
    near,
    // Mostly measured from `near`; occasionally without it (then only NATIONAL people pass).
    withinKm: chance(near ? 0.5 : 0.1) ? pick([0, 10, 25, 60, 150, 400]) : null,
    lexemes: chance(0.35) ? [...new Set(Array.from({ length: int(1, 2) }, () => pick(VOCABULARY)))] : null,
    excludeId: chance(0.3) ? pick(docs).id : 'nobody',
  };
  return { places, docs, churn: { stale, removed }, query };
}

/** `beforeChurn` runs once the stale and soon-removed docs are in, before they change. */
function build(inst: Instance, beforeChurn?: (index: ExpertIndex) => void): ExpertIndex {
  const index = new ExpertIndex(inst.places);
  // Stale versions and soon-removed docs go in first, interleaved, so final docs reuse freed slots.
  for (const d of inst.churn.stale) index.upsert(d);
  for (const d of inst.churn.removed) index.upsert(d);
  beforeChurn?.(index);
  for (const d of inst.churn.removed) index.remove(d.id);
  for (const d of inst.docs) index.upsert(d);
  return index;
}

const round1 = (km: number | null): number | null => (km === null ? null : Math.round(km * 10) / 10);

describe('ExpertIndex.search against a brute-force reference', () => {
  const SEEDS = Array.from({ length: 300 }, (_, i) => 0x5eed + i * 7919);

  /** Pages through the search on every page size from 1 to 5 and compares with the reference; returns how many it found. */
  function expectAsReference(seed: number, inst: Instance, query: Instance['query']): number {
    const index = build(inst);
    expect({ seed, size: index.size }).toEqual({ seed, size: inst.docs.length });
    const expected = reference(inst.docs, inst.places, { ...query, after: null, first: 0 });
    const want = expected.map((h) => ({ ...h, distanceKm: round1(h.distanceKm) }));
    for (let first = 1; first <= 5; first++) {
      const got: typeof want = [];
      let after: ExpertQuery['after'] = null;
      for (let page = 0; page <= expected.length; page++) {
        const result = index.search({ ...query, after, first });
        const remaining = expected.length - got.length;
        // The seed and page in every comparison, so a failure names its instance.
        expect({ seed, first, page, total: result.total, hasNextPage: result.hasNextPage, count: result.hits.length }).toEqual({
          seed,
          first,
          page,
          total: expected.length,
          hasNextPage: remaining > first,
          count: Math.min(first, remaining),
        });
        got.push(...result.hits.map((h) => ({ id: h.profile.id, score: h.score, matched: h.matched, distanceKm: h.distanceKm })));
        if (!result.hasNextPage) break;
        const last = result.hits[result.hits.length - 1];
        after = { score: last.score, id: last.profile.id };
      }
      expect({ seed, first, hits: got }).toEqual({ seed, first, hits: want });
    }
    return expected.length;
  }

  it('gives the same total, order, scores, matched and distances on 300 random instances, on every page size', () => {
    let nonEmpty = 0;
    for (const seed of SEEDS) {
      const inst = generate(seed);
      if (expectAsReference(seed, inst, inst.query) > 0) nonEmpty += 1;
    }
    // The generator must actually produce matches, or the comparison proves little.
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('searches by text alone (no disciplines requested) as the reference does, on the same instances', () => {
    let nonEmpty = 0;
    for (const seed of SEEDS) {
      const inst = generate(seed);
      const lexemes = inst.query.lexemes ?? [VOCABULARY[seed % VOCABULARY.length]];
      if (expectAsReference(seed, inst, { ...inst.query, requested: [], minLevelRank: 1, lexemes }) > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('answers as the reference when the same search already ran before people changed (merged postings stay current)', () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const inst = generate(seed);
      const index = build(inst, (early) => early.search({ ...inst.query, after: null, first: 5 }));
      const expected = reference(inst.docs, inst.places, { ...inst.query, after: null, first: 0 });
      const result = index.search({ ...inst.query, after: null, first: 1000 });
      expect({ seed, total: result.total, ids: result.hits.map((h) => h.profile.id) }).toEqual({ seed, total: expected.length, ids: expected.map((h) => h.id) });
    }
  });

  it('answers as the reference after everyone was replaced several times, with searches in between (dead posting entries)', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const inst = generate(seed);
      const index = build(inst);
      for (let round = 0; round < 3; round++) {
        index.search({ ...inst.query, after: null, first: 5 });
        for (const d of inst.docs) index.upsert(d);
      }
      const expected = reference(inst.docs, inst.places, { ...inst.query, after: null, first: 0 });
      const result = index.search({ ...inst.query, after: null, first: 1000 });
      expect({ seed, total: result.total, ids: result.hits.map((h) => h.profile.id) }).toEqual({ seed, total: expected.length, ids: expected.map((h) => h.id) });
    }
  });

  it('returns an empty page with the exact total past the last hit', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const inst = generate(seed);
      const expected = reference(inst.docs, inst.places, { ...inst.query, after: null, first: 0 });
      if (expected.length === 0) continue;
      const last = expected[expected.length - 1];
      const result = build(inst).search({ ...inst.query, after: { score: last.score, id: last.id }, first: 3 });
      expect({ seed, total: result.total, hits: result.hits.length, hasNextPage: result.hasNextPage }).toEqual({
        seed,
        total: expected.length,
        hits: 0,
        hasNextPage: false,
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written cases.
// ---------------------------------------------------------------------------------------------

const VLISSINGEN: Place = { code: 'GM0718', provinceCode: 'ZE', latitude: 51.4425, longitude: 3.5736 };
const MIDDELBURG: Place = { code: 'GM0687', provinceCode: 'ZE', latitude: 51.4988, longitude: 3.6109 };
const GRONINGEN: Place = { code: 'GM0014', provinceCode: 'GR', latitude: 53.2194, longitude: 6.5665 };
const PLACES = [VLISSINGEN, MIDDELBURG, GRONINGEN];

function query(fields: Partial<ExpertQuery> & Pick<ExpertQuery, 'requested'>): ExpertQuery {
  return {
    minLevelRank: 1,
    sectors: null,
    provinceCode: null,
    near: null,
    withinKm: null,
    lexemes: null,
    excludeId: 'nobody',
    after: null,
    first: 50,
    ...fields,
  };
}

function indexOf(...docs: ExpertDoc[]): ExpertIndex {
  const index = new ExpertIndex(PLACES);
  for (const d of docs) index.upsert(d);
  return index;
}

/** EXPERT in discipline 1. */
const offers = [{ disciplineId: 1, levelRank: 3 }];

const ids = (index: ExpertIndex, q: ExpertQuery): string[] => index.search(q).hits.map((h) => h.profile.id);

describe('ExpertIndex.search, by example', () => {
  it('finds a person offering a child discipline when the parent group is requested', () => {
    const index = indexOf(makeDoc({ id: 'anna', offers: [{ disciplineId: 11, levelRank: 3 }] }));
    const result = index.search(query({ requested: [[10, 11, 12]] }));
    expect(result.hits.map((h) => [h.profile.id, h.matched])).toEqual([['anna', [0]]]);
    expect(result.total).toBe(1);
    // Coverage 1, unknown hours (0.25): (0.6 + 0.15 * 0.25) / 0.75.
    expect(result.hits[0].score).toBeCloseTo(0.85, 9);
    expect(ids(index, query({ requested: [[10]] }))).toEqual([]);
  });

  it('combines at most 16 requested disciplines (their bits and weights fit its scratch arrays)', () => {
    const index = indexOf(makeDoc({ id: 'anna', offers }));
    expect(index.search(query({ requested: Array.from({ length: 16 }, () => [1]) })).total).toBe(1);
    expect(() => index.search(query({ requested: Array.from({ length: 17 }, () => [1]) }))).toThrow(/at most 16/);
  });

  it('counts only offers at or above minLevelRank, for the filter and for coverage', () => {
    const index = indexOf(
      makeDoc({ id: 'basic', offers: [{ disciplineId: 5, levelRank: 1 }] }),
      makeDoc({ id: 'expert', offers: [{ disciplineId: 5, levelRank: 3 }] }),
      makeDoc({ id: 'mixed', offers: [{ disciplineId: 5, levelRank: 1 }, { disciplineId: 7, levelRank: 2 }] }),
    );
    expect(ids(index, query({ requested: [[5]] }))).toEqual(['expert', 'basic', 'mixed']);
    expect(ids(index, query({ requested: [[5]], minLevelRank: 2 }))).toEqual(['expert']);
    const mixed = index.search(query({ requested: [[5], [7]], minLevelRank: 2 })).hits.find((h) => h.profile.id === 'mixed')!;
    expect(mixed.matched).toEqual([1]);
    // Coverage (0 + 0.75) / 2: the BASIC offer for 5 does not count.
    expect(mixed.score).toBeCloseTo((0.6 * 0.375 + 0.15 * 0.25) / 0.75, 9);
  });

  it('requires every lexeme (AND) and ranks by their weights', () => {
    const index = indexOf(
      makeDoc({
        id: 'anna',
        offers: [{ disciplineId: 1, levelRank: 3 }],
        lexemes: [
          { lexeme: 'water', weight: 'A' },
          { lexeme: 'beheer', weight: 'C' },
        ],
      }),
      makeDoc({ id: 'bert', offers: [{ disciplineId: 1, levelRank: 3 }], lexemes: [{ lexeme: 'water', weight: 'D' }] }),
    );
    expect(ids(index, query({ requested: [[1]], lexemes: ['water'] }))).toEqual(['anna', 'bert']);
    expect(ids(index, query({ requested: [[1]], lexemes: ['water', 'beheer'] }))).toEqual(['anna']);
    expect(ids(index, query({ requested: [[1]], lexemes: ['water', 'zorg'] }))).toEqual([]);
    // Text rank 1.2 / 2.2 for anna: (0.6 + 0.0375 + 0.1 * 1.2 / 2.2) / 0.85.
    expect(index.search(query({ requested: [[1]], lexemes: ['water', 'beheer'] })).hits[0].score).toBeCloseTo(
      (0.6 + 0.0375 + (0.1 * 1.2) / 2.2) / 0.85,
      9,
    );
  });

  const people = [
    makeDoc({ id: 'local-middelburg', scope: 'LOCAL', municipalityCode: MIDDELBURG.code, offers }),
    makeDoc({ id: 'local-groningen', scope: 'LOCAL', municipalityCode: GRONINGEN.code, offers }),
    makeDoc({ id: 'local-nowhere', scope: 'LOCAL', municipalityCode: null, offers }),
    makeDoc({ id: 'national-groningen', scope: 'NATIONAL', municipalityCode: GRONINGEN.code, offers }),
    makeDoc({ id: 'national-nowhere', scope: 'NATIONAL', municipalityCode: null, offers }),
  ];

  it('keeps NATIONAL people within any withinKm, wherever they live, and reports their distance', () => {
    const result = indexOf(...people).search(query({ requested: [[1]], near: VLISSINGEN.code, withinKm: 20 }));
    expect(result.hits.map((h) => [h.profile.id, h.distanceKm])).toEqual([
      ['local-middelburg', Math.round(distanceKm(VLISSINGEN.latitude, VLISSINGEN.longitude, MIDDELBURG.latitude, MIDDELBURG.longitude) * 10) / 10],
      ['national-nowhere', null],
      ['national-groningen', Math.round(distanceKm(VLISSINGEN.latitude, VLISSINGEN.longitude, GRONINGEN.latitude, GRONINGEN.longitude) * 10) / 10],
    ]);
    expect(result.hits[0].distanceKm).toBeGreaterThan(5);
    expect(result.hits[0].distanceKm).toBeLessThan(10);
  });

  it('excludes people living outside the province, NATIONAL or not, and people without a municipality', () => {
    expect(ids(indexOf(...people), query({ requested: [[1]], provinceCode: 'ZE' }))).toEqual(['local-middelburg']);
    expect(ids(indexOf(...people), query({ requested: [[1]], provinceCode: 'GR' }))).toEqual(['local-groningen', 'national-groningen']);
  });

  it('leaves out the excluded id (the viewer) and people who did not opt in', () => {
    const index = indexOf(...people, makeDoc({ id: 'shy', optedIn: false, offers }));
    expect(ids(index, query({ requested: [[1]], excludeId: 'local-groningen' }))).toEqual([
      'local-middelburg',
      'local-nowhere',
      'national-groningen',
      'national-nowhere',
    ]);
    expect(index.search(query({ requested: [[1]], excludeId: 'local-groningen' })).total).toBe(4);
  });

  it('breaks score ties by plain string order of the id', () => {
    const index = indexOf(makeDoc({ id: 'a', offers }), makeDoc({ id: 'B', offers }), makeDoc({ id: 'a10', offers }), makeDoc({ id: 'a9', offers }));
    expect(ids(index, query({ requested: [[1]] }))).toEqual(['B', 'a', 'a10', 'a9']);
  });
});

describe('ExpertIndex maintenance', () => {
  it('replaces a person on upsert of the same id: old offers and text are gone', () => {
    const index = indexOf(makeDoc({ id: 'anna', offers: [{ disciplineId: 1, levelRank: 3 }], lexemes: [{ lexeme: 'water', weight: 'A' }] }));
    expect(index.size).toBe(1);
    index.upsert(makeDoc({ id: 'anna', offers: [{ disciplineId: 2, levelRank: 1 }], lexemes: [{ lexeme: 'zorg', weight: 'A' }] }));
    expect(index.size).toBe(1);
    expect(index.search(query({ requested: [[1]] })).total).toBe(0);
    expect(ids(index, query({ requested: [[2]] }))).toEqual(['anna']);
    expect(ids(index, query({ requested: [[2]], lexemes: ['water'] }))).toEqual([]);
    expect(ids(index, query({ requested: [[2]], lexemes: ['zorg'] }))).toEqual(['anna']);
    // The new level counts, not the old EXPERT one.
    expect(ids(index, query({ requested: [[1, 2]], minLevelRank: 2 }))).toEqual([]);
  });

  it('forgets a removed person and ignores removing an unknown id', () => {
    const index = indexOf(makeDoc({ id: 'anna', offers }), makeDoc({ id: 'bert', offers }));
    index.remove('anna');
    index.remove('nobody');
    expect(index.size).toBe(1);
    const result = index.search(query({ requested: [[1]] }));
    expect([result.total, result.hits.map((h) => h.profile.id)]).toEqual([1, ['bert']]);
  });

  it('reuses a freed slot without leaking the previous occupant', () => {
    const index = indexOf(
      makeDoc({ id: 'anna', offers: [{ disciplineId: 1, levelRank: 3 }], lexemes: [{ lexeme: 'water', weight: 'A' }] }),
      makeDoc({ id: 'bert', offers: [{ disciplineId: 2, levelRank: 2 }] }),
    );
    // A search first, so the packed postings are built and must be rebuilt after the change.
    expect(ids(index, query({ requested: [[1], [2]] }))).toEqual(['anna', 'bert']);
    index.remove('anna');
    index.upsert(makeDoc({ id: 'carla', offers: [{ disciplineId: 2, levelRank: 3 }] }));
    expect(index.size).toBe(2);
    expect(ids(index, query({ requested: [[1]] }))).toEqual([]);
    expect(ids(index, query({ requested: [[2]], lexemes: ['water'] }))).toEqual([]);
    const hits = index.search(query({ requested: [[1], [2]] })).hits;
    expect(hits.map((h) => [h.profile.id, h.matched])).toEqual([
      ['carla', [1]],
      ['bert', [1]],
    ]);
    // Re-inserting the removed id brings it back with its new data.
    index.upsert(makeDoc({ id: 'anna', offers: [{ disciplineId: 3, levelRank: 1 }] }));
    expect(index.size).toBe(3);
    expect(ids(index, query({ requested: [[1]] }))).toEqual([]);
    expect(ids(index, query({ requested: [[3]] }))).toEqual(['anna']);
  });

  it('lists who offers any of several disciplines before any search ran (offering, for team suggestions)', () => {
    const index = indexOf(
      makeDoc({ id: 'anna', offers: [{ disciplineId: 11, levelRank: 1 }, { disciplineId: 12, levelRank: 3 }] }),
      makeDoc({ id: 'bert', offers: [{ disciplineId: 12, levelRank: 2 }] }),
      makeDoc({ id: 'carla', offers: [{ disciplineId: 13, levelRank: 3 }] }),
      makeDoc({ id: 'dirk', offers: [{ disciplineId: 11, levelRank: 2 }], optedIn: false }),
    );
    expect(index.offering([10, 11, 12], new Set(['bert'])).map((d) => d.profile.id)).toEqual(['anna']);
    expect(index.offering([11, 12, 13], new Set()).map((d) => [d.profile.id, d.offers.length]).sort()).toEqual([['anna', 2], ['bert', 1], ['carla', 1]]);
  });
});
