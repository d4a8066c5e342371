import { describe, expect, it } from '@jest/globals';
import { ExpertiseLevel, RegionScope, Sector } from '../../common/enums.js';
import { DELFT, DEN_HAAG, DISCIPLINES, GRONINGEN, UTRECHT, matchInput, offers, person, rules } from './naive-reference.spec-helper.js';
import { compileNetwork } from './network.js';
import { harmonicMean, initiativeReasons, initiativeScore, peerReasons, peerScore, placeProximity, taxonomyCredit } from './score.js';
import type { MatchInitiative, MatchPerson, MatchReason, MatchRules, MatchWeights } from './types.js';

const { BASIC, EXPERIENCED, EXPERT } = ExpertiseLevel;
const ZERO: MatchWeights = { complementarity: 0, mutuality: 0, proximity: 0, crossSector: 0, initiativeNeed: 0, availability: 0 };

function only(weight: keyof MatchWeights): MatchRules {
  return rules({ weights: { ...ZERO, [weight]: 1 } });
}

function pairScore(x: MatchPerson, y: MatchPerson, r: MatchRules = rules()): number {
  const net = compileNetwork(matchInput([x, y], { rules: r }));
  return peerScore(net, net.indexOf.get(x.id)!, net.indexOf.get(y.id)!);
}

function pairReasons(x: MatchPerson, y: MatchPerson, r: MatchRules = rules()): MatchReason[] {
  const net = compileNetwork(matchInput([x, y], { rules: r }));
  return peerReasons(net, net.indexOf.get(x.id)!, net.indexOf.get(y.id)!);
}

function forAudience(reasons: MatchReason[], side: 'a' | 'b'): number {
  return reasons.filter((r) => r.audience === side || r.audience === 'both').reduce((sum, r) => sum + r.weight, 0);
}

const anna = person('anna', {
  sector: Sector.GOVERNMENT,
  municipalityCode: DEN_HAAG,
  offers: offers([2, EXPERT]),
  seeks: [11],
  availableHoursPerMonth: 8,
});
const bram = person('bram', {
  sector: Sector.CITIZEN,
  municipalityCode: DELFT,
  offers: offers([11, EXPERIENCED]),
  seeks: [1],
  availableHoursPerMonth: 12,
});

describe('peer score: the worked example of score.ts', () => {
  it('scores Anna and Bram 0.702 with all weights 1', () => {
    const distance = (6371 * 0.1 * Math.PI) / 180; // 11.12 km along a meridian
    const c = 0.75;
    const m = harmonicMean(0.6, 0.75);
    const p = 1 / (1 + distance / 25);
    expect(m).toBeCloseTo(0.6667, 4);
    expect(p).toBeCloseTo(0.692, 3);
    const expected = (c + m + p + 1 + 0.4) / 5;
    expect(expected).toBeCloseTo(0.702, 3);
    expect(pairScore(anna, bram)).toBeCloseTo(expected, 8);
  });

  it('explains it in Dutch and English, per side, with shares that add up to the score', () => {
    const reasons = pairReasons(anna, bram);
    const score = pairScore(anna, bram);
    expect(reasons).toContainEqual({
      code: 'OFFERS_WHAT_YOU_SEEK',
      weight: 0,
      audience: 'b',
      nl: 'Anna biedt Participatie (expert), wat jij zoekt',
      en: 'Anna offers Citizen participation (expert), which you seek',
    });
    expect(reasons).toContainEqual({
      code: 'OFFERS_WHAT_YOU_SEEK',
      weight: 0.15,
      audience: 'a',
      nl: 'Bram biedt Groenbeheer (ervaren), wat jij zoekt',
      en: 'Bram offers Green space management (experienced), which you seek',
    });
    expect(reasons.find((r) => r.code === 'SEEKS_WHAT_YOU_OFFER' && r.audience === 'a')?.nl).toBe(
      'Bram zoekt Participatie en communicatie, wat jij biedt (Participatie, expert)',
    );
    expect(reasons.find((r) => r.code === 'SAME_PROVINCE')?.nl).toBe('jullie werken allebei in Zuid-Holland (11 km)');
    expect(reasons.find((r) => r.code === 'CROSS_SECTOR')?.nl).toBe('overheid ontmoet bewoner');
    expect(reasons.find((r) => r.code === 'MUTUAL')?.en).toBe('you can help each other');
    expect(forAudience(reasons, 'a')).toBeCloseTo(score, 6);
    expect(forAudience(reasons, 'b')).toBeCloseTo(score, 6);
    // Best share first.
    expect(reasons.map((r) => r.weight)).toEqual([...reasons.map((r) => r.weight)].sort((x, y) => y - x));
  });

  it('gives a perfect pair 1 and keeps every score in [0, 1]', () => {
    const x = person('x', { offers: offers([2, EXPERT]), seeks: [11], sector: Sector.SCIENCE, availableHoursPerMonth: 40 });
    const y = person('y', { offers: offers([11, EXPERT]), seeks: [2], sector: Sector.BUSINESS, availableHoursPerMonth: 20 });
    expect(pairScore(x, y)).toBe(1);
    expect(pairScore(anna, bram, rules({ weights: { ...ZERO, complementarity: 10, proximity: 3 } }))).toBeLessThanOrEqual(1);
  });

  it('is 0 when neither offers what the other seeks, and 0 when every weight is 0', () => {
    expect(pairScore(person('x', { offers: offers([21, EXPERT]) }), person('y', { seeks: [11] }))).toBe(0);
    expect(pairScore(anna, bram, rules({ weights: ZERO }))).toBe(0);
  });
});

