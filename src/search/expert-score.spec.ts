import { describe, expect, it } from '@jest/globals';
import { expertScore } from './expert-score.js';

describe('expertScore', () => {
  it('computes the worked example of the formula', () => {
    expect(expertScore({ coverage: 0.5, availableHoursPerMonth: 10, distanceKm: 12.5 })).toBeCloseTo(0.5278, 4);
  });

  it('is 1 for a perfect, available, local match with a perfect text rank', () => {
    expect(expertScore({ coverage: 1, availableHoursPerMonth: 40, distanceKm: 0, textRank: 1 })).toBe(1);
  });

  it('ranks more coverage, more hours and less distance higher', () => {
    const base = { coverage: 0.5, availableHoursPerMonth: 10, distanceKm: 20 };
    expect(expertScore({ ...base, coverage: 1 })).toBeGreaterThan(expertScore(base));
    expect(expertScore({ ...base, availableHoursPerMonth: 20 })).toBeGreaterThan(expertScore(base));
    expect(expertScore({ ...base, distanceKm: 5 })).toBeGreaterThan(expertScore(base));
    expect(expertScore({ ...base, availableHoursPerMonth: null })).toBeLessThan(expertScore(base));
  });

  it('leaves out proximity and text when the search has none', () => {
    expect(expertScore({ coverage: 1, availableHoursPerMonth: 20 })).toBe(1);
  });
});
