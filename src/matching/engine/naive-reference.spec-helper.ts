// Test support (imported by specs, and by bench/matching.bench.ts at 10,000 people): a naive
// all-pairs matcher as the reference for the engine, and a seeded generator of small random
// networks. The reference checks every constraint straight
// from the input, enumerates every pair and every (professional, initiative), and runs a plain
// greedy; it shares only the scoring functions (score.ts, tested on their own) with the engine.
import { ExpertiseLevel, LEVEL_RANK, RegionScope, Sector } from '../../common/enums.js';
import { distanceKm } from '../../regions/distance.js';
import { compileNetwork } from './network.js';
import { initiativeScore, peerScore } from './score.js';
import type { HistoryEntry, MatchDiscipline, MatchInitiative, MatchInput, MatchPerson, MatchPlace, MatchRules, ProposalKind } from './types.js';
import { mulberry32 } from '../../common/prng.js';

export interface PlainProposal {
  kind: ProposalKind;
  a: string;
  b: string;
  initiativeId: string | null;
  score: number;
}

export interface NaiveResult {
  proposals: PlainProposal[];
  candidatePairs: number;
}

const DAY_MS = 86_400_000;

function org(value: string | null): string | null {
  const t = value?.trim().toLocaleLowerCase('nl') ?? '';
  return t === '' ? null : t;
}

export function naiveMatching(input: MatchInput): NaiveResult {
  const { rules } = input;
  const net = compileNetwork(input);
  const people = net.people;
  const placeOf = new Map(input.places.map((p) => [p.code, p]));
  const place = (code: string | null): MatchPlace | undefined => (code === null ? undefined : placeOf.get(code));
  const accepts = (scope: RegionScope, from: MatchPlace | undefined, to: MatchPlace | undefined): boolean => {
    if (scope === RegionScope.NATIONAL) return true;
    if (!from || !to) return false;
    if (scope === RegionScope.PROVINCE) return from.provinceCode === to.provinceCode;
    return distanceKm(from.latitude, from.longitude, to.latitude, to.longitude) <= rules.maxDistanceKm || from === to;
  };
  // Straight from the input, looked up per pair: organisations normalised and the history's
  // blocking pairs collected once, so the all-pairs loop stays usable at 10,000 people (bench).
  const organisationOf = new Map(people.map((p) => [p.id, org(p.organisation)]));
  const blockedWith = new Map<string, Set<string>>();
  const block = (a: string, b: string): void => {
    const others = blockedWith.get(a);
    if (others) others.add(b);
    else blockedWith.set(a, new Set([b]));
  };
  for (const h of input.history) {
    if (h.status === 'DECLINED' || h.date.getTime() > input.now.getTime() - rules.cooldownDays * DAY_MS) {
      block(h.a, h.b);
      block(h.b, h.a);
    }
  }
  const blocked = (x: MatchPerson, y: MatchPerson): boolean => {
    if (x.id === y.id) return true;
    const o = organisationOf.get(x.id);
    if (rules.excludeSameOrganisation && o !== null && o === organisationOf.get(y.id)) return true;
    return blockedWith.get(x.id)?.has(y.id) ?? false;
  };

  interface Candidate extends PlainProposal {
    i: number;
    j: number;
    it: number;
  }
  const candidates: Candidate[] = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      const x = people[i];
      const y = people[j];
      if (blocked(x, y)) continue;
      if (!accepts(x.scope, place(x.municipalityCode), place(y.municipalityCode))) continue;
      if (!accepts(y.scope, place(y.municipalityCode), place(x.municipalityCode))) continue;
      const score = peerScore(net, i, j);
      if (score > 0 && score >= rules.minScore) candidates.push({ kind: 'PEER', a: x.id, b: y.id, initiativeId: null, score, i, j, it: -1 });
    }
  }
  net.initiatives.forEach((initiative, it) => {
    const initiatorId = initiative.initiatorIds.find((id) => net.indexOf.has(id));
    if (initiatorId === undefined) return;
    const r = net.indexOf.get(initiatorId)!;
    people.forEach((x, p) => {
      if (initiative.initiatorIds.includes(x.id) || blocked(x, people[r])) return;
      if (!accepts(x.scope, place(x.municipalityCode), place(initiative.municipalityCode))) return;
      const score = initiativeScore(net, p, it);
      if (score > 0 && score >= rules.minScore) {
        candidates.push({ kind: 'INITIATIVE', a: x.id, b: initiatorId, initiativeId: initiative.id, score, i: Math.min(p, r), j: Math.max(p, r), it });
      }
    });
  });

  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j || (x.it < 0 ? 1 : 0) - (y.it < 0 ? 1 : 0) || x.it - y.it);
  const left = people.map((_, i) => net.capacity[i]);
  const pairs = new Set<string>();
  const proposals: PlainProposal[] = [];
  for (const c of candidates) {
    if (left[c.i] <= 0 || left[c.j] <= 0 || pairs.has(`${c.i}/${c.j}`)) continue;
    pairs.add(`${c.i}/${c.j}`);
    left[c.i] -= 1;
    left[c.j] -= 1;
    proposals.push({ kind: c.kind, a: c.a, b: c.b, initiativeId: c.initiativeId, score: c.score });
  }
  return { proposals, candidatePairs: candidates.length };
}


