// The engine's input compiled into columns: people, disciplines, places and initiatives become
// dense indexes with typed arrays, so scoring and candidate generation read numbers, not objects.
// People and initiatives are indexed in id order, so "smaller index" means "smaller id" and
// every tie-break on indexes is a tie-break on ids.
import { RegionScope } from '../../common/enums.js';
import { distanceKm } from '../../regions/distance.js';
import type { MatchDiscipline, MatchInput, MatchInitiative, MatchPerson, MatchPlace, MatchRules } from './types.js';

export const SCOPE_LOCAL = 0;
export const SCOPE_PROVINCE = 1;
export const SCOPE_NATIONAL = 2;
const SCOPE_CODE: Record<RegionScope, number> = {
  [RegionScope.LOCAL]: SCOPE_LOCAL,
  [RegionScope.PROVINCE]: SCOPE_PROVINCE,
  [RegionScope.NATIONAL]: SCOPE_NATIONAL,
};

const DAY_MS = 86_400_000;

/**
 * Layout of Network.row: per person, the fields that scoring a pair reads, side by side. A pair
 * is scored tens of millions of times at a million people, for partners scattered over the
 * arrays: from separate columns each field was a cache miss of its own, from one row of 32 bytes
 * they come in one.
 */
export const ROW = 8;
export const ROW_OFFERS = 0;
export const ROW_OFFERS_END = 1;
export const ROW_SEEKS = 2;
export const ROW_SEEKS_END = 3;
export const ROW_PLACE = 4;
export const ROW_HOURS = 5;
/** Organisation code (trimmed, case-insensitive), or -1 for none. */
export const ROW_ORGANISATION = 6;
/** Sector code, plus IN_BLOCKED when the person is in some blocked pair. */
export const ROW_FLAGS = 7;
export const IN_BLOCKED = 1 << 8;

/** κ for a child offered where its parent is sought, per level between them (score.ts header). */
export const CHILD_CREDIT = 0.6;
/** κ for a parent offered where its child is sought, per level between them. */
export const PARENT_CREDIT = 0.3;

export interface Network {
  rules: MatchRules;
  people: readonly MatchPerson[];
  /** Person index by id. */
  indexOf: ReadonlyMap<string, number>;
  scope: Uint8Array;
  /** Place index or -1. */
  place: Int32Array;
  sector: readonly string[];
  /** Hours a month or -1 (unknown). */
  hours: Int32Array;
  /** min(run cap, own cap per digest), at least 0. */
  capacity: Int32Array;
  /** Offers per person (CSR): discipline index and best level rank, by discipline index. */
  offerStart: Int32Array;
  offerDiscipline: Int32Array;
  offerRank: Uint8Array;
  /** Seeks per person (CSR), distinct, by discipline index. */
  seekStart: Int32Array;
  seekDiscipline: Int32Array;

  /** Discipline ids by index (ascending), parent index (-1 for a root), depth (0 for a root). */
  disciplineIds: Int32Array;
  disciplineIndex: ReadonlyMap<number, number>;
  parent: Int32Array;
  depth: Int32Array;
  disciplineNames: readonly MatchDiscipline[];
  /**
   * κ(s, o) of every pair of disciplines (score.ts header) at s · disciplineCount + o: scoring
   * reads a number instead of walking the tree for each (seek, offer) of each pair.
   */
  credit: Float64Array;

  places: readonly MatchPlace[];
  /** Province index per place. */
  province: Int32Array;
  provinceCount: number;
  /** Distance between places p and q in km at p · places + q: one haversine per pair of places, not per pair of people. */
  distance: Float64Array;
  /** Per place: the places within maxDistanceKm (itself included), ascending. */
  near: readonly Int32Array[];

  initiatives: readonly MatchInitiative[];
  initiativePlace: Int32Array;
  /** Person index of the initiator proposals go to, or -1 when none is eligible this run. */
  initiator: Int32Array;
  /** Person indexes of all eligible initiators of each initiative. */
  initiatorsOf: readonly ReadonlySet<number>[];
  /** Needs per initiative (CSR), by need id. */
  needStart: Int32Array;
  needDiscipline: Int32Array;
  needRank: Uint8Array;
  /** Hours a month or -1 (not asked). */
  needHours: Int32Array;
  needIds: readonly string[];

  /** Pair keys (pairKey) that the history rules out: declined ever, or introduced within the cool-down. */
  blocked: ReadonlySet<number>;
  /**
   * Per person ROW entries (see ROW): copies of the columns above that scoring reads, the sector
   * as a code (equal exactly when the sectors are), and IN_BLOCKED for the people in some blocked
   * pair, so that most pairs skip the lookup in `blocked`.
   */
  row: Int32Array;
}

