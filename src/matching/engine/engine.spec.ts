import { describe, expect, it } from '@jest/globals';
import { ExpertiseLevel, RegionScope, Sector } from '../../common/enums.js';
import { runMatching } from './engine.js';
import {
  DELFT,
  DEN_HAAG,
  GRONINGEN,
  NOW,
  UTRECHT,
  matchInput,
  naiveMatching,
  offers,
  person,
  randomNetwork,
  rules,
} from './naive-reference.spec-helper.js';
import type { HistoryEntry, MatchInitiative, MatchInput, MatchPerson, MatchResult } from './types.js';
import { mulberry32 as prng } from '../../common/prng.js';

const { BASIC, EXPERT } = ExpertiseLevel;
const DAY = 86_400_000;

function plain(result: MatchResult): { kind: string; a: string; b: string; initiativeId: string | null; score: number }[] {
  return result.proposals.map(({ kind, a, b, initiativeId, score }) => ({ kind, a, b, initiativeId, score }));
}

function pairs(result: MatchResult): string[] {
  return result.proposals.map((p) => `${p.a}-${p.b}`);
}

/** Two people who want each other's expertise; `extra` overrides both. */
function couple(extra: Partial<MatchPerson> = {}, extraB: Partial<MatchPerson> = {}): MatchPerson[] {
  return [
    person('anna', { offers: offers([2, EXPERT]), seeks: [11], ...extra }),
    person('bram', { offers: offers([11, EXPERT]), seeks: [2], sector: Sector.CITIZEN, ...extra, ...extraB }),
  ];
}

function history(a: string, b: string, status: HistoryEntry['status'], daysAgo: number): HistoryEntry {
  return { a, b, status, date: new Date(NOW.getTime() - daysAgo * DAY) };
}

describe('runMatching against the naive all-pairs reference', () => {
  it('returns the same proposals, in the same order, on 200 random small networks', () => {
    let proposed = 0;
    let initiatives = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomNetwork(seed, { people: 10 + (seed % 31), initiatives: seed % 4 });
      const result = runMatching(input);
      const naive = naiveMatching(input);
      expect({ seed, proposals: plain(result) }).toEqual({ seed, proposals: naive.proposals });
      expect(result.stats.candidatePairs).toBe(naive.candidatePairs);
      proposed += result.proposals.length;
      initiatives += result.proposals.filter((p) => p.kind === 'INITIATIVE').length;
    }
    // The networks are not trivially empty.
    expect(proposed).toBeGreaterThan(500);
    expect(initiatives).toBeGreaterThan(20);
  });

  it('stays within every constraint when the candidate bound binds, with fewer candidates than the reference', () => {
    const input = { ...randomNetwork(99, { people: 150, initiatives: 3 }), limits: { candidatesPerSeek: 3 } };
    input.rules.minScore = 0;
    const bounded = runMatching(input);
    const naive = naiveMatching(input);
    expect(bounded.stats.candidatePairs).toBeLessThan(naive.candidatePairs);
    expect(bounded.proposals.length).toBeGreaterThan(0);
    // Without the bound it is the reference again.
    const unbounded = runMatching({ ...input, limits: { candidatesPerSeek: 1_000_000 } });
    expect(plain(unbounded)).toEqual(naive.proposals);
    // Every bounded proposal is a candidate of the reference (all of them proposed when uncapped), with the same score.
    const uncapped = runMatching({
      ...input,
      rules: { ...input.rules, maxIntroductionsPerPersonPerRun: 1000 },
      people: input.people.map((p) => ({ ...p, maxIntroductionsPerDigest: 1000 })),
      limits: { candidatesPerSeek: 1_000_000 },
    });
    const key = (p: { kind: string; a: string; b: string; initiativeId: string | null }): string => `${p.kind} ${p.a} ${p.b} ${p.initiativeId}`;
    const scoreOf = new Map(uncapped.proposals.map((p) => [key(p), p.score]));
    for (const p of bounded.proposals) expect(scoreOf.get(key(p))).toBe(p.score);
  });
});

