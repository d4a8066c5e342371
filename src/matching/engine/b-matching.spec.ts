import { describe, expect, it } from '@jest/globals';
import { EdgeList, greedyBMatching } from './b-matching.js';
import { mulberry32 as prng } from '../../common/prng.js';

type Edge = [u: number, v: number, weight: number, tag?: number];

function edgeList(edges: readonly Edge[]): EdgeList {
  const list = new EdgeList();
  for (const [u, v, weight, tag] of edges) list.push(u, v, weight, tag ?? -1);
  return list;
}

function run(edges: readonly Edge[], capacity: number[]): { picked: Edge[]; weight: number } {
  const list = edgeList(edges);
  const { chosen } = greedyBMatching(list, Int32Array.from(capacity));
  const picked = chosen.map((e): Edge => [list.u(e), list.v(e), list.weight(e), list.tag(e)]);
  return { picked, weight: picked.reduce((sum, [, , w]) => sum + w, 0) };
}

/** The best b-matching by brute force (at most one edge per pair), for small graphs. */
function optimum(edges: readonly Edge[], capacity: number[]): number {
  let best = 0;
  for (let mask = 0; mask < 1 << edges.length; mask++) {
    const used = capacity.map(() => 0);
    const pairs = new Set<string>();
    let weight = 0;
    let ok = true;
    for (let e = 0; e < edges.length && ok; e++) {
      if ((mask & (1 << e)) === 0) continue;
      const [u, v, w] = edges[e];
      const key = `${Math.min(u, v)}/${Math.max(u, v)}`;
      ok = ++used[u] <= capacity[u] && ++used[v] <= capacity[v] && !pairs.has(key);
      pairs.add(key);
      weight += w;
    }
    if (ok) best = Math.max(best, weight);
  }
  return best;
}

