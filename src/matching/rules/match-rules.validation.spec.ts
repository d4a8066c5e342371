import { isValidTimeZone, scheduleProblem } from './match-rules.validation.js';

describe('rule set validation', () => {
  it('accepts IANA zones and UTC, rejects the rest', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('accepts the default weekly schedule and a six-field pattern firing once a minute', () => {
    expect(scheduleProblem('0 8 * * 1', 'Europe/Amsterdam')).toBeNull();
    expect(scheduleProblem('30 * * * * *', 'UTC')).toBeNull();
  });

  it('names the pattern when it does not parse', () => {
    expect(scheduleProblem('61 8 * * 1', 'UTC')).toMatch(/^schedule "61 8 \* \* 1" is not a valid cron pattern/);
    expect(scheduleProblem('every monday', 'UTC')).toMatch(/not a valid cron pattern/);
    expect(scheduleProblem('  ', 'UTC')).toMatch(/must be a cron pattern/);
  });

  it('rejects a pattern that fires more than once a minute', () => {
    expect(scheduleProblem('* * * * * *', 'UTC')).toMatch(/more than once a minute/);
    expect(scheduleProblem('*/10 * * * * *', 'UTC')).toMatch(/more than once a minute/);
  });
});