describe('determinism', () => {
  it('gives the same output, order included, for the same input in any order', () => {
    const random = prng(3);
    for (let seed = 1; seed <= 20; seed++) {
      const input = randomNetwork(seed, { people: 40, initiatives: 3 });
      const shuffled = <T>(items: readonly T[]): T[] => [...items].map((x) => [random(), x] as const).sort((x, y) => x[0] - y[0]).map(([, x]) => x);
      const again: MatchInput = {
        ...input,
        people: shuffled(input.people).map((p) => ({ ...p, offers: shuffled(p.offers), seeks: shuffled(p.seeks) })),
        initiatives: shuffled(input.initiatives).map((it) => ({ ...it, needs: shuffled(it.needs) })),
        history: shuffled(input.history),
      };
      expect(runMatching(again)).toEqual(runMatching(input));
      expect(runMatching(input)).toEqual(runMatching(input));
    }
  });
});

describe('constraints', () => {
  it('proposes a complementary pair with its reasons and stats', () => {
    const result = runMatching(matchInput(couple()));
    expect(result.proposals).toHaveLength(1);
    expect(result.proposals[0]).toMatchObject({ kind: 'PEER', a: 'anna', b: 'bram', initiativeId: null, needId: null });
    expect(result.proposals[0].reasons.map((r) => r.code)).toContain('OFFERS_WHAT_YOU_SEEK');
    expect(result.stats).toEqual({ eligiblePeople: 2, candidatePairs: 1, proposed: 1, peopleWithIntroduction: 2, meanScore: result.proposals[0].score });
  });

  it('never proposes a pair where neither offers what the other seeks', () => {
    const people = [person('anna', { offers: offers([2, EXPERT]), seeks: [21] }), person('bram', { offers: offers([11, EXPERT]), seeks: [3] })];
    expect(runMatching(matchInput(people)).proposals).toEqual([]);
  });

  it('never proposes a pair within cooldownDays of an earlier introduction, whatever its status', () => {
    for (const status of ['PROPOSED', 'SENT', 'ACCEPTED', 'CONNECTED', 'EXPIRED'] as const) {
      expect(runMatching(matchInput(couple(), { history: [history('bram', 'anna', status, 89)] })).proposals).toEqual([]);
      expect(runMatching(matchInput(couple(), { history: [history('anna', 'bram', status, 91)] })).proposals).toHaveLength(1);
    }
    expect(runMatching(matchInput(couple(), { history: [history('anna', 'bram', 'SENT', 5)], rules: rules({ cooldownDays: 0 }) })).proposals).toHaveLength(1);
  });

  it('never proposes a pair where either declined the other, however long ago', () => {
    expect(runMatching(matchInput(couple(), { history: [history('bram', 'anna', 'DECLINED', 3000)] })).proposals).toEqual([]);
    expect(runMatching(matchInput(couple(), { history: [history('anna', 'bram', 'DECLINED', 3000)], rules: rules({ cooldownDays: 0 }) })).proposals).toEqual([]);
  });

  it('never proposes two people of the same organisation when excludeSameOrganisation (trimmed, any case)', () => {
    const people = couple({}, { organisation: ' gemeente den haag' });
    people[0] = { ...people[0], organisation: 'Gemeente Den Haag' };
    expect(runMatching(matchInput(people, { rules: rules({ excludeSameOrganisation: true }) })).proposals).toEqual([]);
    expect(runMatching(matchInput(people, { rules: rules({ excludeSameOrganisation: false }) })).proposals).toHaveLength(1);
    const unknown = couple({ organisation: '  ' });
    expect(runMatching(matchInput(unknown, { rules: rules({ excludeSameOrganisation: true }) })).proposals).toHaveLength(1);
  });

  it('never proposes below minScore', () => {
    const people = couple({ availableHoursPerMonth: 10 });
    const score = runMatching(matchInput(people)).proposals[0].score;
    expect(score).toBeLessThan(1);
    expect(runMatching(matchInput(people, { rules: rules({ minScore: score }) })).proposals).toHaveLength(1);
    expect(runMatching(matchInput(people, { rules: rules({ minScore: score + 1e-6 }) })).proposals).toEqual([]);
  });

  describe('scopes: a pair is allowed when each side admits the other', () => {
    const at = (scopeA: RegionScope, placeA: string | null, scopeB: RegionScope, placeB: string | null): number =>
      runMatching(matchInput(couple({ scope: scopeA, municipalityCode: placeA }, { scope: scopeB, municipalityCode: placeB }), { rules: rules({ maxDistanceKm: 25 }) }))
        .proposals.length;
    const { LOCAL, PROVINCE, NATIONAL } = RegionScope;

    it('LOCAL admits within maxDistanceKm only (Delft 11 km yes, Utrecht 57 km no), across provinces too', () => {
      expect(at(LOCAL, DEN_HAAG, LOCAL, DELFT)).toBe(1);
      expect(at(LOCAL, DEN_HAAG, NATIONAL, UTRECHT)).toBe(0);
      expect(at(NATIONAL, UTRECHT, LOCAL, DEN_HAAG)).toBe(0);
      expect(runMatching(matchInput(couple({ scope: LOCAL, municipalityCode: DEN_HAAG }, { municipalityCode: UTRECHT }), { rules: rules({ maxDistanceKm: 60 }) })).proposals).toHaveLength(1);
    });
    it('PROVINCE admits the same province only', () => {
      expect(at(PROVINCE, DEN_HAAG, NATIONAL, DELFT)).toBe(1);
      expect(at(PROVINCE, DEN_HAAG, NATIONAL, UTRECHT)).toBe(0);
      expect(at(NATIONAL, GRONINGEN, PROVINCE, DEN_HAAG)).toBe(0);
      expect(at(PROVINCE, DEN_HAAG, LOCAL, DELFT)).toBe(1);
    });
    it('NATIONAL admits anywhere, even without a place; without a place only NATIONAL meets NATIONAL', () => {
      expect(at(NATIONAL, GRONINGEN, NATIONAL, DEN_HAAG)).toBe(1);
      expect(at(NATIONAL, null, NATIONAL, DEN_HAAG)).toBe(1);
      expect(at(NATIONAL, null, PROVINCE, DEN_HAAG)).toBe(0);
      expect(at(LOCAL, null, LOCAL, null)).toBe(0);
    });
  });
});

