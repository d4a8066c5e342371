// How good an introduction is, and why. Plain TypeScript over the compiled network (network.ts).
//
// Building blocks, each in [0, 1]:
//   level weight  λ(rank)  = BASIC 0.5, EXPERIENCED 0.75, EXPERT 1 (as in expertise search).
//   credit        κ(s, o)  = how well offering discipline o meets seeking discipline s:
//                            1 when o = s; 0.6^k when o lies k levels below s (seeking "Openbare
//                            ruimte en groen", offering its child "Groenbeheer": 0.6); 0.3^k when
//                            o lies k levels above s (the other way round, less credit); 0 else.
//   direction     c(A→B)   = max over A's offers o and B's seeks s of κ(s, o) · λ(level of o).
//
// PEER pair {A, B} (proposed only when c(A→B) > 0 or c(B→A) > 0):
//   complementarity C = max(c(A→B), c(B→A))                 — the stronger direction.
//   mutuality       M = 2·c(A→B)·c(B→A) / (c(A→B) + c(B→A)) — harmonic mean, 0 unless both help.
//   proximity       P = 1 / (1 + d / D), d the distance between the municipality centroids and
//                       D = max(maxDistanceKm, 1): 1 at 0 km, 0.5 at the rule's max distance;
//                       0.5 when either place is unknown.
//   cross-sector    X = 1 when the sectors differ, else 0.
//   availability    V = min(v(A), v(B)), v = min(hours a month, 20) / 20, 0.25 when unknown.
//   score = (wC·C + wM·M + wP·P + wX·X + wV·V) / (wC + wM + wP + wX + wV)
//
// INITIATIVE, professional A for initiative I (sent to its initiator R):
//   need fit   N = max over I's open needs n of q(n), q(n) = max over A's offers o with
//                  level ≥ n's level of κ(discipline of n, o) · λ(level of o); proposed only when
//                  N > 0. The best need n* is the first (by need id) with q(n*) = N.
//   proximity  P as above, between A and the initiative's municipality.
//   cross-sector X between A and R.
//   availability V = min(1, hours(A) / hours asked by n*) when n* asks hours (0.25 when A's are
//                  unknown), else v(A).
//   score = (wN·N + wP·P + wX·X + wV·V) / (wN + wP + wX + wV)
//
// So each score is a weighted mean of its kind's features and lies in [0, 1]; a perfect match
// scores 1 whatever the kind, so minScore means the same for both. The need fit plays for an
// initiative the part that complementarity and mutuality play for a pair (an initiative needs;
// it offers nothing back). A zero denominator gives score 0. Scores are rounded to 9 decimals,
// so equal inputs give bit-equal scores on every path.
//
// Worked example (score.spec.ts): Anna (government, offers Participatie EXPERT, seeks Groenbeheer,
// 8 h) and Bram (resident, 11.1 km away, offers Groenbeheer EXPERIENCED, seeks Participatie en
// communicatie, Participatie's parent, 12 h); all weights 1, maxDistanceKm 25:
//   c(Anna→Bram) = 0.6 · 1 = 0.6, c(Bram→Anna) = 1 · 0.75 = 0.75
//   C = 0.75, M = 2·0.6·0.75 / 1.35 = 0.667, P = 1 / (1 + 11.12/25) = 0.692, X = 1, V = min(0.4, 0.6) = 0.4
//   score = (0.75 + 0.667 + 0.692 + 1 + 0.4) / 5 = 0.702
import { Sector } from '../../common/enums.js';
import { availability, UNKNOWN_AVAILABILITY } from '../../professionals/availability.js';
import { proximity, UNKNOWN_PROXIMITY } from '../../regions/distance.js';
import { IN_BLOCKED, type Network, ROW, ROW_FLAGS, ROW_HOURS, ROW_OFFERS, ROW_OFFERS_END, ROW_PLACE, ROW_SEEKS, ROW_SEEKS_END, placeDistance } from './network.js';
import type { MatchReason } from './types.js';

