import { describe, expect, it } from '@jest/globals';
import { readMunicipalities, readProvinces } from '../../database/reference-data.js';
import { TAXONOMY } from '../../disciplines/taxonomy.data.js';
import { EdgeList, mergeSorted, sortEdges } from './b-matching.js';
import { runMatching } from './engine.js';
import { randomNetwork } from './naive-reference.spec-helper.js';
import { combineShards, runShard, shardRange } from './shards.js';
import { syntheticMatchInput } from '../../seed/synthetic-match-input.js';
import type { MatchInput } from './types.js';
import { mulberry32 as prng } from '../../common/prng.js';

function sharded(input: MatchInput, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => runShard(input, k, count));
}

function records(list: EdgeList): [number, number, number, number][] {
  return Array.from({ length: list.count }, (_, e) => [list.weight(e), list.u(e), list.v(e), list.tag(e)]);
}

describe('shardRange', () => {
  it('splits 0…size into contiguous ranges that cover everything once', () => {
    for (const [size, count] of [[0, 3], [1, 4], [10, 3], [100_001, 7], [5, 5]]) {
      const ranges = Array.from({ length: count }, (_, k) => shardRange(size, k, count));
      expect(ranges[0][0]).toBe(0);
      expect(ranges[count - 1][1]).toBe(size);
      for (let k = 1; k < count; k++) expect(ranges[k][0]).toBe(ranges[k - 1][1]);
      for (const [from, to] of ranges) expect(to - from).toBeLessThanOrEqual(Math.ceil(size / count));
    }
  });

  it('refuses a shard outside the run', () => {
    expect(() => shardRange(10, 3, 3)).toThrow(RangeError);
    expect(() => shardRange(10, 0, 0)).toThrow(RangeError);
  });
});

describe('EdgeList bytes, sort and merge', () => {
  it('round-trips records through bytes', () => {
    const list = new EdgeList();
    list.push(3, 1, 0.5, -1);
    list.push(2, 7, 0.25, 4);
    expect(records(EdgeList.fromBytes(list.toBytes().slice()))).toEqual(records(list));
    expect(() => EdgeList.fromBytes(new Uint8Array(23))).toThrow(RangeError);
  });

  it('merges sorted lists into the order of sorting them all at once', () => {
    const random = prng(11);
    const all = new EdgeList();
    const parts = [new EdgeList(), new EdgeList(), new EdgeList()];
    for (let i = 0; i < 3000; i++) {
      // Coarse weights and few people: many ties, and some identical records in different parts.
      const [u, v, w, tag] = [Math.floor(random() * 20), Math.floor(random() * 20), Math.round(random() * 8) / 8, Math.floor(random() * 3) - 1];
      all.push(u, v, w, tag);
      parts[i % 3].push(u, v, w, tag);
    }
    const merged = mergeSorted(parts.map(sortEdges));
    expect(records(merged)).toEqual(records(sortEdges(all)));
    const weights = records(merged).map(([w]) => w);
    expect(weights).toEqual([...weights].sort((x, y) => y - x));
  });
});

describe('combineShards equals runMatching', () => {
  it('on 100 random small networks, for 1 to 5 shards, in any order of the shards', () => {
    let proposed = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const input = randomNetwork(seed, { people: 10 + (seed % 31), initiatives: seed % 4 });
      const single = runMatching(input);
      proposed += single.proposals.length;
      const count = 1 + (seed % 5);
      const shards = sharded(input, count);
      expect(combineShards(input, shards)).toEqual(single);
      expect(combineShards(input, [...shards].reverse())).toEqual(single);
    }
    expect(proposed).toBeGreaterThan(100);
  });

  it('on a synthetic network of 3,000 professionals where the candidate bound binds', () => {
    const input = syntheticMatchInput({
      professionals: 3000,
      initiatives: 300,
      seed: 9,
      municipalities: readMunicipalities(),
      provinces: readProvinces(),
      taxonomy: TAXONOMY,
      now: new Date('2026-11-01T06:00:00Z'),
    });
    const bounded = { ...input, limits: { candidatesPerSeek: 4 } };
    for (const subject of [input, bounded]) {
      const single = runMatching(subject);
      expect(single.proposals.length).toBeGreaterThan(1000);
      expect(combineShards(subject, sharded(subject, 4))).toEqual(single);
    }
  });

  it('a shard generates only its own seekers’ edges: missing one shard changes the result', () => {
    const input = randomNetwork(7, { people: 40, initiatives: 3 });
    const shards = sharded(input, 3);
    expect(shards.every((bytes) => bytes.byteLength > 0)).toBe(true);
    expect(combineShards(input, shards.slice(1))).not.toEqual(runMatching(input));
  });
});
