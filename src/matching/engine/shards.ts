// One run of the engine split over several processes (issue #5: a match run fans out over
// worker processes). Pure TypeScript, like the rest of the engine.
//
// What splits and what does not (engine.ts steps):
//   1. compileNetwork  — every shard compiles the whole network from the same input: a seeker's
//                        candidates may be anyone, and person indexes must mean the same everywhere.
//   2. candidates      — split: shard k generates the candidates of its range of seekers and of
//                        initiatives (candidates.ts: a seeker's candidates depend on nothing else)…
//      sort            — …and sorts them in the greedy order of b-matching.ts.
//   3. b-matching      — not split: the per-person caps couple every edge (a split by region fails
//                        too, since PROVINCE and NATIONAL scopes cross regions). combineShards merges
//                        the sorted shard lists (k-way) and makes the one greedy scan.
//   4. reasons         — for the chosen proposals, in the combining step.
//
// Guarantee: the shards' edges together are exactly the single run's edges, the merge yields them
// in the single run's sorted order (the order is total up to identical records), and the scan is
// the same code: combineShards(input, shards of any count) equals runMatching(input), proposals,
// order and stats included (shards.spec.ts checks it on random networks).
//
// What it buys: candidate generation and its sort (about 60 % of the engine's CPU at 100,000 people)
// spread over the shards; decoding and compiling the network is repeated per shard, and the merge,
// scan and reasons, and encoding them for storing, are done once. So the speed-up is bounded well
// below the number of shards (`npm run bench:fan-out`, BENCHMARKS.md).
import { EdgeList, greedyBMatching, mergeSorted, sortEdges } from './b-matching.js';
import { OfferIndex, type SeekerRange, generateCandidates } from './candidates.js';
import { candidateBound, checkRules, proposalsFrom } from './engine.js';
import { compileNetwork } from './network.js';
import type { MatchInput, MatchResult } from './types.js';

/** Half-open range [from, to) of `size` items that shard `index` of `count` takes: even, contiguous. */
export function shardRange(size: number, index: number, count: number): [from: number, to: number] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`A run has at least one shard, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`Shard ${index} is not one of 0…${count - 1}`);
  return [Math.floor((size * index) / count), Math.floor((size * (index + 1)) / count)];
}

/**
 * Shard `index` of `count`: the candidate edges of its seekers and initiatives, in greedy order,
 * as bytes (EdgeList records) to hand to combineShards.
 */
export function runShard(input: MatchInput, index: number, count: number): Uint8Array {
  checkRules(input.rules);
  const net = compileNetwork(input);
  const range: SeekerRange = {
    people: shardRange(net.people.length, index, count),
    initiatives: shardRange(net.initiatives.length, index, count),
  };
  return sortEdges(generateCandidates(net, new OfferIndex(net), candidateBound(input), range)).toBytes();
}

/** The run's result from the output of all its shards (any order): equal to runMatching(input). */
export function combineShards(input: MatchInput, shards: readonly Uint8Array[]): MatchResult {
  checkRules(input.rules);
  const net = compileNetwork(input);
  const edges = mergeSorted(shards.map((bytes) => EdgeList.fromBytes(bytes)));
  return proposalsFrom(net, edges, greedyBMatching(edges, net.capacity, { sorted: true }));
}
