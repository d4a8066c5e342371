/**
 * mulberry32: a small, fast, seeded pseudo-random generator (32-bit state), for reproducible
 * test data, random tests and benchmarks. Not for anything secret. The seed generator
 * (synthetic-network.ts) reseeds one instance per item; everyone else takes a function.
 */
export class Mulberry32 {
  private state: number;

  constructor(seed = 0) {
    this.state = seed >>> 0;
  }

  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A generator seeded with `seed`: each call answers the next number, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  const generator = new Mulberry32(seed);
  return () => generator.next();
}
