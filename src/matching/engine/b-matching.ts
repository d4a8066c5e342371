// Choosing which candidate introductions to make under per-person caps: a maximum-weight
// b-matching (each person v takes part in at most b(v) chosen edges), solved greedily.
// Plain TypeScript over typed arrays.

/** A record of EdgeList: 3 float64 slots, i.e. 6 int32 slots (weight in ints 0–1, u, v, tag, padding). */
const RECORD_FLOATS = 3;
const RECORD_INTS = 6;

/**
 * Candidate edges, one record of 24 bytes each: the weight (a float64), then u, v and `tag` (int32;
 * `tag` tells parallel edges of one pair apart: -1 for PEER, else the initiative index). Records
 * rather than four columns: the sort and the greedy scan read edges in weight order, i.e. all
 * over the list, and at a million people (5·10^7 edges) each column read was a cache miss.
 */
export class EdgeList {
  /** Bytes per record in toBytes(). */
  static readonly RECORD_BYTES = RECORD_FLOATS * 8;

  count = 0;
  private floats = new Float64Array(1024 * RECORD_FLOATS);
  private ints = new Int32Array(this.floats.buffer);

  push(u: number, v: number, weight: number, tag: number): void {
    if (this.count * RECORD_FLOATS === this.floats.length) this.grow();
    const e = this.count++;
    this.floats[e * RECORD_FLOATS] = weight;
    const at = e * RECORD_INTS;
    this.ints[at + 2] = Math.min(u, v);
    this.ints[at + 3] = Math.max(u, v);
    this.ints[at + 4] = tag;
  }

  weight(e: number): number {
    return this.floats[e * RECORD_FLOATS];
  }

  /** The smaller person index. */
  u(e: number): number {
    return this.ints[e * RECORD_INTS + 2];
  }

  /** The larger person index. */
  v(e: number): number {
    return this.ints[e * RECORD_INTS + 3];
  }

  tag(e: number): number {
    return this.ints[e * RECORD_INTS + 4];
  }

  /** Appends record `e` of `from` as it is (slot by slot: a subarray per record cost more than the sort). */
  copy(from: EdgeList, e: number): void {
    if (this.count * RECORD_FLOATS === this.floats.length) this.grow();
    const to = this.count++ * RECORD_FLOATS;
    const at = e * RECORD_FLOATS;
    const source = from.floats;
    this.floats[to] = source[at];
    this.floats[to + 1] = source[at + 1];
    this.floats[to + 2] = source[at + 2];
  }

  /** Room for `count` records in all, so that appending them does not grow the list step by step. */
  reserve(count: number): void {
    if (count * RECORD_FLOATS <= this.floats.length) return;
    const next = new Float64Array(count * RECORD_FLOATS);
    next.set(this.floats.subarray(0, this.count * RECORD_FLOATS));
    this.floats = next;
    this.ints = new Int32Array(next.buffer);
  }

  /** The records as bytes (a view, not a copy): what a shard hands to the combining step. */
  toBytes(): Uint8Array {
    return new Uint8Array(this.floats.buffer, 0, this.count * EdgeList.RECORD_BYTES);
  }

  /** The list whose records are `bytes` (as toBytes gave them; copied to an aligned buffer). */
  static fromBytes(bytes: Uint8Array): EdgeList {
    const size = EdgeList.RECORD_BYTES;
    if (bytes.byteLength % size !== 0) throw new RangeError(`Edge records are ${size} bytes each; got ${bytes.byteLength} bytes`);
    const list = new EdgeList();
    list.reserve(bytes.byteLength / size);
    new Uint8Array(list.floats.buffer).set(bytes);
    list.count = bytes.byteLength / size;
    return list;
  }

  private grow(): void {
    this.reserve((this.floats.length / RECORD_FLOATS) * 2);
  }
}

export interface BMatching {
  /** Indexes of the chosen edges, in the order they were taken (best first). */
  chosen: number[];
  /** Distinct edges (duplicates of an edge, equal in u, v, weight and tag, counted once). */
  distinct: number;
}

/**
 * Greedy b-matching: take the edges from heaviest to lightest and keep one when both ends still
 * have capacity and their pair has no edge yet (parallel edges of one pair, e.g. PEER and
 * INITIATIVE, count as one; the first in this order wins). Ties in weight go to the smaller u, then
 * the smaller v, then INITIATIVE before PEER, then the smaller initiative: a total order, so the
 * result is deterministic and independent of the input order.
 *
 * Guarantee: the chosen weight is at least half the best possible b-matching's. Proof sketch:
 * every edge e of an optimum O that greedy skipped was blocked, when greedy reached it, by an end
 * v that was full with b(v) edges each at least as heavy as e, or by an already chosen edge of the
 * same pair at least as heavy. Charge e to one such chosen edge at v (to that edge, for a pair);
 * at v at most b(v) edges of O compete for v's b(v) chosen edges, so each chosen edge is charged at
 * most once per end, twice in all, and is itself at least as heavy as what it pays for. Hence
 * w(O) ≤ 2·w(greedy). The bound is tight: on the path a–b–c–d with weights 1, 1 + ε, 1 and all
 * capacities 1, greedy takes b–c (1 + ε) where a–b plus c–d give 2.
 *
 * Unlike a top-k per person, a popular person's capacity is used once, by their best edges, and
 * everyone else's remaining capacity goes to their next-best partners.
 *
 * Cost: O(E log E) for the sort (see sortedEdges), O(E) for the scan.
 */
