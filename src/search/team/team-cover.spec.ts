import { describe, expect, it } from '@jest/globals';
import { memberReasons, type NeedToCover, type TeamCandidate, type TeamCover, suggestTeam } from './team-cover.js';
import { mulberry32 } from '../../common/prng.js';

const BASIC = 1;
const EXPERIENCED = 2;
const EXPERT = 3;

function need(id: string, disciplineIds: number[], minLevelRank = BASIC, hoursPerMonth: number | null = null): NeedToCover {
  return { id, disciplineIds, minLevelRank, hoursPerMonth };
}

function person(
  id: string,
  offers: [disciplineId: number, levelRank: number][],
  distanceKm: number | null = 10,
  availableHoursPerMonth: number | null = 8,
): TeamCandidate {
  return { id, offers: offers.map(([disciplineId, levelRank]) => ({ disciplineId, levelRank })), distanceKm, availableHoursPerMonth };
}

function canCover(candidate: TeamCandidate, n: NeedToCover): boolean {
  return candidate.offers.some((o) => n.disciplineIds.includes(o.disciplineId) && o.levelRank >= n.minLevelRank);
}

function coveredCount(result: TeamCover): number {
  return result.members.reduce((sum, m) => sum + m.covers.length, 0);
}

describe('suggestTeam', () => {
  it('proposes a team of one when one person covers every need', () => {
    const needs = [need('n1', [1]), need('n2', [2]), need('n3', [3])];
    const candidates = [person('a', [[1, BASIC]]), person('b', [[1, BASIC], [2, BASIC], [3, BASIC]]), person('c', [[3, EXPERT]])];
    expect(suggestTeam(needs, candidates, { maxMembers: 3 })).toEqual({
      members: [{ candidateId: 'b', covers: ['n1', 'n2', 'n3'] }],
      uncovered: [],
    });
  });

  it('needs one person per need when the needs are disjoint', () => {
    const needs = [need('n1', [1]), need('n2', [2]), need('n3', [3])];
    const candidates = [person('a', [[1, BASIC]]), person('b', [[2, BASIC]]), person('c', [[3, BASIC]])];
    const result = suggestTeam(needs, candidates, { maxMembers: 5 });
    expect(result.members).toEqual([
      { candidateId: 'a', covers: ['n1'] },
      { candidateId: 'b', covers: ['n2'] },
      { candidateId: 'c', covers: ['n3'] },
    ]);
    expect(result.uncovered).toEqual([]);
  });

  it('reports the needs left open when maxMembers runs out, in input order', () => {
    const needs = [need('n1', [1]), need('n2', [2]), need('n3', [3]), need('n4', [4])];
    const candidates = [person('a', [[1, BASIC]]), person('b', [[2, BASIC], [3, BASIC]]), person('c', [[4, BASIC]])];
    const result = suggestTeam(needs, candidates, { maxMembers: 1 });
    expect(result.members).toEqual([{ candidateId: 'b', covers: ['n2', 'n3'] }]);
    expect(result.uncovered).toEqual(['n1', 'n4']);
  });

  it('lists a need nobody offers as uncovered and covers the rest', () => {
    const needs = [need('n1', [1]), need('orphan', [9]), need('n3', [3]), need('empty', [])];
    const candidates = [person('a', [[1, BASIC], [3, BASIC]])];
    expect(suggestTeam(needs, candidates, { maxMembers: 3 })).toEqual({
      members: [{ candidateId: 'a', covers: ['n1', 'n3'] }],
      uncovered: ['orphan', 'empty'],
    });
  });

  it('does not count an offer below the required level', () => {
    const needs = [need('n1', [1], EXPERT), need('n2', [2], EXPERIENCED)];
    const candidates = [person('a', [[1, EXPERIENCED], [2, EXPERIENCED]]), person('b', [[1, BASIC], [2, BASIC]])];
    expect(suggestTeam(needs, candidates, { maxMembers: 2 })).toEqual({
      members: [{ candidateId: 'a', covers: ['n2'] }],
      uncovered: ['n1'],
    });
  });

  it('uses the best level when someone offers several of a need’s disciplines', () => {
    const needs = [need('n1', [1, 11], EXPERT)];
    const candidates = [person('a', [[1, BASIC], [11, EXPERT]])];
    expect(suggestTeam(needs, candidates, { maxMembers: 1 }).members).toEqual([{ candidateId: 'a', covers: ['n1'] }]);
  });

  it('lets a descendant discipline listed in disciplineIds meet the need', () => {
    // 10 = Openbare ruimte, 11 = its child Groenbeheer.
    const needs = [need('openbare-ruimte', [10, 11], EXPERIENCED)];
    const candidates = [person('a', [[11, EXPERIENCED]]), person('b', [[12, EXPERT]])];
    expect(suggestTeam(needs, candidates, { maxMembers: 2 })).toEqual({
      members: [{ candidateId: 'a', covers: ['openbare-ruimte'] }],
      uncovered: [],
    });
  });

  describe('preferences among people who cover the same needs', () => {
    const needs = [need('n1', [1], BASIC, 8), need('n2', [2], BASIC, 8)];
    const offers: [number, number][] = [[1, BASIC], [2, BASIC]];

    it('prefers the nearer person', () => {
      const candidates = [person('a-far', offers, 60, 8), person('b-near', offers, 3, 8)];
      expect(suggestTeam(needs, candidates, { maxMembers: 2 }).members).toEqual([{ candidateId: 'b-near', covers: ['n1', 'n2'] }]);
    });

    it('prefers, at equal distance, the person with the hours the needs ask', () => {
      const candidates = [person('a-short', offers, 10, 2), person('b-enough', offers, 10, 12)];
      expect(suggestTeam(needs, candidates, { maxMembers: 1 }).members).toEqual([{ candidateId: 'b-enough', covers: ['n1', 'n2'] }]);
    });

    it('ranks an unknown distance (worth 25 km) below 5 km and above 100 km', () => {
      const near = person('c-near', offers, 5, 8);
      const unknown = person('b-unknown', offers, null, 8);
      const far = person('a-far', offers, 100, 8);
      expect(suggestTeam(needs, [unknown, near], { maxMembers: 1 }).members[0]?.candidateId).toBe('c-near');
      expect(suggestTeam(needs, [far, unknown], { maxMembers: 1 }).members[0]?.candidateId).toBe('b-unknown');
    });

    it('prefers a higher level than required when all else is equal', () => {
      const candidates = [person('a-basic', [[1, BASIC], [2, BASIC]]), person('b-expert', [[1, EXPERT], [2, EXPERT]])];
      expect(suggestTeam(needs, candidates, { maxMembers: 1 }).members[0]?.candidateId).toBe('b-expert');
    });
  });

  it('puts covering one more need above any amount of nearness or hours', () => {
    const needs = [need('n1', [1], BASIC, 40), need('n2', [2], BASIC, 40), need('n3', [3])];
    const candidates = [
      person('a-ideal', [[1, EXPERT], [3, EXPERT]], 0, 40),
      person('b-broad', [[1, BASIC], [2, BASIC], [3, BASIC]], 250, 0),
    ];
    expect(suggestTeam(needs, candidates, { maxMembers: 1 }).members).toEqual([{ candidateId: 'b-broad', covers: ['n1', 'n2', 'n3'] }]);
  });

  it('never gives a need to two members and stops when nobody adds a need', () => {
    const needs = [need('n1', [1]), need('n2', [2]), need('n3', [3])];
    const candidates = [
      person('a', [[1, BASIC], [2, BASIC]]),
      person('b', [[2, BASIC], [3, BASIC]]),
      person('c', [[1, BASIC], [3, BASIC]]),
      person('d', [[2, EXPERT]]),
    ];
    const result = suggestTeam(needs, candidates, { maxMembers: 4 });
    expect(result.members).toEqual([
      { candidateId: 'a', covers: ['n1', 'n2'] },
      { candidateId: 'b', covers: ['n3'] },
    ]);
    const all = result.members.flatMap((m) => m.covers);
    expect(new Set(all).size).toBe(all.length);
    expect(result.uncovered).toEqual([]);
  });

  it('is deterministic: input order does not matter and exact ties go to the smaller id', () => {
    const needs = [need('n1', [1]), need('n2', [2])];
    const candidates = [person('m', [[1, BASIC], [2, BASIC]]), person('k', [[1, BASIC], [2, BASIC]]), person('z', [[1, BASIC], [2, BASIC]])];
    const expected = { members: [{ candidateId: 'k', covers: ['n1', 'n2'] }], uncovered: [] };
    expect(suggestTeam(needs, candidates, { maxMembers: 2 })).toEqual(expected);
    expect(suggestTeam(needs, [...candidates].reverse(), { maxMembers: 2 })).toEqual(expected);
    // Plain string order, not locale order: 'B' (66) sorts before 'a' (97).
    const caseTie = [person('a', [[1, BASIC]]), person('B', [[1, BASIC]])];
    expect(suggestTeam([need('n1', [1])], caseTie, { maxMembers: 1 }).members[0]?.candidateId).toBe('B');
  });

  it('proposes nobody when maxMembers is 0 or less, and handles empty input', () => {
    const needs = [need('n1', [1]), need('n2', [2])];
    const candidates = [person('a', [[1, BASIC], [2, BASIC]])];
    expect(suggestTeam(needs, candidates, { maxMembers: 0 })).toEqual({ members: [], uncovered: ['n1', 'n2'] });
    expect(suggestTeam(needs, candidates, { maxMembers: -3 })).toEqual({ members: [], uncovered: ['n1', 'n2'] });
    expect(suggestTeam(needs, [], { maxMembers: 3 })).toEqual({ members: [], uncovered: ['n1', 'n2'] });
    expect(suggestTeam([], candidates, { maxMembers: 3 })).toEqual({ members: [], uncovered: [] });
  });

  it('follows the worked example in the documentation', () => {
    const LAW = 1;
    const FINANCE = 2;
    const GREEN = 3;
    const needs = [need('statuten', [LAW], EXPERIENCED, 8), need('subsidie', [FINANCE], BASIC), need('groen', [GREEN], EXPERIENCED, 4)];
    const candidates = [
      person('anna', [[LAW, EXPERT], [FINANCE, BASIC]], 5, 8),
      person('bram', [[FINANCE, EXPERT], [GREEN, EXPERIENCED]], 30, null),
      person('cor', [[GREEN, EXPERT]], 2, 2),
    ];
    expect(suggestTeam(needs, candidates, { maxMembers: 2 })).toEqual({
      members: [
        { candidateId: 'anna', covers: ['statuten', 'subsidie'] },
        { candidateId: 'cor', covers: ['groen'] },
      ],
      uncovered: [],
    });
  });

  describe('the known limitation: greedy is not always optimal', () => {
    // a + b cover all six needs; the greedy grabs c first because it covers four at once.
    const needs = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id, i) => need(id, [i + 1]));
    const candidates = [
      person('a', [[1, BASIC], [2, BASIC], [3, BASIC]]),
      person('b', [[4, BASIC], [5, BASIC], [6, BASIC]]),
      person('c', [[2, BASIC], [3, BASIC], [4, BASIC], [5, BASIC]]),
    ];

    it('covers 5 of 6 needs with two members where the optimum covers 6', () => {
      expect(suggestTeam(needs, candidates, { maxMembers: 2 })).toEqual({
        members: [
          { candidateId: 'c', covers: ['n2', 'n3', 'n4', 'n5'] },
          { candidateId: 'a', covers: ['n1'] },
        ],
        uncovered: ['n6'],
      });
    });

    it('uses three members to cover everything where two suffice', () => {
      const result = suggestTeam(needs, candidates, { maxMembers: 3 });
      expect(result.members.map((m) => m.candidateId)).toEqual(['c', 'a', 'b']);
      expect(result.uncovered).toEqual([]);
    });
  });

  describe('against brute force on small random instances', () => {

    function randomInstance(random: () => number): { needs: NeedToCover[]; candidates: TeamCandidate[]; maxMembers: number } {
      const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
      const disciplines = 6;
      const needs = Array.from({ length: int(1, 6) }, (_, i) =>
        need(
          `n${i}`,
          Array.from({ length: int(1, 2) }, () => int(1, disciplines)),
          int(1, 3),
          random() < 0.3 ? null : int(2, 20),
        ),
      );
      const candidates = Array.from({ length: int(0, 8) }, (_, i) =>
        person(
          `p${i}`,
          Array.from({ length: int(0, 3) }, (): [number, number] => [int(1, disciplines), int(1, 3)]),
          random() < 0.2 ? null : int(0, 150),
          random() < 0.2 ? null : int(0, 20),
        ),
      );
      return { needs, candidates, maxMembers: int(1, 3) };
    }

    /** Most needs any team of at most k candidates covers, by trying every subset. */
    function optimum(needs: NeedToCover[], candidates: TeamCandidate[], k: number): number {
      const masks = candidates.map((c) => needs.reduce((mask, n, i) => (canCover(c, n) ? mask | (1 << i) : mask), 0));
      let best = 0;
      for (let subset = 0; subset < 1 << candidates.length; subset++) {
        let size = 0;
        let union = 0;
        masks.forEach((mask, i) => {
          if (subset & (1 << i)) {
            size++;
            union |= mask;
          }
        });
        if (size > k) continue;
        let count = 0;
        for (let bits = union; bits; bits &= bits - 1) count++;
        best = Math.max(best, count);
      }
      return best;
    }

    it('covers at least ⌈(1 − 1/e) × optimum⌉ needs on 200 instances, and the optimum with one member', () => {
      const random = mulberry32(20240603);
      let singleMemberInstances = 0;
      for (let run = 0; run < 200; run++) {
        const { needs, candidates, maxMembers } = randomInstance(random);
        const result = suggestTeam(needs, candidates, { maxMembers });
        const best = optimum(needs, candidates, maxMembers);
        const covered = coveredCount(result);

        // The result is a valid team: within the limit, no one twice, each need once, each cover real.
        expect(result.members.length).toBeLessThanOrEqual(maxMembers);
        expect(new Set(result.members.map((m) => m.candidateId)).size).toBe(result.members.length);
        const assigned = result.members.flatMap((m) => m.covers);
        expect(new Set([...assigned, ...result.uncovered]).size).toBe(needs.length);
        expect(assigned.length + result.uncovered.length).toBe(needs.length);
        expect(result.uncovered).toEqual(needs.map((n) => n.id).filter((id) => result.uncovered.includes(id)));
        for (const member of result.members) {
          expect(member.covers.length).toBeGreaterThan(0);
          const candidate = candidates.find((c) => c.id === member.candidateId)!;
          for (const needId of member.covers) expect(canCover(candidate, needs.find((n) => n.id === needId)!)).toBe(true);
        }

        expect(covered).toBeLessThanOrEqual(best);
        expect(covered).toBeGreaterThanOrEqual(Math.ceil((1 - 1 / Math.E) * best));
        if (maxMembers === 1) {
          singleMemberInstances++;
          expect(covered).toBe(best);
        }
      }
      expect(singleMemberInstances).toBeGreaterThan(20);
    });
  });
});

