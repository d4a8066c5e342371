// Candidate generation without looking at all pairs. Inverted indexes map (offered discipline,
// offerer's scope, region) to the offerers, in index order. A seeker looks up, for each sought
// discipline, the disciplines that earn credit (itself, then its descendants, then its ancestors:
// best credit first) and, in each, only the regions where both sides' scopes admit each other
// (network.ts `admits`). So every pair looked at is allowed by scope and one side offers what the
// other seeks; the work grows with the number of such plausible pairs, not with N².
//
// Bound. A popular discipline would still give O(N²) plausible pairs, so per seeker and sought
// discipline (and per initiative need) at most K = candidatesPerSeek offerers are looked at. When
// the admissible offerers of a discipline exceed what is left of K, the seeker reads a window of
// that size starting at a position hashed from (seeker, sought discipline), wrapping around: the
// windows of different seekers spread evenly over the offerers, so no offerer is swamped and none
// is left out, and the same input gives the same windows. Effect: with fewer than K admissible
// offerers per seeker and sought discipline (every small network in the tests) the candidates are
// exactly the plausible pairs, and the result equals the naive all-pairs reference; above it, a
// pair can be missed when neither side's window holds the other. Work is then
// O(Σ seeks × K + Σ needs × K) scored pairs.
import { EdgeList } from './b-matching.js';
import { IN_BLOCKED, type Network, ROW, ROW_FLAGS, ROW_ORGANISATION, SCOPE_LOCAL, SCOPE_NATIONAL, SCOPE_PROVINCE, pairKey } from './network.js';
import { initiativeScore, peerScore } from './score.js';

/** The offerer lists a seeker reads for one discipline, taken as one list of `total` people. */
export interface Segments {
  lists: readonly Int32Array[];
  total: number;
}

const NO_SEGMENTS: Segments = { lists: [], total: 0 };

/** Per discipline: offerers by scope and region, and the related disciplines in credit order. */
export class OfferIndex {
  /** (discipline, scope, place) → offerers. */
  private readonly byPlace = new Map<number, Int32Array>();
  /** (discipline, scope, province) → offerers. */
  private readonly byProvince = new Map<number, Int32Array>();
  /** discipline → NATIONAL offerers anywhere (with or without a place). */
  private readonly national = new Map<number, Int32Array>();
  private readonly related: Int32Array[];
  /**
   * segments() by (discipline, scope, place): every seeker of a discipline in one place and
   * scope reads the same lists, and a LOCAL one reads dozens of nearby places' lists, so they are
   * gathered once per key (at most disciplines × 3 × (places + 1) keys) instead of per seeker.
   */
  private readonly cache = new Map<number, Segments>();
  private readonly places: number;
  private readonly provinces: number;

  constructor(private readonly net: Network) {
    this.places = net.places.length;
    this.provinces = net.provinceCount;
    const byPlace = new Map<number, number[]>();
    const byProvince = new Map<number, number[]>();
    const national = new Map<number, number[]>();
    const add = (map: Map<number, number[]>, key: number, person: number): void => {
      const list = map.get(key);
      if (list) list.push(person);
      else map.set(key, [person]);
    };
    for (let p = 0; p < net.people.length; p++) {
      const scope = net.scope[p];
      const place = net.place[p];
      for (let o = net.offerStart[p]; o < net.offerStart[p + 1]; o++) {
        const d = net.offerDiscipline[o];
        if (scope === SCOPE_NATIONAL) add(national, d, p);
        if (place < 0) continue;
        add(byPlace, this.placeKey(d, scope, place), p);
        if (scope !== SCOPE_LOCAL) add(byProvince, this.provinceKey(d, scope, net.province[place]), p);
      }
    }
    for (const [key, list] of byPlace) this.byPlace.set(key, Int32Array.from(list));
    for (const [key, list] of byProvince) this.byProvince.set(key, Int32Array.from(list));
    for (const [key, list] of national) this.national.set(key, Int32Array.from(list));

    // Related disciplines of each: itself, descendants by depth, ancestors nearest first.
    const children: number[][] = Array.from(net.disciplineIds, () => []);
    for (let d = 0; d < net.parent.length; d++) if (net.parent[d] >= 0) children[net.parent[d]].push(d);
    this.related = Array.from(net.disciplineIds, (_, d) => {
      const order = [d];
      for (let k = 0; k < order.length; k++) order.push(...children[order[k]]);
      for (let a = net.parent[d]; a >= 0; a = net.parent[a]) order.push(a);
      return Int32Array.from(order);
    });
  }