/** Key of an unordered pair of person indexes. Exact: n ≤ 2^26 keeps n² below 2^53. */
export function pairKey(n: number, i: number, j: number): number {
  return i < j ? i * n + j : j * n + i;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function normaliseOrganisation(organisation: string | null): string | null {
  const trimmed = organisation?.trim().toLocaleLowerCase('nl') ?? '';
  return trimmed === '' ? null : trimmed;
}

export function compileNetwork(input: MatchInput): Network {
  const { rules } = input;
  const people = [...input.people].sort(byId);
  const n = people.length;
  const indexOf = new Map<string, number>();
  people.forEach((p, i) => {
    if (indexOf.has(p.id)) throw new RangeError(`Person ${p.id} appears twice in the matching input`);
    indexOf.set(p.id, i);
  });

  // Disciplines: every id in the taxonomy or used by someone, indexed in ascending id order.
  const ids = new Set<number>(input.disciplines.keys());
  for (const p of people) {
    for (const o of p.offers) ids.add(o.disciplineId);
    for (const s of p.seeks) ids.add(s);
  }
  for (const initiative of input.initiatives) for (const need of initiative.needs) ids.add(need.disciplineId);
  const disciplineIds = Int32Array.from([...ids].sort((a, b) => a - b));
  const disciplineIndex = new Map<number, number>();
  disciplineIds.forEach((id, i) => disciplineIndex.set(id, i));
  const parent = new Int32Array(disciplineIds.length).fill(-1);
  const disciplineNames: MatchDiscipline[] = [];
  disciplineIds.forEach((id, i) => {
    const d = input.disciplines.get(id);
    disciplineNames.push(d ?? { parentId: null, nl: String(id), en: String(id) });
    if (d && d.parentId !== null) parent[i] = disciplineIndex.get(d.parentId) ?? -1;
  });
  const depth = new Int32Array(disciplineIds.length);
  for (let d = 0; d < depth.length; d++) {
    let k = 0;
    for (let a = parent[d]; a >= 0; a = parent[a]) {
      if (++k > depth.length) throw new RangeError('The discipline taxonomy has a cycle');
    }
    depth[d] = k;
  }
  const disciplineCount = disciplineIds.length;
  const credit = new Float64Array(disciplineCount * disciplineCount);
  for (let sought = 0; sought < disciplineCount; sought++) {
    for (let offered = 0; offered < disciplineCount; offered++) credit[sought * disciplineCount + offered] = taxonomyCredit(parent, depth, sought, offered);
  }

  // Places and provinces.
  const places = input.places;
  const placeIndex = new Map<string, number>();
  places.forEach((p, i) => placeIndex.set(p.code, i));
  const provinceIndex = new Map<string, number>();
  const province = Int32Array.from(places, (p) => {
    let code = provinceIndex.get(p.provinceCode);
    if (code === undefined) {
      code = provinceIndex.size;
      provinceIndex.set(p.provinceCode, code);
    }
    return code;
  });
  const distance = new Float64Array(places.length * places.length);
  const near: Int32Array[] = places.map((from, i) => {
    const within: number[] = [];
    places.forEach((to, j) => {
      const km = i === j ? 0 : distanceKm(from.latitude, from.longitude, to.latitude, to.longitude);
      distance[i * places.length + j] = km;
      if (km <= rules.maxDistanceKm || to === from) within.push(j);
    });
    return Int32Array.from(within);
  });

  // People columns.
  const scope = new Uint8Array(n);
  const place = new Int32Array(n);
  const organisation = new Int32Array(n);
  const hours = new Int32Array(n);
  const capacity = new Int32Array(n);
  const organisationCodes = new Map<string, number>();
  const sectorCode = new Uint8Array(n);
  const sectorCodes = new Map<string, number>();
  const runCap = Math.max(0, Math.floor(rules.maxIntroductionsPerPersonPerRun));
  const offerStart = new Int32Array(n + 1);
  const seekStart = new Int32Array(n + 1);
  const offerDisciplines: number[] = [];
  const offerRanks: number[] = [];
  const seekDisciplines: number[] = [];
  people.forEach((p, i) => {
    scope[i] = SCOPE_CODE[p.scope];
    let sector = sectorCodes.get(p.sector);
    if (sector === undefined) {
      sector = sectorCodes.size;
      sectorCodes.set(p.sector, sector);
    }
    sectorCode[i] = sector;
    place[i] = p.municipalityCode !== null ? (placeIndex.get(p.municipalityCode) ?? -1) : -1;
    const org = normaliseOrganisation(p.organisation);
    if (org === null) organisation[i] = -1;
    else {
      let code = organisationCodes.get(org);
      if (code === undefined) {
        code = organisationCodes.size;
        organisationCodes.set(org, code);
      }
      organisation[i] = code;
    }
    hours[i] = p.availableHoursPerMonth ?? -1;
    capacity[i] = Math.min(runCap, Math.max(0, Math.floor(p.maxIntroductionsPerDigest)));
    const best = new Map<number, number>();
    for (const o of p.offers) {
      const d = disciplineIndex.get(o.disciplineId)!;
      best.set(d, Math.max(best.get(d) ?? 0, o.levelRank));
    }
    for (const d of [...best.keys()].sort((a, b) => a - b)) {
      offerDisciplines.push(d);
      offerRanks.push(best.get(d)!);
    }
    offerStart[i + 1] = offerDisciplines.length;
    for (const d of [...new Set(p.seeks.map((s) => disciplineIndex.get(s)!))].sort((a, b) => a - b)) seekDisciplines.push(d);
    seekStart[i + 1] = seekDisciplines.length;
  });

  // Initiatives, in id order, with their needs in id order.
  const initiatives = [...input.initiatives].sort(byId);
  const initiativePlace = Int32Array.from(initiatives, (it) => (it.municipalityCode !== null ? (placeIndex.get(it.municipalityCode) ?? -1) : -1));
  const initiator = Int32Array.from(initiatives, (it) => {
    for (const id of it.initiatorIds) {
      const i = indexOf.get(id);
      if (i !== undefined) return i;
    }
    return -1;
  });
  const initiatorsOf = initiatives.map((it) => new Set(it.initiatorIds.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id)!] : []))));
  const needStart = new Int32Array(initiatives.length + 1);
  const needDiscipline: number[] = [];
  const needRank: number[] = [];
  const needHours: number[] = [];
  const needIds: string[] = [];
  initiatives.forEach((it, i) => {
    for (const need of [...it.needs].sort(byId)) {
      needDiscipline.push(disciplineIndex.get(need.disciplineId)!);
      needRank.push(need.minLevelRank);
      needHours.push(need.hoursPerMonth ?? -1);
      needIds.push(need.id);
    }
    needStart[i + 1] = needIds.length;
  });

  // History: a decline rules a pair out for good, any introduction within the cool-down for now.
  const blocked = new Set<number>();
  const inBlocked = new Uint8Array(n);
  const cooldownStart = input.now.getTime() - rules.cooldownDays * DAY_MS;
  for (const h of input.history) {
    const a = indexOf.get(h.a);
    const b = indexOf.get(h.b);
    if (a === undefined || b === undefined || a === b) continue;
    if (h.status === 'DECLINED' || h.date.getTime() > cooldownStart) {
      blocked.add(pairKey(n, a, b));
      inBlocked[a] = 1;
      inBlocked[b] = 1;
    }
  }

  const row = new Int32Array(n * ROW);
  for (let i = 0; i < n; i++) {
    const at = i * ROW;
    row[at + ROW_OFFERS] = offerStart[i];
    row[at + ROW_OFFERS_END] = offerStart[i + 1];
    row[at + ROW_SEEKS] = seekStart[i];
    row[at + ROW_SEEKS_END] = seekStart[i + 1];
    row[at + ROW_PLACE] = place[i];
    row[at + ROW_HOURS] = hours[i];
    row[at + ROW_ORGANISATION] = organisation[i];
    row[at + ROW_FLAGS] = sectorCode[i] | (inBlocked[i] === 1 ? IN_BLOCKED : 0);
  }

  return {
    rules,
    people,
    indexOf,
    scope,
    place,
    sector: people.map((p) => p.sector),
    hours,
    capacity,
    offerStart,
    offerDiscipline: Int32Array.from(offerDisciplines),
    offerRank: Uint8Array.from(offerRanks),
    seekStart,
    seekDiscipline: Int32Array.from(seekDisciplines),
    disciplineIds,
    disciplineIndex,
    parent,
    depth,
    disciplineNames,
    credit,
    places,
    province,
    provinceCount: provinceIndex.size,
    distance,
    near,
    initiatives,
    initiativePlace,
    initiator,
    initiatorsOf,
    needStart,
    needDiscipline: Int32Array.from(needDiscipline),
    needRank: Uint8Array.from(needRank),
    needHours: Int32Array.from(needHours),
    needIds,
    blocked,
    row,
  };
}

