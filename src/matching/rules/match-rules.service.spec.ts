import { InvalidInput } from '../../common/domain-error.js';
import { overlayRules, type RuleValues } from './match-rules.service.js';

const BASE: RuleValues = {
  weights: { complementarity: 3, mutuality: 2, proximity: 1.5, crossSector: 1, initiativeNeed: 2, availability: 0.5 },
  minScore: 0.3,
  maxDistanceKm: 50,
  maxIntroductionsPerPersonPerRun: 3,
  cooldownDays: 90,
  excludeSameOrganisation: true,
  schedule: '0 8 * * 1',
  timezone: 'Europe/Amsterdam',
  note: 'Default rules',
};

describe('overlayRules', () => {
  it('keeps what the input omits or nulls, and never inherits the note', () => {
    const values = overlayRules(BASE, { weights: { proximity: 4, mutuality: null }, minScore: 0.5, excludeSameOrganisation: false, schedule: null });
    expect(values).toEqual({ ...BASE, weights: { ...BASE.weights, proximity: 4 }, minScore: 0.5, excludeSameOrganisation: false, note: null });
  });

  it('lets a false or a zero through (they are values, not omissions)', () => {
    expect(overlayRules(BASE, { cooldownDays: 0, weights: { availability: 0 } })).toMatchObject({ cooldownDays: 0, weights: { availability: 0 } });
  });

  it('checks the schedule in the resulting time zone and names the field under the given path', () => {
    expect(() => overlayRules(BASE, { timezone: 'Nowhere/Land' }, 'input.')).toThrow(
      expect.objectContaining({ details: { field: 'input.timezone', value: 'Nowhere/Land' } }),
    );
    expect(() => overlayRules(BASE, { schedule: '0 25 * * *' })).toThrow(InvalidInput);
  });

  it('refuses a rule set whose weights are all zero', () => {
    const zero = { complementarity: 0, mutuality: 0, proximity: 0, crossSector: 0, initiativeNeed: 0, availability: 0 };
    expect(() => overlayRules(BASE, { weights: zero })).toThrow(/At least one weight/);
  });
});