export interface RandomNetworkOptions {
  people: number;
  initiatives: number;
}

/** A random small network: 3 roots with 3 children each, 8 places in 3 provinces, random everything else. */
export function randomNetwork(seed: number, options: RandomNetworkOptions): MatchInput {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const disciplines = new Map<number, MatchDiscipline>();
  for (let root = 1; root <= 3; root++) {
    disciplines.set(root * 10, { parentId: null, nl: `Groep ${root}`, en: `Group ${root}` });
    for (let c = 1; c <= 3; c++) disciplines.set(root * 10 + c, { parentId: root * 10, nl: `Vak ${root}.${c}`, en: `Field ${root}.${c}` });
  }
  const ids = [...disciplines.keys()];
  const places: MatchPlace[] = Array.from({ length: 8 }, (_, k) => ({
    code: `GM${String(k).padStart(4, '0')}`,
    provinceCode: `PV2${k % 3}`,
    provinceName: `Provincie ${k % 3}`,
    latitude: 51.5 + random() * 1.2,
    longitude: 4 + random() * 1.5,
  }));
  const levels = [ExpertiseLevel.BASIC, ExpertiseLevel.EXPERIENCED, ExpertiseLevel.EXPERT];
  const people: MatchPerson[] = Array.from({ length: options.people }, (_, k) => ({
    id: `p${String(k).padStart(3, '0')}`,
    name: `Persoon ${k}`,
    offers: Array.from({ length: int(0, 3) }, () => ({ disciplineId: pick(ids), levelRank: LEVEL_RANK[pick(levels)] })),
    seeks: Array.from({ length: int(0, 2) }, () => pick(ids)),
    municipalityCode: random() < 0.1 ? null : pick(places).code,
    scope: pick([RegionScope.LOCAL, RegionScope.PROVINCE, RegionScope.NATIONAL]),
    sector: pick(Object.values(Sector)),
    organisation: random() < 0.4 ? null : pick(['Gemeente A', 'gemeente a ', 'Universiteit', 'Coöperatie']),
    availableHoursPerMonth: random() < 0.2 ? null : int(0, 30),
    maxIntroductionsPerDigest: int(0, 4),
  }));
  const now = new Date('2025-06-01T00:00:00Z');
  const history: HistoryEntry[] = Array.from({ length: options.people }, () => ({
    a: pick(people).id,
    b: pick(people).id,
    status: pick(['PROPOSED', 'SENT', 'ACCEPTED', 'CONNECTED', 'DECLINED', 'EXPIRED'] as const),
    date: new Date(now.getTime() - int(0, 120) * DAY_MS),
  }));
  const initiatives: MatchInitiative[] = Array.from({ length: options.initiatives }, (_, k) => ({
    id: `i${String(k).padStart(2, '0')}`,
    title: `Initiatief ${k}`,
    municipalityCode: random() < 0.1 ? null : pick(places).code,
    initiatorIds: Array.from({ length: int(1, 2) }, () => (random() < 0.8 ? pick(people).id : 'not-eligible')),
    needs: Array.from({ length: int(1, 3) }, (_, m) => ({
      id: `n${k}-${m}`,
      disciplineId: pick(ids),
      minLevelRank: int(1, 3),
      hoursPerMonth: random() < 0.5 ? null : int(2, 16),
    })),
  }));
  const rules: MatchRules = {
    weights: {
      complementarity: int(0, 10),
      mutuality: int(0, 10),
      proximity: int(0, 10),
      crossSector: int(0, 10),
      initiativeNeed: int(0, 10),
      availability: int(0, 10),
    },
    minScore: random() * 0.6,
    maxDistanceKm: int(10, 60),
    maxIntroductionsPerPersonPerRun: int(1, 4),
    cooldownDays: int(0, 60),
    excludeSameOrganisation: random() < 0.5,
  };
  return { people, places, disciplines, initiatives, history, rules, now };
}

