import { describe, expect, it } from '@jest/globals';
import { ConfigError, parseList, validateEnv } from './app-config.js';

describe('validateEnv', () => {
  it('applies the defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: './.data', REDIS_PREFIX: 'verbinder', LOG_LEVEL: 'info', TRUST_PROXY: 'false', GRAPHQL_JIT: 'true', GRAPHQL_INTROSPECTION: 'true' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('parses numbers and keeps given values', () => {
    expect(validateEnv({ PORT: '8080', DATABASE_URL: 'postgres://u@h/db', ADMIN_EMAILS: 'a@x.nl' })).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u@h/db',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT: PORT must be an integer number (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT: PORT must not be greater than 65535 (got 70000)'],
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid configuration: DATABASE_URL: DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://x")'],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL: /],
    [{ GRAPHQL_JIT: 'yes' }, 'Invalid configuration: GRAPHQL_JIT: GRAPHQL_JIT must be true or false (got "yes")'],
    [{ GRAPHQL_INTROSPECTION: 'off' }, 'Invalid configuration: GRAPHQL_INTROSPECTION: GRAPHQL_INTROSPECTION must be true or false (got "off")'],
    [{ JWT_SECRET: 'short' }, 'Invalid configuration: JWT_SECRET: JWT_SECRET must be at least 32 characters (got "short")'],
    [{ NODE_ENV: 'production' }, 'Invalid configuration: JWT_SECRET: required when NODE_ENV=production'],
    [{ ADMIN_EMAILS: 'a@x.nl, nonsense' }, 'Invalid configuration: ADMIN_EMAILS: "nonsense" is not an email address'],
  ])('stops on %j with one line naming the variable', (raw, message) => {
    expect(() => validateEnv(raw)).toThrow(ConfigError);
    expect(() => validateEnv(raw)).toThrow(message);
    try {
      validateEnv(raw);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('parseList', () => {
  it('splits, trims and lower-cases', () => {
    expect(parseList(' A@x.nl,b@Y.nl ,, ')).toEqual(['a@x.nl', 'b@y.nl']);
    expect(parseList(undefined)).toEqual([]);
  });
});
