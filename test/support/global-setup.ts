// Runs once before the e2e tests: checks that PostgreSQL and Redis answer, saying exactly
// what is missing otherwise, names this run (its databases carry the name, so runs on one
// server never touch each other's) and drops databases left by earlier, interrupted runs.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export default async function globalSetup(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`The e2e tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }

  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(
      `The e2e tests need PostgreSQL at ${ADMIN_DATABASE_URL} (set TEST_DATABASE_URL to a role that may create databases): ${error.message}`,
    );
  });
  try {
    // Only databases nobody is connected to: a concurrent run's are in use.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database d WHERE datname LIKE 'verbinder\\_test\\_%'
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  } finally {
    await admin.end();
  }
  // Workers start after global set-up and inherit this.
  process.env.VERBINDER_TEST_RUN = randomBytes(3).toString('hex');
}