describe('taxonomy partial credit', () => {
  const net = compileNetwork(
    matchInput([], {
      disciplines: new Map([
        ...DISCIPLINES,
        [111, { parentId: 11, nl: 'Boomverzorging', en: 'Tree care' }],
      ]),
    }),
  );
  const d = (id: number): number => net.disciplineIndex.get(id)!;

  it('gives 1 for the discipline itself', () => expect(taxonomyCredit(net, d(11), d(11))).toBe(1));
  it('gives 0.6 for a child of the sought parent, 0.36 for a grandchild', () => {
    expect(taxonomyCredit(net, d(10), d(11))).toBe(0.6);
    expect(taxonomyCredit(net, d(10), d(111))).toBeCloseTo(0.36, 12);
  });
  it('gives less, 0.3, for the parent of the sought child (0.09 two levels up)', () => {
    expect(taxonomyCredit(net, d(11), d(10))).toBe(0.3);
    expect(taxonomyCredit(net, d(111), d(10))).toBeCloseTo(0.09, 12);
  });
  it('gives nothing for siblings or other branches', () => {
    expect(taxonomyCredit(net, d(2), d(3))).toBe(0);
    expect(taxonomyCredit(net, d(2), d(11))).toBe(0);
    expect(taxonomyCredit(net, d(1), d(10))).toBe(0);
  });

  it('carries through to the score: exact > child offered for a parent sought > parent offered for a child sought', () => {
    const seeker = person('s', { seeks: [10] });
    const childSeeker = person('s', { seeks: [11] });
    const exact = pairScore(person('o', { offers: offers([10, EXPERT]) }), seeker, only('complementarity'));
    const child = pairScore(person('o', { offers: offers([11, EXPERT]) }), seeker, only('complementarity'));
    const parent = pairScore(person('o', { offers: offers([10, EXPERT]) }), childSeeker, only('complementarity'));
    expect([exact, child, parent]).toEqual([1, 0.6, 0.3]);
  });
});

