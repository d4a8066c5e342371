import { describe, expect, it } from '@jest/globals';
import { availability, HOURS_FOR_FULL_AVAILABILITY, UNKNOWN_AVAILABILITY } from './availability.js';

describe('availability', () => {
  it('computes the worked example: 10 hours 0.5, 20 or more 1, none given 0.25', () => {
    expect(availability(10)).toBe(0.5);
    expect(availability(HOURS_FOR_FULL_AVAILABILITY)).toBe(1);
    expect(availability(160)).toBe(1);
    expect(availability(null)).toBe(0.25);
  });

  it('is min(hours, 20) / 20 from 0 hours on', () => {
    expect(availability(0)).toBe(0);
    for (let hours = 0; hours <= 30; hours++) expect(availability(hours)).toBe(Math.min(hours, 20) / 20);
    expect(availability(7.5)).toBe(0.375);
  });

  it("counts negative hours as unknown (the engine's typed arrays write unknown as -1)", () => {
    expect(availability(-1)).toBe(UNKNOWN_AVAILABILITY);
  });
});
