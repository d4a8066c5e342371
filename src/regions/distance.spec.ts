import { describe, expect, it } from '@jest/globals';
import { distanceKm, proximity, UNKNOWN_PROXIMITY } from './distance.js';

const AMSTERDAM = { latitude: 52.38096, longitude: 4.8797 };
const ROTTERDAM = { latitude: 51.914, longitude: 4.4798 };

describe('distanceKm', () => {
  it('is the great-circle distance of the worked example: Amsterdam to Rotterdam 58.66 km', () => {
    expect(distanceKm(AMSTERDAM.latitude, AMSTERDAM.longitude, ROTTERDAM.latitude, ROTTERDAM.longitude)).toBeCloseTo(58.656, 3);
  });

  it('is 0 from a place to itself, symmetric, and 111.19 km per degree along the equator (R = 6371 km)', () => {
    expect(distanceKm(AMSTERDAM.latitude, AMSTERDAM.longitude, AMSTERDAM.latitude, AMSTERDAM.longitude)).toBe(0);
    expect(distanceKm(ROTTERDAM.latitude, ROTTERDAM.longitude, AMSTERDAM.latitude, AMSTERDAM.longitude)).toBe(
      distanceKm(AMSTERDAM.latitude, AMSTERDAM.longitude, ROTTERDAM.latitude, ROTTERDAM.longitude),
    );
    expect(distanceKm(0, 0, 0, 1)).toBeCloseTo((6371 * Math.PI) / 180, 9);
    expect(distanceKm(0, 0, 1, 0)).toBeCloseTo((6371 * Math.PI) / 180, 9);
  });
});

describe('proximity', () => {
  it('computes the worked example: half 25 km, 12.5 km → 0.667, 25 km → 0.5, 100 km → 0.2', () => {
    expect(proximity(12.5, 25)).toBeCloseTo(2 / 3, 12);
    expect(proximity(25, 25)).toBe(0.5);
    expect(proximity(100, 25)).toBe(0.2);
  });

  it('is 1 at 0 km and falls with distance', () => {
    expect(proximity(0, 50)).toBe(1);
    expect(proximity(10, 50)).toBeGreaterThan(proximity(11, 50));
  });

  it('is the formula 1 / (1 + d / half) bit for bit, which search, team cover and the engine all used', () => {
    for (const [d, half] of [[11.12, 25], [58.656, 50], [0.3, 1], [399, 400]]) expect(proximity(d, half)).toBe(1 / (1 + d / half));
  });

  it('values an unknown distance as a distance of half', () => {
    expect(UNKNOWN_PROXIMITY).toBe(proximity(25, 25));
  });
});