/** κ(s, o) over discipline indexes, from the tree (see score.ts); compileNetwork tabulates it. */
function taxonomyCredit(parent: Int32Array, depth: Int32Array, sought: number, offered: number): number {
  if (sought === offered) return 1;
  const gap = depth[offered] - depth[sought];
  if (gap > 0) {
    let a = offered;
    for (let k = 0; k < gap; k++) a = parent[a];
    return a === sought ? CHILD_CREDIT ** gap : 0;
  }
  if (gap < 0) {
    let a = sought;
    for (let k = 0; k < -gap; k++) a = parent[a];
    return a === offered ? PARENT_CREDIT ** -gap : 0;
  }
  return 0;
}

/** Distance between two places, km; -1 when either is unknown. */
export function placeDistance(net: Network, p: number, q: number): number {
  if (p < 0 || q < 0) return -1;
  return net.distance[p * net.places.length + q];
}

/**
 * Whether someone with `scope` at place `from` accepts an introduction to someone (or an
 * initiative) at place `to`: NATIONAL anywhere, even with no known place; PROVINCE in the same
 * province; LOCAL within maxDistanceKm. Without a known place of either, only NATIONAL accepts.
 * A pair is allowed when each side accepts the other; an initiative when the professional accepts
 * its place (the initiator is not asked: the initiative is where it is).
 */
export function admits(net: Network, scope: number, from: number, to: number): boolean {
  if (scope === SCOPE_NATIONAL) return true;
  if (from < 0 || to < 0) return false;
  if (scope === SCOPE_PROVINCE) return net.province[from] === net.province[to];
  return from === to || placeDistance(net, from, to) <= net.rules.maxDistanceKm;
}