describe('greedyBMatching', () => {
  it('is at least half the optimum, and can be exactly that bad (path a–b–c–d, weights 1, 1 + ε, 1)', () => {
    const edges: Edge[] = [
      [0, 1, 1],
      [1, 2, 1.001],
      [2, 3, 1],
    ];
    const { picked, weight } = run(edges, [1, 1, 1, 1]);
    expect(picked).toEqual([[1, 2, 1.001, -1]]);
    expect(optimum(edges, [1, 1, 1, 1])).toBe(2);
    expect(weight).toBeGreaterThanOrEqual(2 / 2);
  });

  it('keeps the 1/2 guarantee on 300 random small graphs against the brute-force optimum', () => {
    const random = prng(7);
    for (let round = 0; round < 300; round++) {
      const n = 3 + Math.floor(random() * 5);
      const edges: Edge[] = [];
      for (let e = 0; e < 11; e++) {
        const u = Math.floor(random() * n);
        const v = Math.floor(random() * n);
        if (u !== v) edges.push([u, v, Math.round(random() * 100) / 100]);
      }
      const capacity = Array.from({ length: n }, () => Math.floor(random() * 3));
      const { picked, weight } = run(edges, capacity);
      expect(weight).toBeGreaterThanOrEqual(optimum(edges, capacity) / 2 - 1e-9);
      // Feasible: capacities and one edge per pair.
      const used = capacity.map(() => 0);
      for (const [u, v] of picked) {
        used[u]++;
        used[v]++;
      }
      used.forEach((count, v) => expect(count).toBeLessThanOrEqual(capacity[v]));
      expect(new Set(picked.map(([u, v]) => `${u}/${v}`)).size).toBe(picked.length);
    }
  });

  it('does not let a popular person swamp the others, unlike a top-k per person', () => {
    // Star: everyone's best partner is 0 (capacity 2); each leaf i also fits leaf i + 4 a little less.
    const edges: Edge[] = [];
    for (let leaf = 1; leaf <= 4; leaf++) edges.push([0, leaf, 0.9 - leaf / 100], [leaf, leaf + 4, 0.5]);
    const capacity = [2, 1, 1, 1, 1, 1, 1, 1, 1];
    const { picked } = run(edges, capacity);
    // A top-1 per leaf would send all four leaves to person 0; the b-matching gives 0 two and
    // pairs the other leaves with their second choice.
    expect(picked).toEqual([
      [0, 1, 0.89, -1],
      [0, 2, 0.88, -1],
      [3, 7, 0.5, -1],
      [4, 8, 0.5, -1],
    ]);
    const degree = (v: number): number => picked.filter(([a, b]) => a === v || b === v).length;
    expect(degree(0)).toBe(2);
  });

  it('gives the same result whatever the input order, with ties to the smaller ids', () => {
    const edges: Edge[] = [
      [2, 3, 0.5],
      [0, 1, 0.5],
      [1, 3, 0.5],
      [0, 2, 0.7],
    ];
    const expected = run(edges, [1, 1, 1, 1]).picked;
    expect(expected).toEqual([
      [0, 2, 0.7, -1],
      [1, 3, 0.5, -1],
    ]);
    expect(run([...edges].reverse(), [1, 1, 1, 1]).picked).toEqual(expected);
    expect(run([edges[2], edges[0], edges[3], edges[1]], [1, 1, 1, 1]).picked).toEqual(expected);
  });

  it('takes one edge per pair: on a tie INITIATIVE (tag ≥ 0) beats PEER, a heavier PEER beats INITIATIVE', () => {
    expect(run([[0, 1, 0.6, -1], [0, 1, 0.6, 3], [0, 1, 0.6, 1]], [5, 5]).picked).toEqual([[0, 1, 0.6, 1]]);
    expect(run([[0, 1, 0.6, 2], [0, 1, 0.7, -1]], [5, 5]).picked).toEqual([[0, 1, 0.7, -1]]);
  });

  it('counts an edge listed twice once', () => {
    const list = edgeList([
      [0, 1, 0.6],
      [1, 0, 0.6],
      [1, 2, 0.4],
    ]);
    expect(greedyBMatching(list, Int32Array.from([1, 2, 1]))).toEqual({ chosen: [0, 2], distinct: 2 });
  });

  it('respects a capacity of 0 and grows past its initial size', () => {
    const edges: Edge[] = Array.from({ length: 3000 }, (_, k): Edge => [k, k + 1, 1 + (k % 7)]);
    const capacity = Array.from({ length: 3001 }, (_, v) => (v === 5 ? 0 : 1));
    const { picked } = run(edges, capacity);
    expect(picked.some(([u, v]) => u === 5 || v === 5)).toBe(false);
  });

  it('takes the edges in the documented total order, also with many equal weights and weights outside [0, 1]', () => {
    // The reference: a plain comparison sort by (weight desc, u, v, INITIATIVE before PEER, initiative), then the scan.
    const random = prng(11);
    const weights = [0.25, 0.5, 0.5 + 2 ** -32, 0.75, 1, 1.25, -0.5];
    for (let round = 0; round < 100; round++) {
      const n = 2 + Math.floor(random() * 40);
      const edges: Edge[] = Array.from({ length: 1 + Math.floor(random() * 400) }, (): Edge => {
        const u = Math.floor(random() * n);
        return [u, (u + 1 + Math.floor(random() * (n - 1))) % n, weights[Math.floor(random() * weights.length)], Math.floor(random() * 4) - 1];
      });
      const capacity = Array.from({ length: n }, () => Math.floor(random() * 4));
      const sorted = edges
        .map(([u, v, w, tag = -1]): Edge => [Math.min(u, v), Math.max(u, v), w, tag])
        .sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1] || (x[3]! >>> 0) - (y[3]! >>> 0));
      const left = [...capacity];
      const pairs = new Set<string>();
      const expected: Edge[] = [];
      for (const edge of sorted) {
        const [u, v] = edge;
        if (left[u] <= 0 || left[v] <= 0 || pairs.has(`${u}/${v}`)) continue;
        pairs.add(`${u}/${v}`);
        left[u]--;
        left[v]--;
        expected.push(edge);
      }
      expect({ round, picked: run(edges, capacity).picked }).toEqual({ round, picked: expected });
    }
  });
});
