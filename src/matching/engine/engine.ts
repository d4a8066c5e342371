// The matching engine (issue #4): from eligible people, open initiative needs, the history of
// introductions and a rule set to this run's proposals. Pure TypeScript: no Nest, TypeORM or
// Redis imports; the same input and rules give the same output, order included.
//
//   1. compileNetwork  — columns and indexes, people and initiatives in id order (network.ts).
//   2. candidates      — plausible pairs through inverted indexes, bounded per seeker (candidates.ts),
//                        filtered by the constraints: not the same person, not the same
//                        organisation when excludeSameOrganisation, not declined before, not
//                        introduced within cooldownDays, scopes admitting each other, score ≥ minScore.
//   3. greedyBMatching — caps: min(maxIntroductionsPerPersonPerRun, own maxIntroductionsPerDigest)
//                        per person, at most one introduction per pair (b-matching.ts).
//   4. reasons         — only for the chosen proposals (score.ts).
//
// INITIATIVE proposals: one per (professional, initiative), addressed to the initiative's first
// initiator (in the given order) who is eligible this run; none when no initiator is. No initiator
// of an initiative is ever proposed for it. A professional meets an initiative when one of their
// offers meets one of its open needs at the need's level (taxonomy partial credit allowed) and
// their scope admits the initiative's municipality.
//
// Size (`npm run bench:matching`, figures in BENCHMARKS.md): time and memory grow about linearly
// with the number of people, since candidates are bounded per seek (K) and the b-matching sorts
// the candidate edges (about 60 per eligible person). What keeps it so: offerer lists gathered
// once per (discipline, scope, place) (candidates.ts), credit and distances tabulated per pair of
// disciplines and of places rather than computed per pair of people (network.ts). At a million
// people the work is bound by cache misses, since the pairs scored and the edges sorted lie all
// over the arrays: a person's fields read for a pair sit in one row (network.ts ROW), an edge is
// one record (b-matching.ts EdgeList). One process runs a million professionals in about two
// minutes of CPU; the proposals with their reasons in two languages then need a heap above Node's
// default of about 4 GiB (some 2 KB a proposal, 1.3 million proposals). A run can be split into
// shards of seekers for several processes (shards.ts): candidates and their sort split by seeker,
// but the caps make the b-matching one global pass.
import { type BMatching, type EdgeList, greedyBMatching } from './b-matching.js';
import { OfferIndex, generateCandidates } from './candidates.js';
import { compileNetwork, type Network } from './network.js';
import { bestNeedId, initiativeReasons, peerReasons } from './score.js';
import type { MatchInput, MatchResult, MatchRules, Proposal } from './types.js';

/** Candidate bound K (candidates.ts): large enough that it binds only for popular disciplines in big networks. */
export const DEFAULT_CANDIDATES_PER_SEEK = 32;

export function checkRules(rules: MatchRules): void {
  for (const [name, weight] of Object.entries(rules.weights)) {
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`Weight ${name} must be a finite number ≥ 0, got ${weight}`);
  }
  if (!(rules.minScore >= 0 && rules.minScore <= 1)) throw new RangeError(`minScore must lie in [0, 1], got ${rules.minScore}`);
  if (!(rules.maxDistanceKm >= 0)) throw new RangeError(`maxDistanceKm must be ≥ 0, got ${rules.maxDistanceKm}`);
  if (!(rules.cooldownDays >= 0)) throw new RangeError(`cooldownDays must be ≥ 0, got ${rules.cooldownDays}`);
}

/** The candidate bound K of this input. */
export function candidateBound(input: MatchInput): number {
  return Math.max(1, Math.floor(input.limits?.candidatesPerSeek ?? DEFAULT_CANDIDATES_PER_SEEK));
}

export function runMatching(input: MatchInput): MatchResult {
  checkRules(input.rules);
  const net = compileNetwork(input);
  const edges = generateCandidates(net, new OfferIndex(net), candidateBound(input));
  return proposalsFrom(net, edges, greedyBMatching(edges, net.capacity));
}

/** Steps 3–4 done: the chosen edges as proposals with their reasons, and the run's stats. */
export function proposalsFrom(net: Network, edges: EdgeList, { chosen, distinct }: BMatching): MatchResult {
  const proposals: Proposal[] = [];
  const introduced = new Set<number>();
  let scoreSum = 0;
  for (const e of chosen) {
    const u = edges.u(e);
    const v = edges.v(e);
    const it = edges.tag(e);
    const score = edges.weight(e);
    introduced.add(u).add(v);
    scoreSum += score;
    if (it < 0) {
      proposals.push({
        kind: 'PEER',
        a: net.people[u].id,
        b: net.people[v].id,
        initiativeId: null,
        needId: null,
        score,
        reasons: peerReasons(net, u, v),
      });
    } else {
      const initiator = net.initiator[it];
      const professional = u === initiator ? v : u;
      proposals.push({
        kind: 'INITIATIVE',
        a: net.people[professional].id,
        b: net.people[initiator].id,
        initiativeId: net.initiatives[it].id,
        needId: bestNeedId(net, professional, it),
        score,
        reasons: initiativeReasons(net, professional, it),
      });
    }
  }
  return {
    proposals,
    stats: {
      eligiblePeople: net.people.length,
      candidatePairs: distinct,
      proposed: proposals.length,
      peopleWithIntroduction: introduced.size,
      meanScore: proposals.length > 0 ? Math.round((scoreSum / proposals.length) * 1e9) / 1e9 : 0,
    },
  };
}