  /** Disciplines whose offers earn credit for seeking `d`, best credit first. */
  relatedTo(d: number): Int32Array {
    return this.related[d];
  }

  /**
   * The offerer lists of discipline `d` whose people and someone at `place` (a person of scope
   * `scope`, or an initiative: pass SCOPE_NATIONAL) admit each other, in a fixed order.
   */
  segments(d: number, scope: number, place: number): Segments {
    const key = (d * 3 + scope) * (this.places + 1) + place + 1;
    let found = this.cache.get(key);
    if (found === undefined) {
      const lists: Int32Array[] = [];
      this.gather(d, scope, place, lists);
      let total = 0;
      for (const list of lists) total += list.length;
      found = total === 0 ? NO_SEGMENTS : { lists, total };
      this.cache.set(key, found);
    }
    return found;
  }

  private gather(d: number, scope: number, place: number, out: Int32Array[]): void {
    const net = this.net;
    const push = (list: Int32Array | undefined): void => {
      if (list !== undefined && list.length > 0) out.push(list);
    };
    if (place < 0) {
      // Without a place only NATIONAL meets NATIONAL.
      if (scope === SCOPE_NATIONAL) push(this.national.get(d));
      return;
    }
    const province = net.province[place];
    if (scope === SCOPE_NATIONAL) {
      push(this.national.get(d));
      push(this.byProvince.get(this.provinceKey(d, SCOPE_PROVINCE, province)));
      for (const q of net.near[place]) push(this.byPlace.get(this.placeKey(d, SCOPE_LOCAL, q)));
    } else if (scope === SCOPE_PROVINCE) {
      push(this.byProvince.get(this.provinceKey(d, SCOPE_NATIONAL, province)));
      push(this.byProvince.get(this.provinceKey(d, SCOPE_PROVINCE, province)));
      for (const q of net.near[place]) if (net.province[q] === province) push(this.byPlace.get(this.placeKey(d, SCOPE_LOCAL, q)));
    } else {
      for (const q of net.near[place]) {
        push(this.byPlace.get(this.placeKey(d, SCOPE_NATIONAL, q)));
        if (net.province[q] === province) push(this.byPlace.get(this.placeKey(d, SCOPE_PROVINCE, q)));
        push(this.byPlace.get(this.placeKey(d, SCOPE_LOCAL, q)));
      }
    }
  }

  private placeKey(d: number, scope: number, place: number): number {
    return (d * 3 + scope) * this.places + place;
  }

  private provinceKey(d: number, scope: number, province: number): number {
    return (d * 3 + scope) * this.provinces + province;
  }
}

/** A 32-bit mix (murmur3 finaliser) of two integers: the window start of a seeker. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Calls `visit` for the offerers in `segments` (taken as one list), all of them when they are at
 * most `budget`, else a wrapping window of `budget` from a position derived from `seed`.
 * Returns how many were visited.
 */
function scan({ lists, total }: Segments, budget: number, seed: number, visit: (person: number) => void): number {
  if (total <= budget) {
    for (const s of lists) for (let k = 0; k < s.length; k++) visit(s[k]);
    return total;
  }
  let skip = seed % total;
  let segment = 0;
  while (skip >= lists[segment].length) skip -= lists[segment++].length;
  let at = skip;
  for (let left = budget; left > 0; left--) {
    visit(lists[segment][at]);
    if (++at === lists[segment].length) {
      at = 0;
      segment = (segment + 1) % lists.length;
    }
  }
  return budget;
}

