// Team suggestion for an initiative: pick at most `maxMembers` professionals who together cover as
// many of its open needs as possible. Plain TypeScript (no Nest, TypeORM or database imports): the
// caller loads the open needs and the candidates, and leaves out the initiative's own initiators
// and anyone who must not be suggested before calling `suggestTeam`.
import { proximity } from '../../regions/distance.js';

export interface NeedToCover {
  id: string;
  /** The need's discipline and its descendants: offering any of them meets the need. */
  disciplineIds: readonly number[];
  /** Minimum level rank (1 BASIC, 2 EXPERIENCED, 3 EXPERT). */
  minLevelRank: number;
  hoursPerMonth: number | null;
}

export interface TeamCandidate {
  /** Unique among the candidates; also the final tie-break (plain string order). */
  id: string;
  offers: readonly { disciplineId: number; levelRank: number }[];
  /** Distance to the initiative, km; null when unknown (no municipality). */
  distanceKm: number | null;
  availableHoursPerMonth: number | null;
}

export interface TeamCoverOptions {
  /** Largest team to propose; a fraction rounds down, 0 or less proposes nobody. */
  maxMembers: number;
}

export interface TeamCover {
  /** In the order the greedy picked them; `covers` lists need ids in the needs' input order. */
  members: { candidateId: string; covers: string[] }[];
  /** Need ids, in input order, that nobody suitable offers or that `maxMembers` left uncovered. */
  uncovered: string[];
}

/**
 * Why a member is in the team, as data (codes and numbers; the caller writes the texts, in its
 * reader's language). `weight` is how well that aspect fits, in [0, 1]: 1 for a covered need
 * (covering needs is what the greedy maximises), the distance fit (1 at 0 km, 0.5 at 25 km or
 * unknown) and the hours fit (available ÷ asked, at most 1, averaged over the needs covered).
 */
export type TeamReason =
  | {
      code: 'COVERS_NEED';
      needId: string;
      /** What the member offers that meets the need best: the need's discipline or a descendant, at `levelRank` ≥ `minLevelRank`. */
      offeredDisciplineId: number;
      levelRank: number;
      minLevelRank: number;
      weight: number;
    }
  | { code: 'DISTANCE'; km: number; weight: number }
  | { code: 'DISTANCE_UNKNOWN'; weight: number }
  /** `askedHoursPerMonth`: the sum over the covered needs that ask hours; null when none does. */
  | { code: 'HOURS'; availableHoursPerMonth: number; askedHoursPerMonth: number | null; weight: number }
  | { code: 'HOURS_UNKNOWN'; askedHoursPerMonth: number | null; weight: number };

/** Distance at which proximity has halved; also what an unknown distance is worth (0.5). */
const PROXIMITY_HALF_KM = 25;
const UNKNOWN_FACTOR = 0.5;
/** Shares of the pair quality q; they sum to 1, so q lies in (0, 1]. */
const WEIGHT_PROXIMITY = 0.5;
const WEIGHT_HOURS = 0.4;
const WEIGHT_LEVEL = 0.1;
/** Level ranks above the minimum that earn the full level bonus (BASIC asked, EXPERT offered). */
const FULL_LEVEL_MARGIN = 2;

/** 1 at 0 km, 0.5 at 25 km, 0.2 at 100 km; an unknown distance counts as 25 km. */
function distanceFit(distanceKm: number | null): number {
  if (distanceKm === null) return UNKNOWN_FACTOR;
  return proximity(Math.max(0, distanceKm), PROXIMITY_HALF_KM);
}

/** 1 when the candidate has the hours the need asks (or it asks none); proportionally less otherwise. */
function hoursFit(available: number | null, asked: number | null): number {
  if (asked === null || asked <= 0) return 1;
  if (available === null) return UNKNOWN_FACTOR;
  return Math.min(1, Math.max(0, available) / asked);
}

/**
 * How well one candidate fits one need it can cover, in (0, 1]:
 * q = 0.5 · proximity + 0.4 · hours fit + 0.1 · level margin.
 * Proximity is always > 0, so q is too. Example: 5 km away (proximity 1/(1 + 5/25) = 0.833), 8 of
 * the 8 hours asked (1) and EXPERIENCED where BASIC is asked (margin 1/2 = 0.5):
 * q = 0.417 + 0.4 + 0.05 = 0.867.
 */
