import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './database-errors.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('knows a lost or refused connection, also inside a TypeORM QueryFailedError', () => {
    expect(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('55000', 'database "x" is not currently accepting connections'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('query failed'), { driverError: pgError('08006') }))).toBe(true);
  });

  it('leaves errors of the query itself alone', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('55000', 'cannot drop the currently open database'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection refused by policy'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