/** ROW_FLAGS without IN_BLOCKED: the sector code. */
const SECTOR_MASK = IN_BLOCKED - 1;

export const LEVEL_WEIGHTS: readonly number[] = [0, 0.5, 0.75, 1];
export { CHILD_CREDIT, PARENT_CREDIT } from './network.js';

export function levelWeight(rank: number): number {
  return LEVEL_WEIGHTS[Math.max(0, Math.min(3, rank))] ?? 0;
}

/** κ(s, o) over discipline indexes; see the header. */
export function taxonomyCredit(net: Network, sought: number, offered: number): number {
  return net.credit[sought * net.disciplineIds.length + offered];
}

/** P between two places (placeDistance: -1 when either is unknown); see the header. */
export function placeProximity(distance: number, maxDistanceKm: number): number {
  if (distance < 0) return UNKNOWN_PROXIMITY;
  return proximity(distance, Math.max(maxDistanceKm, 1));
}

export function harmonicMean(x: number, y: number): number {
  return x > 0 && y > 0 ? (2 * x * y) / (x + y) : 0;
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

// The best (offer, seek) of the last direction() call, for reasons; avoids allocating per pair.
let bestOffer = -1;
let bestSeek = -1;

/** c(from→to): how well `from`'s offers meet `to`'s seeks. Sets bestOffer / bestSeek (CSR positions). */
export function direction(net: Network, from: number, to: number): number {
  const { offerDiscipline, offerRank, seekDiscipline, credit, row } = net;
  const disciplines = net.disciplineIds.length;
  const offersFrom = row[from * ROW + ROW_OFFERS];
  const offersEnd = row[from * ROW + ROW_OFFERS_END];
  const seeksEnd = row[to * ROW + ROW_SEEKS_END];
  let best = 0;
  bestOffer = -1;
  bestSeek = -1;
  for (let s = row[to * ROW + ROW_SEEKS]; s < seeksEnd; s++) {
    const creditRow = seekDiscipline[s] * disciplines;
    for (let o = offersFrom; o < offersEnd; o++) {
      const value = credit[creditRow + offerDiscipline[o]] * LEVEL_WEIGHTS[offerRank[o]];
      if (value > best) {
        best = value;
        bestOffer = o;
        bestSeek = s;
      }
    }
  }
  return best;
}

/** Score of a PEER pair; 0 when neither offers what the other seeks. Symmetric in u and v. */
export function peerScore(net: Network, u: number, v: number): number {
  const i = Math.min(u, v);
  const j = Math.max(u, v);
  const cij = direction(net, i, j);
  const cji = direction(net, j, i);
  if (cij === 0 && cji === 0) return 0;
  const w = net.rules.weights;
  const total = w.complementarity + w.mutuality + w.proximity + w.crossSector + w.availability;
  if (total <= 0) return 0;
  const { row } = net;
  const ri = i * ROW;
  const rj = j * ROW;
  const p = placeProximity(placeDistance(net, row[ri + ROW_PLACE], row[rj + ROW_PLACE]), net.rules.maxDistanceKm);
  const x = (row[ri + ROW_FLAGS] & SECTOR_MASK) !== (row[rj + ROW_FLAGS] & SECTOR_MASK) ? 1 : 0;
  const a = Math.min(availability(row[ri + ROW_HOURS]), availability(row[rj + ROW_HOURS]));
  const sum =
    w.complementarity * Math.max(cij, cji) + w.mutuality * harmonicMean(cij, cji) + w.proximity * p + w.crossSector * x + w.availability * a;
  return round9(sum / total);
}

// The best need (CSR position) of the last needFit() call.
let bestNeed = -1;
let bestNeedOffer = -1;

/** N for professional `p` and initiative `it`; sets bestNeed / bestNeedOffer. */
export function needFit(net: Network, p: number, it: number): number {
  const { offerStart, offerDiscipline, offerRank, needStart, needDiscipline, needRank } = net;
  let best = 0;
  bestNeed = -1;
  bestNeedOffer = -1;
  for (let k = needStart[it]; k < needStart[it + 1]; k++) {
    for (let o = offerStart[p]; o < offerStart[p + 1]; o++) {
      if (offerRank[o] < needRank[k]) continue;
      const value = taxonomyCredit(net, needDiscipline[k], offerDiscipline[o]) * LEVEL_WEIGHTS[offerRank[o]];
      if (value > best) {
        best = value;
        bestNeed = k;
        bestNeedOffer = o;
      }
    }
  }
  return best;
}

function needAvailability(net: Network, p: number, need: number): number {
  const asked = net.needHours[need];
  if (asked <= 0) return availability(net.hours[p]);
  if (net.hours[p] < 0) return UNKNOWN_AVAILABILITY;
  return Math.min(1, net.hours[p] / asked);
}

/** Score of introducing professional `p` to initiative `it`'s initiator; 0 when no need fits. */
export function initiativeScore(net: Network, p: number, it: number): number {
  const n = needFit(net, p, it);
  if (n === 0) return 0;
  const w = net.rules.weights;
  const total = w.initiativeNeed + w.proximity + w.crossSector + w.availability;
  const r = net.initiator[it];
  if (total <= 0 || r < 0) return 0;
  const prox = placeProximity(placeDistance(net, net.place[p], net.initiativePlace[it]), net.rules.maxDistanceKm);
  const x = (net.row[p * ROW + ROW_FLAGS] & SECTOR_MASK) !== (net.row[r * ROW + ROW_FLAGS] & SECTOR_MASK) ? 1 : 0;
  const sum = w.initiativeNeed * n + w.proximity * prox + w.crossSector * x + w.availability * needAvailability(net, p, bestNeed);
  return round9(sum / total);
}

/** The best need of professional `p` for initiative `it`, by need id (null when none fits). */
export function bestNeedId(net: Network, p: number, it: number): string | null {
  return needFit(net, p, it) > 0 ? net.needIds[bestNeed] : null;
}

// ---------------------------------------------------------------------------------------------
// Reasons: built only for the chosen proposals, so allocation here does not matter.

const LEVEL_NAMES: readonly { nl: string; en: string }[] = [
  { nl: '', en: '' },
  { nl: 'basis', en: 'basic' },
  { nl: 'ervaren', en: 'experienced' },
  { nl: 'expert', en: 'expert' },
];

const SECTOR_NAMES: Record<Sector, { nl: string; en: string }> = {
  [Sector.GOVERNMENT]: { nl: 'overheid', en: 'government' },
  [Sector.SCIENCE]: { nl: 'wetenschap', en: 'science' },
  [Sector.BUSINESS]: { nl: 'bedrijfsleven', en: 'business' },
  [Sector.SOCIAL_ENTERPRISE]: { nl: 'maatschappelijk ondernemer', en: 'social entrepreneur' },
  [Sector.INSTITUTION]: { nl: 'instelling', en: 'institution' },
  [Sector.CITIZEN]: { nl: 'bewoner', en: 'resident' },
};

function sectorName(sector: string): { nl: string; en: string } {
  return SECTOR_NAMES[sector as Sector] ?? { nl: sector.toLowerCase(), en: sector.toLowerCase() };
}

function km(distance: number): string {
  return String(Math.round(distance));
}

function reason(code: string, weight: number, audience: MatchReason['audience'], nl: string, en: string): MatchReason {
  return { code, weight: round9(weight), audience, nl, en };
}

function proximityReason(net: Network, from: number, to: number, share: number, initiativeTitle: string | null): MatchReason {
  const distance = placeDistance(net, from, to);
  if (distance < 0) return reason('DISTANCE_UNKNOWN', share, 'both', 'afstand onbekend', 'distance unknown');
  if (net.province[from] === net.province[to]) {
    const province = net.places[from].provinceName;
    return initiativeTitle === null
      ? reason('SAME_PROVINCE', share, 'both', `jullie werken allebei in ${province} (${km(distance)} km)`, `you both work in ${province} (${km(distance)} km)`)
      : reason('SAME_PROVINCE', share, 'both', `${initiativeTitle} ligt ook in ${province} (${km(distance)} km)`, `${initiativeTitle} is in ${province} too (${km(distance)} km)`);
  }
  return initiativeTitle === null
    ? reason('DISTANCE', share, 'both', `jullie werken ${km(distance)} km van elkaar`, `you work ${km(distance)} km apart`)
    : reason('DISTANCE', share, 'both', `${initiativeTitle} ligt op ${km(distance)} km`, `${initiativeTitle} is ${km(distance)} km away`);
}

function crossSectorReason(net: Network, i: number, j: number, share: number): MatchReason {
  const a = sectorName(net.sector[i]);
  const b = sectorName(net.sector[j]);
  return reason('CROSS_SECTOR', share, 'both', `${a.nl} ontmoet ${b.nl}`, `${a.en} meets ${b.en}`);
}

function hoursText(hours: number, locale: 'nl' | 'en'): string {
  if (hours >= 0) return String(hours);
  return locale === 'nl' ? 'onbekend' : 'unknown';
}

/**
 * Both reasons of one direction (offerer → seeker): one for the seeker ("Anna biedt Participatie
 * (expert), wat jij zoekt"), one for the offerer ("Bram zoekt Participatie, wat jij biedt").
 */
function directionReasons(net: Network, offerer: number, seeker: number, share: number, offererSide: 'a' | 'b'): MatchReason[] {
  direction(net, offerer, seeker);
  const offered = net.disciplineNames[net.offerDiscipline[bestOffer]];
  const sought = net.disciplineNames[net.seekDiscipline[bestSeek]];
  const level = LEVEL_NAMES[net.offerRank[bestOffer]];
  const seekerSide = offererSide === 'a' ? 'b' : 'a';
  const offererName = net.people[offerer].name;
  const seekerName = net.people[seeker].name;
  return [
    reason(
      'OFFERS_WHAT_YOU_SEEK',
      share,
      seekerSide,
      `${offererName} biedt ${offered.nl} (${level.nl}), wat jij zoekt`,
      `${offererName} offers ${offered.en} (${level.en}), which you seek`,
    ),
    reason(
      'SEEKS_WHAT_YOU_OFFER',
      share,
      offererSide,
      `${seekerName} zoekt ${sought.nl}, wat jij biedt (${offered.nl}, ${level.nl})`,
      `${seekerName} seeks ${sought.en}, which you offer (${offered.en}, ${level.en})`,
    ),
  ];
}

function byShare(x: MatchReason, y: MatchReason): number {
  return y.weight - x.weight || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0) || (x.audience < y.audience ? -1 : x.audience > y.audience ? 1 : 0);
}