describe('memberReasons', () => {
  const LAW = 1;
  const FINANCE = 2;
  const GREEN = 3;
  const needs = [need('statuten', [LAW], EXPERIENCED, 8), need('subsidie', [FINANCE], BASIC), need('groen', [GREEN], EXPERIENCED, 4)];

  it('says which needs a member covers at what level, how far away they are and their hours (the worked example’s anna)', () => {
    const anna = person('anna', [[LAW, EXPERT], [FINANCE, BASIC]], 5, 8);
    expect(memberReasons(anna, ['statuten', 'subsidie'], needs)).toEqual([
      { code: 'COVERS_NEED', needId: 'statuten', offeredDisciplineId: LAW, levelRank: EXPERT, minLevelRank: EXPERIENCED, weight: 1 },
      { code: 'COVERS_NEED', needId: 'subsidie', offeredDisciplineId: FINANCE, levelRank: BASIC, minLevelRank: BASIC, weight: 1 },
      // 1 / (1 + 5/25) = 0.833.
      { code: 'DISTANCE', km: 5, weight: 0.833 },
      // 8 of the 8 hours statuten asks; subsidie asks none.
      { code: 'HOURS', availableHoursPerMonth: 8, askedHoursPerMonth: 8, weight: 1 },
    ]);
  });

  it('names the descendant discipline offered at the best level, and sums the hours asked', () => {
    const group = need('financiering', [FINANCE, 20, 21], EXPERIENCED, 6);
    const bram = person('bram', [[20, EXPERIENCED], [FINANCE, BASIC], [21, EXPERT], [GREEN, EXPERT]], 30.04, 3);
    expect(memberReasons(bram, ['financiering', 'groen'], [group, ...needs])).toEqual([
      { code: 'COVERS_NEED', needId: 'financiering', offeredDisciplineId: 21, levelRank: EXPERT, minLevelRank: EXPERIENCED, weight: 1 },
      { code: 'COVERS_NEED', needId: 'groen', offeredDisciplineId: GREEN, levelRank: EXPERT, minLevelRank: EXPERIENCED, weight: 1 },
      // 1 / (1 + 30.04/25) = 0.454; the km rounded to 0.1.
      { code: 'DISTANCE', km: 30, weight: 0.454 },
      // 3 of 6 + 4 = 10 asked; fits 0.5 and 0.75, mean 0.625.
      { code: 'HOURS', availableHoursPerMonth: 3, askedHoursPerMonth: 10, weight: 0.625 },
    ]);
  });

  it('says when distance or hours are unknown (each worth half), and when no covered need asks hours', () => {
    const cor = person('cor', [[FINANCE, EXPERT]], null, null);
    expect(memberReasons(cor, ['subsidie'], needs)).toEqual([
      { code: 'COVERS_NEED', needId: 'subsidie', offeredDisciplineId: FINANCE, levelRank: EXPERT, minLevelRank: BASIC, weight: 1 },
      { code: 'DISTANCE_UNKNOWN', weight: 0.5 },
      // subsidie asks no hours: any hours fit.
      { code: 'HOURS_UNKNOWN', askedHoursPerMonth: null, weight: 1 },
    ]);
    expect(memberReasons(cor, ['statuten'], needs).filter((r) => r.code === 'COVERS_NEED')).toEqual([]);
  });

  it('gives every member of a suggested team one COVERS_NEED per need it covers, in the same order', () => {
    const random = mulberry32(0x7ea);
    for (let round = 0; round < 50; round++) {
      const many = Array.from({ length: 6 }, (_, i) => need(`n${i}`, [1 + Math.floor(random() * 8)], 1 + Math.floor(random() * 3), random() < 0.5 ? 8 : null));
      const people = Array.from({ length: 12 }, (_, i) =>
        person(`p${i}`, Array.from({ length: 3 }, () => [1 + Math.floor(random() * 8), 1 + Math.floor(random() * 3)] as [number, number]), random() * 80, 10),
      );
      const byId = new Map(people.map((p) => [p.id, p]));
      for (const member of suggestTeam(many, people, { maxMembers: 4 }).members) {
        const reasons = memberReasons(byId.get(member.candidateId)!, member.covers, many);
        expect(reasons.flatMap((r) => (r.code === 'COVERS_NEED' ? [r.needId] : []))).toEqual(member.covers);
        expect(reasons.slice(-2).map((r) => r.code)).toEqual(['DISTANCE', 'HOURS']);
      }
    }
  });
});