/** The constraints that hold for any introduction between persons i and j (scope aside). */
function allowed(net: Network, i: number, j: number): boolean {
  if (i === j) return false;
  const { row } = net;
  const organisation = row[i * ROW + ROW_ORGANISATION];
  if (net.rules.excludeSameOrganisation && organisation >= 0 && organisation === row[j * ROW + ROW_ORGANISATION]) return false;
  return (row[i * ROW + ROW_FLAGS] & row[j * ROW + ROW_FLAGS] & IN_BLOCKED) === 0 || !net.blocked.has(pairKey(net.people.length, i, j));
}

/** Seekers (person indexes) and initiatives whose candidates to generate: half-open ranges. */
export interface SeekerRange {
  people: readonly [from: number, to: number];
  initiatives: readonly [from: number, to: number];
}

/**
 * Every candidate introduction that passes the constraints and minScore, as edges between person
 * indexes: PEER edges carry tag -1, INITIATIVE edges (professional, initiator) the initiative
 * index. A pair seen from both sides appears twice; greedyBMatching counts it once.
 *
 * `range` limits the seekers (and initiatives) whose candidates are generated. A seeker's
 * candidates depend only on the seeker and the network, so the edges of disjoint ranges that
 * cover everyone are, together, exactly the edges of the whole network (shards.ts).
 */
export function generateCandidates(net: Network, index: OfferIndex, candidatesPerSeek: number, range?: SeekerRange): EdgeList {
  const n = net.people.length;
  const [peopleFrom, peopleTo] = range?.people ?? [0, n];
  const [initiativesFrom, initiativesTo] = range?.initiatives ?? [0, net.initiatives.length];
  const edges = new EdgeList();
  const minScore = net.rules.minScore;
  const seen = new Int32Array(n).fill(-1);
  let owner = -1;

  const visitPeer = (other: number): void => {
    if (seen[other] === owner) return;
    seen[other] = owner;
    if (!allowed(net, owner, other)) return;
    const score = peerScore(net, owner, other);
    if (score > 0 && score >= minScore) edges.push(owner, other, score, -1);
  };
  for (let b = peopleFrom; b < peopleTo; b++) {
    owner = b;
    for (let s = net.seekStart[b]; s < net.seekStart[b + 1]; s++) {
      const sought = net.seekDiscipline[s];
      let budget = candidatesPerSeek;
      for (const d of index.relatedTo(sought)) {
        if (budget <= 0) break;
        budget -= scan(index.segments(d, net.scope[b], net.place[b]), budget, mix(b, d), visitPeer);
      }
    }
  }

  // Initiatives: professionals whose scope admits the initiative's place, for each open need.
  seen.fill(-1);
  let initiative = -1;
  let initiator = -1;
  const visitInitiative = (p: number): void => {
    if (seen[p] === initiative) return;
    seen[p] = initiative;
    if (net.initiatorsOf[initiative].has(p) || !allowed(net, p, initiator)) return;
    const score = initiativeScore(net, p, initiative);
    if (score > 0 && score >= minScore) edges.push(p, initiator, score, initiative);
  };
  for (let it = initiativesFrom; it < initiativesTo; it++) {
    initiative = it;
    initiator = net.initiator[it];
    if (initiator < 0) continue;
    for (let k = net.needStart[it]; k < net.needStart[it + 1]; k++) {
      let budget = candidatesPerSeek;
      for (const d of index.relatedTo(net.needDiscipline[k])) {
        if (budget <= 0) break;
        budget -= scan(index.segments(d, SCOPE_NATIONAL, net.initiativePlace[it]), budget, mix(~it, d), visitInitiative);
      }
    }
  }
  return edges;
}