/**
 * Reasons of a PEER pair, side a = the smaller index. Per direction that helps, one reason for
 * each side; the stronger direction (a→b on a tie) carries the complementarity share, the other 0.
 */
export function peerReasons(net: Network, u: number, v: number): MatchReason[] {
  const i = Math.min(u, v);
  const j = Math.max(u, v);
  const w = net.rules.weights;
  const total = w.complementarity + w.mutuality + w.proximity + w.crossSector + w.availability;
  if (total <= 0) return [];
  const cij = direction(net, i, j);
  const cji = direction(net, j, i);
  const reasons: MatchReason[] = [];
  const complementarity = (w.complementarity * Math.max(cij, cji)) / total;
  if (cij > 0) reasons.push(...directionReasons(net, i, j, cij >= cji ? complementarity : 0, 'a'));
  if (cji > 0) reasons.push(...directionReasons(net, j, i, cji > cij ? complementarity : 0, 'b'));
  const mutual = harmonicMean(cij, cji);
  if (mutual > 0 && w.mutuality > 0) {
    reasons.push(reason('MUTUAL', (w.mutuality * mutual) / total, 'both', 'jullie kunnen elkaar allebei helpen', 'you can help each other'));
  }
  if (w.proximity > 0) {
    const p = placeProximity(placeDistance(net, net.place[i], net.place[j]), net.rules.maxDistanceKm);
    reasons.push(proximityReason(net, net.place[i], net.place[j], (w.proximity * p) / total, null));
  }
  if (w.crossSector > 0 && net.sector[i] !== net.sector[j]) reasons.push(crossSectorReason(net, i, j, w.crossSector / total));
  if (w.availability > 0) {
    const a = Math.min(availability(net.hours[i]), availability(net.hours[j]));
    reasons.push(
      reason(
        'AVAILABILITY',
        (w.availability * a) / total,
        'both',
        `tijd: ${hoursText(net.hours[i], 'nl')} en ${hoursText(net.hours[j], 'nl')} uur per maand`,
        `time: ${hoursText(net.hours[i], 'en')} and ${hoursText(net.hours[j], 'en')} hours a month`,
      ),
    );
  }
  return reasons.sort(byShare);
}