describe('caps and b-matching', () => {
  // Everyone seeks what the popular expert offers; the expert seeks what they all offer.
  function crowd(size: number, expertCap = 5): MatchPerson[] {
    const people = [person('expert', { offers: offers([2, EXPERT]), seeks: [11], maxIntroductionsPerDigest: expertCap })];
    for (let k = 0; k < size; k++) {
      people.push(person(`p${k}`, { offers: offers([11, BASIC], [3, EXPERT]), seeks: [2, 21], sector: Sector.CITIZEN }));
    }
    return people;
  }

  it('caps each person at maxIntroductionsPerPersonPerRun', () => {
    const result = runMatching(matchInput(crowd(6), { rules: rules({ maxIntroductionsPerPersonPerRun: 2 }) }));
    expect(result.proposals.filter((p) => p.a === 'expert' || p.b === 'expert')).toHaveLength(2);
  });

  it('caps each person at their own maxIntroductionsPerDigest, 0 meaning none', () => {
    const once = runMatching(matchInput(crowd(6, 1)));
    expect(once.proposals.filter((p) => p.a === 'expert' || p.b === 'expert')).toHaveLength(1);
    const none = runMatching(matchInput(crowd(6, 0)));
    expect(none.proposals).toEqual([]);
  });

  it('gives the others their next-best partner instead of piling onto the popular person', () => {
    // p0–p3 also fit a lawyer each (less well); the expert takes two.
    const people = crowd(4, 2);
    for (let k = 0; k < 4; k++) {
      people.push(person(`q${k}`, { offers: offers([21, BASIC]), sector: Sector.GOVERNMENT, availableHoursPerMonth: 2, maxIntroductionsPerDigest: 1 }));
    }
    const result = runMatching(matchInput(people, { rules: rules({ maxIntroductionsPerPersonPerRun: 1 }) }));
    const expertPairs = result.proposals.filter((p) => p.a === 'expert' || p.b === 'expert');
    expect(expertPairs).toHaveLength(1);
    expect(result.stats.peopleWithIntroduction).toBe(8);
    expect(pairs(result)).toEqual(['expert-p0', 'p1-q0', 'p2-q1', 'p3-q2']);
  });
});

