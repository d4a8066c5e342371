// Where the tests find PostgreSQL and Redis. Defaults fit this project's CI machine;
// override with TEST_DATABASE_URL (a role that may CREATE DATABASE) and TEST_REDIS_URL.
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Set by global-setup.ts for every test run. */
export const TEST_RUN = process.env.VERBINDER_TEST_RUN ?? 'local';
export const TEMPLATE_DATABASE = `verbinder_test_${TEST_RUN}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