describe('each weight', () => {
  const seeker = person('s', { seeks: [2], sector: Sector.CITIZEN });

  it('complementarity rewards the level of the best offer (0.5, 0.75, 1)', () => {
    const at = (level: ExpertiseLevel): number => pairScore(person('o', { offers: offers([2, level]) }), seeker, only('complementarity'));
    expect([at(BASIC), at(EXPERIENCED), at(EXPERT)]).toEqual([0.5, 0.75, 1]);
  });

  it('mutuality rewards both directions over one (harmonic mean), and is 0 for one direction', () => {
    const oneWay = person('o', { offers: offers([2, EXPERT]) });
    const bothWays = person('o', { offers: offers([2, EXPERT]), seeks: [11] });
    const helper = person('s', { seeks: [2], offers: offers([11, BASIC]) });
    expect(pairScore(oneWay, helper, only('mutuality'))).toBe(0);
    expect(pairScore(bothWays, helper, only('mutuality'))).toBeCloseTo(harmonicMean(1, 0.5), 9);
    // With every weight, the mutual pair beats the one-way pair.
    expect(pairScore(bothWays, helper)).toBeGreaterThan(pairScore(oneWay, helper));
  });

  it('proximity decays with distance: 1 at 0 km, 0.5 at maxDistanceKm, 0.5 when a place is unknown', () => {
    const o = (code: string | null): MatchPerson => person('o', { offers: offers([2, EXPERT]), municipalityCode: code });
    const here = pairScore(o(DEN_HAAG), seeker, only('proximity'));
    const delft = pairScore(o(DELFT), seeker, only('proximity'));
    const utrecht = pairScore(o(UTRECHT), seeker, only('proximity'));
    expect(here).toBe(1);
    expect(delft).toBeGreaterThan(utrecht);
    expect(placeProximity(25, 25)).toBe(0.5);
    expect(pairScore(o(null), seeker, only('proximity'))).toBe(0.5);
    expect(pairScore(o(GRONINGEN), seeker, rules({ weights: { ...ZERO, complementarity: 1 } }))).toBe(1);
  });

  it('cross-sector rewards different sectors only', () => {
    const o = (sector: Sector): MatchPerson => person('o', { offers: offers([2, EXPERT]), sector });
    expect(pairScore(o(Sector.GOVERNMENT), seeker, only('crossSector'))).toBe(1);
    expect(pairScore(o(Sector.CITIZEN), seeker, only('crossSector'))).toBe(0);
  });

  it('availability follows the busier side: min(hours, 20) / 20, 0.25 when unknown', () => {
    const o = (hours: number | null): MatchPerson => person('o', { offers: offers([2, EXPERT]), availableHoursPerMonth: hours });
    expect(pairScore(o(10), seeker, only('availability'))).toBe(0.5);
    expect(pairScore(o(100), seeker, only('availability'))).toBe(1);
    expect(pairScore(o(null), seeker, only('availability'))).toBe(0.25);
    expect(pairScore(o(10), person('s', { seeks: [2], availableHoursPerMonth: 4 }), only('availability'))).toBe(0.2);
  });

  it('weights are relative: doubling all of them changes nothing', () => {
    const doubled = rules({ weights: { complementarity: 2, mutuality: 2, proximity: 2, crossSector: 2, initiativeNeed: 2, availability: 2 } });
    expect(pairScore(anna, bram, doubled)).toBe(pairScore(anna, bram));
  });

  it('initiativeNeed rewards the fit with the need: EXPERT beats EXPERIENCED for a need at EXPERIENCED', () => {
    const initiator = person('ini', { sector: Sector.CITIZEN });
    const initiative: MatchInitiative = {
      id: 'tuin',
      title: 'Tuinman in de Wijk',
      municipalityCode: DELFT,
      initiatorIds: ['ini'],
      needs: [{ id: 'n1', disciplineId: 10, minLevelRank: 2, hoursPerMonth: 8 }],
    };
    const score = (pro: MatchPerson, r: MatchRules): number => {
      const net = compileNetwork(matchInput([pro, initiator], { initiatives: [initiative], rules: r }));
      return initiativeScore(net, net.indexOf.get(pro.id)!, 0);
    };
    const expert = person('pro', { offers: offers([10, EXPERT]), availableHoursPerMonth: 4 });
    const experienced = person('pro', { offers: offers([10, EXPERIENCED]) });
    const childExpert = person('pro', { offers: offers([11, EXPERT]) });
    const basic = person('pro', { offers: offers([10, BASIC]) });
    expect(score(expert, only('initiativeNeed'))).toBe(1);
    expect(score(experienced, only('initiativeNeed'))).toBe(0.75);
    expect(score(childExpert, only('initiativeNeed'))).toBe(0.6);
    expect(score(basic, rules())).toBe(0); // below the need's level: no fit at all
    // Availability against the hours the need asks: 4 of 8.
    expect(score(expert, only('availability'))).toBe(0.5);
    // Complementarity and mutuality do not enter an initiative's score.
    expect(score(expert, rules({ weights: { ...ZERO, complementarity: 5, mutuality: 5, initiativeNeed: 1 } }))).toBe(1);

    const net = compileNetwork(matchInput([expert, initiator], { initiatives: [initiative], rules: rules() }));
    const reasons = initiativeReasons(net, net.indexOf.get('pro')!, 0);
    expect(reasons.find((r) => r.code === 'OFFERS_WHAT_INITIATIVE_NEEDS')).toMatchObject({
      audience: 'b',
      nl: 'Pro biedt Openbare ruimte en groen (expert), wat Tuinman in de Wijk nodig heeft',
    });
    expect(reasons.find((r) => r.code === 'INITIATIVE_NEEDS_WHAT_YOU_OFFER')?.en).toBe(
      'Tuinman in de Wijk needs Public space and green (experienced), which you offer (Public space and green, expert)',
    );
    const total = initiativeScore(net, net.indexOf.get('pro')!, 0);
    expect(forAudience(reasons, 'a')).toBeCloseTo(total, 6);
    expect(forAudience(reasons, 'b')).toBeCloseTo(total, 6);
  });

  it('scope does not enter the score (it is a constraint, see candidates)', () => {
    const local = person('o', { offers: offers([2, EXPERT]), scope: RegionScope.LOCAL });
    expect(pairScore(local, seeker)).toBe(pairScore(person('o', { offers: offers([2, EXPERT]) }), seeker));
  });
});