/** Reasons of an INITIATIVE introduction: side a = professional `p`, side b = the initiator. */
export function initiativeReasons(net: Network, p: number, it: number): MatchReason[] {
  const w = net.rules.weights;
  const total = w.initiativeNeed + w.proximity + w.crossSector + w.availability;
  const r = net.initiator[it];
  const fit = needFit(net, p, it);
  if (total <= 0 || r < 0 || fit === 0) return [];
  const need = bestNeed;
  const offered = net.disciplineNames[net.offerDiscipline[bestNeedOffer]];
  const needed = net.disciplineNames[net.needDiscipline[need]];
  const level = LEVEL_NAMES[net.offerRank[bestNeedOffer]];
  const neededLevel = LEVEL_NAMES[net.needRank[need]] ?? LEVEL_NAMES[1];
  const title = net.initiatives[it].title;
  const name = net.people[p].name;
  const share = (w.initiativeNeed * fit) / total;
  const reasons: MatchReason[] = [
    reason(
      'OFFERS_WHAT_INITIATIVE_NEEDS',
      share,
      'b',
      `${name} biedt ${offered.nl} (${level.nl}), wat ${title} nodig heeft`,
      `${name} offers ${offered.en} (${level.en}), which ${title} needs`,
    ),
    reason(
      'INITIATIVE_NEEDS_WHAT_YOU_OFFER',
      share,
      'a',
      `${title} zoekt ${needed.nl} (${neededLevel.nl}), wat jij biedt (${offered.nl}, ${level.nl})`,
      `${title} needs ${needed.en} (${neededLevel.en}), which you offer (${offered.en}, ${level.en})`,
    ),
  ];
  if (w.proximity > 0) {
    const prox = placeProximity(placeDistance(net, net.place[p], net.initiativePlace[it]), net.rules.maxDistanceKm);
    reasons.push(proximityReason(net, net.place[p], net.initiativePlace[it], (w.proximity * prox) / total, title));
  }
  if (w.crossSector > 0 && net.sector[p] !== net.sector[r]) reasons.push(crossSectorReason(net, p, r, w.crossSector / total));
  if (w.availability > 0) {
    const asked = net.needHours[need];
    const hours = net.hours[p];
    reasons.push(
      reason(
        'AVAILABILITY',
        (w.availability * needAvailability(net, p, need)) / total,
        'both',
        asked > 0 ? `tijd: ${hoursText(hours, 'nl')} van de ${asked} uur per maand` : `tijd: ${hoursText(hours, 'nl')} uur per maand`,
        asked > 0 ? `time: ${hoursText(hours, 'en')} of the ${asked} hours a month` : `time: ${hoursText(hours, 'en')} hours a month`,
      ),
    );
  }
  return reasons.sort(byShare);
}