// Hand-made fixtures for the specs.

export const DISCIPLINES: ReadonlyMap<number, MatchDiscipline> = new Map([
  [1, { parentId: null, nl: 'Participatie en communicatie', en: 'Participation and communication' }],
  [2, { parentId: 1, nl: 'Participatie', en: 'Citizen participation' }],
  [3, { parentId: 1, nl: 'Communicatie', en: 'Communication' }],
  [10, { parentId: null, nl: 'Openbare ruimte en groen', en: 'Public space and green' }],
  [11, { parentId: 10, nl: 'Groenbeheer', en: 'Green space management' }],
  [20, { parentId: null, nl: 'Recht en governance', en: 'Law and governance' }],
  [21, { parentId: 20, nl: 'Statuten', en: 'Statutes' }],
]);

/** Den Haag and Delft 0.1° of latitude apart (11.12 km), Utrecht ~57 km east, Groningen far north. */
export const PLACES: readonly MatchPlace[] = [
  { code: 'GM0518', provinceCode: 'PV28', provinceName: 'Zuid-Holland', latitude: 52.0, longitude: 4.3 },
  { code: 'GM0503', provinceCode: 'PV28', provinceName: 'Zuid-Holland', latitude: 52.1, longitude: 4.3 },
  { code: 'GM0344', provinceCode: 'PV26', provinceName: 'Utrecht', latitude: 52.09, longitude: 5.12 },
  { code: 'GM0014', provinceCode: 'PV20', provinceName: 'Groningen', latitude: 53.22, longitude: 6.57 },
];
export const DEN_HAAG = 'GM0518';
export const DELFT = 'GM0503';
export const UTRECHT = 'GM0344';
export const GRONINGEN = 'GM0014';

export const EQUAL_WEIGHTS = { complementarity: 1, mutuality: 1, proximity: 1, crossSector: 1, initiativeNeed: 1, availability: 1 };

export function rules(overrides: Partial<MatchRules> = {}): MatchRules {
  return {
    weights: EQUAL_WEIGHTS,
    minScore: 0,
    maxDistanceKm: 25,
    maxIntroductionsPerPersonPerRun: 3,
    cooldownDays: 90,
    excludeSameOrganisation: false,
    ...overrides,
  };
}

export function person(id: string, overrides: Partial<MatchPerson> = {}): MatchPerson {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    offers: [],
    seeks: [],
    municipalityCode: DEN_HAAG,
    scope: RegionScope.NATIONAL,
    sector: Sector.GOVERNMENT,
    organisation: null,
    availableHoursPerMonth: 20,
    maxIntroductionsPerDigest: 5,
    ...overrides,
  };
}

export function offers(...pairs: [disciplineId: number, level: ExpertiseLevel][]): MatchPerson['offers'] {
  return pairs.map(([disciplineId, level]) => ({ disciplineId, levelRank: LEVEL_RANK[level] }));
}

export const NOW = new Date('2025-06-01T00:00:00Z');

export function matchInput(people: MatchPerson[], overrides: Partial<MatchInput> = {}): MatchInput {
  return { people, places: PLACES, disciplines: DISCIPLINES, initiatives: [], history: [], rules: rules(), now: NOW, ...overrides };
}