function pairQuality(candidate: TeamCandidate, need: NeedToCover, bestRank: number): number {
  const margin = Math.min(1, Math.max(0, bestRank - need.minLevelRank) / FULL_LEVEL_MARGIN);
  return (
    WEIGHT_PROXIMITY * distanceFit(candidate.distanceKm) +
    WEIGHT_HOURS * hoursFit(candidate.availableHoursPerMonth, need.hoursPerMonth) +
    WEIGHT_LEVEL * margin
  );
}

interface Coverable {
  needIndex: number;
  quality: number;
}

/** The needs (by index, ascending) a candidate can cover, each with its pair quality. */
function coverableNeeds(
  candidate: TeamCandidate,
  needs: readonly NeedToCover[],
  needsByDiscipline: ReadonlyMap<number, readonly number[]>,
): Coverable[] {
  // Best level offered for each need this candidate touches through any of the need's disciplines.
  const bestRankByNeed = new Map<number, number>();
  for (const offer of candidate.offers) {
    for (const needIndex of needsByDiscipline.get(offer.disciplineId) ?? []) {
      const best = bestRankByNeed.get(needIndex);
      if (best === undefined || offer.levelRank > best) bestRankByNeed.set(needIndex, offer.levelRank);
    }
  }
  const coverable: Coverable[] = [];
  for (const [needIndex, bestRank] of bestRankByNeed) {
    const need = needs[needIndex]!;
    if (bestRank >= need.minLevelRank) {
      coverable.push({ needIndex, quality: pairQuality(candidate, need, bestRank) });
    }
  }
  return coverable.sort((a, b) => a.needIndex - b.needIndex);
}

/**
 * Greedy weighted maximum coverage. A candidate can cover a need when it offers one of the need's
 * `disciplineIds` at `levelRank >= minLevelRank`. Each round picks the candidate with the largest
 *   gain = Σ over the needs it would newly cover of (1 + ε · q),   ε = 1 / (needs + 1),
 * ties going to the smaller candidate id; it stops after `maxMembers` picks or when nobody adds a
 * need. Since ε · Σq ≤ needs / (needs + 1) < 1, covering one more need always beats any amount of
 * quality: quality (nearby, enough hours, a higher level) only chooses among candidates that add
 * equally many needs. A need belongs to the member that covered it first and is never reassigned.
 *
 * Worked example, ε = 1/4 for three needs:
 *   statuten  (law, EXPERIENCED, 8 h)   subsidie (finance, BASIC)   groen (green, EXPERIENCED, 4 h)
 *   anna: law EXPERT + finance BASIC, 5 km, 8 h      → statuten q 0.867, subsidie q 0.817
 *   bram: finance EXPERT + green EXPERIENCED, 30 km, hours unknown → subsidie q 0.727, groen q 0.427
 *   cor:  green EXPERT, 2 km, 2 h                    → groen q 0.713
 *   Round 1: anna 2 + (0.867 + 0.817)/4 = 2.421, bram 2 + (0.727 + 0.427)/4 = 2.289, cor 1.178 → anna.
 *   Round 2: only groen is open: bram 1.107, cor 1.178 → cor (nearer, though short of hours).
 *   With maxMembers 2 the team is anna {statuten, subsidie} + cor {groen}; nothing is uncovered.
 *
 * Guarantee: the primary objective is the classic greedy for maximum coverage under a cardinality
 * constraint (whatever the tie-break), so it covers at least 1 − (1 − 1/k)^k ≥ 1 − 1/e ≈ 63% of the
 * needs the best team of k = maxMembers members covers (Nemhauser, Wolsey & Fisher 1978). Run
 * without a binding limit it is the greedy for set cover, which uses at most H(n) ≤ ln n + 1 times
 * as many members as the smallest team covering every coverable need (Johnson 1974; Chvátal 1979).
 * Quality carries no guarantee; it only breaks ties in the count.
 *
 * It is not always optimal. Needs n1…n6; a offers n1–n3, b offers n4–n6, c offers n2–n5. With
 * maxMembers 2 the greedy takes c (4 needs) and then a (1 more, wins the tie with b by id), covering
 * 5 needs, while a + b cover all 6; with maxMembers 3 it needs all three people where two suffice.
 *
 * Cost: building the coverable lists is O(Σ|offers| × needs per discipline); each round scans them,
 * so the whole is O(maxMembers × Σ coverable pairs) ≤ O(maxMembers × candidates × needs), a few
 * milliseconds for thousands of candidates and the handful of needs an initiative has.
 */
