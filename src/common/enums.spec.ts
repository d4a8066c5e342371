import { describe, expect, it } from '@jest/globals';
import { ExpertiseLevel, LEVEL_RANK } from './enums.js';

describe('LEVEL_RANK', () => {
  it('orders levels from basic to expert', () => {
    expect(LEVEL_RANK[ExpertiseLevel.BASIC]).toBeLessThan(LEVEL_RANK[ExpertiseLevel.EXPERIENCED]);
    expect(LEVEL_RANK[ExpertiseLevel.EXPERIENCED]).toBeLessThan(LEVEL_RANK[ExpertiseLevel.EXPERT]);
  });
});
