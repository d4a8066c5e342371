import { describe, expect, it } from '@jest/globals';
import { Mulberry32, mulberry32 } from './prng.js';

const take = (next: () => number, n: number): number[] => Array.from({ length: n }, next);

describe('mulberry32', () => {
  it('gives the sequence it always gave (seeded test data and benchmarks depend on it)', () => {
    expect(take(mulberry32(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    // Seeds above 2^31 and negative ones: the state wraps as an unsigned 32-bit number.
    expect(take(mulberry32(0xdeadbeef), 2)).toEqual([0.9413696140982211, 0.26719574979506433]);
    expect(take(mulberry32(-5), 2)).toEqual([0.48384718922898173, 0.05296749505214393]);
  });

  it('is the same generator reseeded in place, as the seed command uses it', () => {
    const generator = new Mulberry32();
    for (const seed of [1, 0xdeadbeef, -5, 2 ** 32 + 7]) {
      generator.reseed(seed);
      expect(take(() => generator.next(), 50)).toEqual(take(mulberry32(seed), 50));
    }
  });

  it('stays in [0, 1)', () => {
    const values = take(mulberry32(42), 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