export function suggestTeam(
  needs: readonly NeedToCover[],
  candidates: readonly TeamCandidate[],
  options: TeamCoverOptions,
): TeamCover {
  const needsByDiscipline = new Map<number, number[]>();
  needs.forEach((need, needIndex) => {
    for (const disciplineId of new Set(need.disciplineIds)) {
      const list = needsByDiscipline.get(disciplineId);
      if (list) list.push(needIndex);
      else needsByDiscipline.set(disciplineId, [needIndex]);
    }
  });

  const pool = candidates
    .map((candidate) => ({ candidate, coverable: coverableNeeds(candidate, needs, needsByDiscipline) }))
    .filter((entry) => entry.coverable.length > 0);

  const epsilon = 1 / (needs.length + 1);
  const limit = Math.floor(options.maxMembers);
  const coveredBy: (string | undefined)[] = needs.map(() => undefined);
  const picked = new Set<string>();
  const members: TeamCover['members'] = [];

  while (members.length < limit) {
    let best: { id: string; gain: number; newNeeds: number[] } | undefined;
    for (const { candidate, coverable } of pool) {
      if (picked.has(candidate.id)) continue;
      let gain = 0;
      const newNeeds: number[] = [];
      for (const { needIndex, quality } of coverable) {
        if (coveredBy[needIndex] !== undefined) continue;
        gain += 1 + epsilon * quality;
        newNeeds.push(needIndex);
      }
      if (newNeeds.length === 0) continue;
      if (!best || gain > best.gain || (gain === best.gain && candidate.id < best.id)) {
        best = { id: candidate.id, gain, newNeeds };
      }
    }
    if (!best) break;
    picked.add(best.id);
    for (const needIndex of best.newNeeds) coveredBy[needIndex] = best.id;
    members.push({ candidateId: best.id, covers: best.newNeeds.map((needIndex) => needs[needIndex]!.id) });
  }

  return {
    members,
    uncovered: needs.filter((_, needIndex) => coveredBy[needIndex] === undefined).map((need) => need.id),
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Why `candidate`, a member of a team from suggestTeam, is in it: one COVERS_NEED per need in
 * `covers` (in that order), then the distance to the initiative, then the hours. Example: 5 km
 * away with 6 hours, covering a need that asks 8 hours and one that asks none: DISTANCE 5 km
 * (weight 1/(1 + 5/25) = 0.833), HOURS 6 of 8 asked (weight (0.75 + 1)/2 = 0.875).
 */
export function memberReasons(candidate: TeamCandidate, covers: readonly string[], needs: readonly NeedToCover[]): TeamReason[] {
  const needById = new Map(needs.map((n) => [n.id, n]));
  const covered = covers.map((id) => needById.get(id)).filter((n): n is NeedToCover => n !== undefined);
  const reasons: TeamReason[] = [];
  for (const need of covered) {
    // The best level among the need's disciplines; on equal levels the earlier offer.
    let best: TeamCandidate['offers'][number] | undefined;
    for (const offer of candidate.offers) {
      if (need.disciplineIds.includes(offer.disciplineId) && (!best || offer.levelRank > best.levelRank)) best = offer;
    }
    if (!best || best.levelRank < need.minLevelRank) continue; // not a need this candidate covers
    reasons.push({
      code: 'COVERS_NEED',
      needId: need.id,
      offeredDisciplineId: best.disciplineId,
      levelRank: best.levelRank,
      minLevelRank: need.minLevelRank,
      weight: 1,
    });
  }
  const distance = candidate.distanceKm;
  const distanceWeight = round3(distanceFit(distance));
  reasons.push(
    distance === null
      ? { code: 'DISTANCE_UNKNOWN', weight: distanceWeight }
      : { code: 'DISTANCE', km: Math.round(Math.max(0, distance) * 10) / 10, weight: distanceWeight },
  );
  const asked = covered.map((n) => n.hoursPerMonth).filter((h): h is number => h !== null && h > 0);
  const askedHoursPerMonth = asked.length > 0 ? asked.reduce((a, b) => a + b, 0) : null;
  const available = candidate.availableHoursPerMonth;
  const fits = covered.map((n) => hoursFit(available, n.hoursPerMonth));
  const hoursWeight = round3(fits.length > 0 ? fits.reduce((a, b) => a + b, 0) / fits.length : hoursFit(available, null));
  reasons.push(
    available === null
      ? { code: 'HOURS_UNKNOWN', askedHoursPerMonth, weight: hoursWeight }
      : { code: 'HOURS', availableHoursPerMonth: available, askedHoursPerMonth, weight: hoursWeight },
  );
  return reasons;
}
