import { describe, expect, it } from '@jest/globals';
import { normalizePlaceName, searchNames } from './normalize-name.js';

describe('normalizePlaceName', () => {
  it.each([
    ["'s-Hertogenbosch", 's hertogenbosch'],
    ['Middelburg (Z.)', 'middelburg'],
    ['Súdwest-Fryslân', 'sudwest fryslan'],
    ['Nuenen, Gerwen en Nederwetten', 'nuenen gerwen en nederwetten'],
    ['  DEN   Haag ', 'den haag'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePlaceName(input)).toBe(expected);
  });
});

describe('searchNames', () => {
  it('joins the official name and aliases without duplicates', () => {
    expect(searchNames("'s-Gravenhage", ['Den Haag', 'den  haag'])).toBe('s gravenhage|den haag');
  });
});