describe('initiatives', () => {
  const tuin: MatchInitiative = {
    id: 'tuin',
    title: 'Tuinman in de Wijk',
    municipalityCode: DELFT,
    initiatorIds: ['ini', 'co'],
    needs: [
      { id: 'n-groen', disciplineId: 10, minLevelRank: 2, hoursPerMonth: 8 },
      { id: 'n-statuten', disciplineId: 21, minLevelRank: 1, hoursPerMonth: null },
    ],
  };
  const ini = person('ini', { sector: Sector.CITIZEN });
  const co = person('co', { sector: Sector.CITIZEN, offers: offers([11, EXPERT]) });
  const pro = person('pro', { offers: offers([11, EXPERT], [21, BASIC]) });

  it('proposes a professional whose offers meet an open need to the first initiator, once per initiative', () => {
    const result = runMatching(matchInput([ini, co, pro], { initiatives: [tuin] }));
    expect(result.proposals).toHaveLength(1);
    expect(result.proposals[0]).toMatchObject({ kind: 'INITIATIVE', a: 'pro', b: 'ini', initiativeId: 'tuin', needId: 'n-groen' });
    expect(result.proposals[0].reasons.find((r) => r.code === 'OFFERS_WHAT_INITIATIVE_NEEDS')?.nl).toBe(
      'Pro biedt Groenbeheer (expert), wat Tuinman in de Wijk nodig heeft',
    );
  });

  it('never proposes an initiator for their own initiative, and goes to the next initiator when the first is not eligible', () => {
    const result = runMatching(matchInput([co, pro], { initiatives: [tuin] }));
    expect(plain(result)).toEqual([{ kind: 'INITIATIVE', a: 'pro', b: 'co', initiativeId: 'tuin', score: expect.any(Number) }]);
    expect(runMatching(matchInput([pro], { initiatives: [tuin] })).proposals).toEqual([]);
  });

  it('requires the need level and the professional scope to admit the initiative place', () => {
    const basicOnly = person('pro', { offers: offers([11, BASIC]) });
    const onlyGroen = { ...tuin, needs: [tuin.needs[0]] };
    expect(runMatching(matchInput([ini, basicOnly], { initiatives: [onlyGroen] })).proposals).toEqual([]);
    const farLocal = { ...pro, scope: RegionScope.LOCAL, municipalityCode: GRONINGEN };
    expect(runMatching(matchInput([ini, farLocal], { initiatives: [tuin] })).proposals).toEqual([]);
  });

  it('applies the pair constraints between professional and initiator', () => {
    const declined = [history('ini', 'pro', 'DECLINED', 400)];
    expect(runMatching(matchInput([ini, pro], { initiatives: [tuin], history: declined })).proposals).toEqual([]);
    const sameOrg = [{ ...ini, organisation: 'Buurt' }, { ...pro, organisation: 'buurt' }];
    expect(runMatching(matchInput(sameOrg, { initiatives: [tuin], rules: rules({ excludeSameOrganisation: true }) })).proposals).toEqual([]);
  });

  it('makes one introduction per pair: a PEER and an INITIATIVE for the same two people give one proposal', () => {
    const seekingIni = { ...ini, offers: offers([2, EXPERT]) };
    const proSeeks = { ...pro, seeks: [2] };
    const result = runMatching(matchInput([seekingIni, proSeeks], { initiatives: [tuin] }));
    expect(result.proposals).toHaveLength(1);
    expect(result.stats.candidatePairs).toBe(2);
  });
});

describe('rules', () => {
  it('rejects negative weights and a minScore outside [0, 1]', () => {
    expect(() => runMatching(matchInput([], { rules: rules({ minScore: 1.5 }) }))).toThrow(RangeError);
    expect(() => runMatching(matchInput([], { rules: rules({ weights: { ...rules().weights, proximity: -1 } }) }))).toThrow(RangeError);
  });

  it('returns empty stats for an empty network', () => {
    expect(runMatching(matchInput([]))).toEqual({
      proposals: [],
      stats: { eligiblePeople: 0, candidatePairs: 0, proposed: 0, peopleWithIntroduction: 0, meanScore: 0 },
    });
  });
});