/** Weight buckets of the first sorting pass (weights lie in [0, 1]). */
const BUCKETS = 1 << 16;

/**
 * Edge indexes heaviest first, ties by u, v, then INITIATIVE before PEER and by initiative. A
 * counting pass by weight bucket first, then a comparison sort inside each bucket: comparisons
 * cost O(E log(E / buckets)) instead of O(E log E) (about three times fewer for millions of edges).
 */
function sortedEdges(edges: EdgeList): Uint32Array {
  const { count } = edges;
  const bucketOf = (e: number): number => BUCKETS - 1 - Math.min(BUCKETS - 1, Math.max(0, Math.floor(edges.weight(e) * (BUCKETS - 1))));
  const start = new Uint32Array(BUCKETS + 1);
  for (let e = 0; e < count; e++) start[bucketOf(e) + 1] += 1;
  for (let b = 0; b < BUCKETS; b++) start[b + 1] += start[b];
  const fill = start.slice(0, BUCKETS);
  const order = new Uint32Array(count);
  for (let e = 0; e < count; e++) order[fill[bucketOf(e)]++] = e;
  const compare = (x: number, y: number): number => compareEdges(edges, x, edges, y);
  for (let b = 0; b < BUCKETS; b++) if (start[b + 1] - start[b] > 1) order.subarray(start[b], start[b + 1]).sort(compare);
  return order;
}

/**
 * The greedy order of edge x of `a` against edge y of `b`: heavier first, then by u, v, then
 * INITIATIVE before PEER and by initiative. Zero only for equal records (duplicates).
 */
function compareEdges(a: EdgeList, x: number, b: EdgeList, y: number): number {
  const dw = b.weight(y) - a.weight(x);
  if (dw !== 0) return dw;
  const du = a.u(x) - b.u(y);
  if (du !== 0) return du;
  const dv = a.v(x) - b.v(y);
  if (dv !== 0) return dv;
  // INITIATIVE (tag ≥ 0) first, then by initiative: >>> 0 maps PEER's -1 past every initiative.
  return (a.tag(x) >>> 0) - (b.tag(y) >>> 0);
}

/** A copy of `edges` in greedy order (what a shard of a run computes; see shards.ts). */
export function sortEdges(edges: EdgeList): EdgeList {
  const sorted = new EdgeList();
  sorted.reserve(edges.count);
  for (const e of sortedEdges(edges)) sorted.copy(edges, e);
  return sorted;
}

/**
 * Merges lists that are each in greedy order into one in greedy order: the same records, in the
 * same order, as sorting their concatenation (the order is total up to equal records). A k-way
 * merge that looks at every list's head per record: O(E·k), fine for the few shards of a run.
 */
export function mergeSorted(lists: readonly EdgeList[]): EdgeList {
  const merged = new EdgeList();
  merged.reserve(lists.reduce((sum, list) => sum + list.count, 0));
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) {
      if (at[k] === lists[k].count) continue;
      if (best < 0 || compareEdges(lists[k], at[k], lists[best], at[best]) < 0) best = k;
    }
    if (best < 0) return merged;
    merged.copy(lists[best], at[best]++);
  }
}

function identity(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let e = 0; e < count; e++) order[e] = e;
  return order;
}

export function greedyBMatching(edges: EdgeList, capacity: Int32Array, options: { sorted?: boolean } = {}): BMatching {
  // `sorted`: the list is in greedy order already (sortEdges, mergeSorted), so scan it as it is.
  const order = options.sorted ? identity(edges.count) : sortedEdges(edges);
  const left = Int32Array.from(capacity);
  const taken = new Set<number>();
  const n = capacity.length;
  const chosen: number[] = [];
  let distinct = 0;
  let previous = -1;
  for (let k = 0; k < order.length; k++) {
    const e = order[k];
    const a = edges.u(e);
    const b = edges.v(e);
    if (previous >= 0 && a === edges.u(previous) && b === edges.v(previous) && edges.tag(e) === edges.tag(previous) && edges.weight(e) === edges.weight(previous)) {
      continue;
    }
    previous = e;
    distinct += 1;
    if (left[a] <= 0 || left[b] <= 0) continue;
    const key = a * n + b;
    if (taken.has(key)) continue;
    taken.add(key);
    left[a] -= 1;
    left[b] -= 1;
    chosen.push(e);
  }
  return { chosen, distinct };
}
