// Runs once before the e2e and medium tests: checks that PostgreSQL and Redis answer, saying exactly
// what is missing otherwise, names this run (its databases carry the name, so runs on one
// server never touch each other's), marks the run alive for its whole length and drops
// databases left by earlier runs that are over.
//
// Test runs on one PostgreSQL server must never touch each other's databases. Each run holds
// a session-level advisory lock named after its run id for as long as its jest process lives
// (taken here, released in teardown or when the process dies). Leftovers of a run are
// dropped only when that run's lock is free: then the run is over, whatever state its
// databases are in. (Jest loads this file outside its module mapper: no relative imports.)
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Any constant: the first key of the run locks (the second is hashtext(run id)).
const RUN_LOCK_CLASS = 7_306_122;
const RUN_DATABASE = /^verbinder_test_([0-9a-f]{6})_/;

/** Where global set-up keeps the session that holds the run's lock, for teardown (same process). */
export const RUN_OWNER = Symbol.for('verbinder.test.runOwner');

/** Takes the lock that marks `run` as alive for as long as `client`'s session lasts. */
export async function claimRun(client: pg.Client, run: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [RUN_LOCK_CLASS, run]);
}

/** Drops the databases of runs other than `ownRun` that are over; returns their names. */
export async function dropFinishedRuns(client: pg.Client, ownRun: string): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'verbinder\\_test\\_%'`);
  const byRun = new Map<string, string[]>();
  for (const { datname } of rows) {
    const run = RUN_DATABASE.exec(datname)?.[1];
    if (run && run !== ownRun) byRun.set(run, [...(byRun.get(run) ?? []), datname]);
  }
  const dropped: string[] = [];
  for (const [run, names] of byRun) {
    const { rows: [{ free }] } = await client.query<{ free: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [RUN_LOCK_CLASS, run]);
    if (!free) continue; // that run's jest process is alive
    try {
      for (const name of names) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        dropped.push(name);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK_CLASS, run]);
    }
  }
  return dropped;
}

export default async function globalSetup(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`The medium and e2e tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }

  const run = randomBytes(3).toString('hex');
  const owner = new pg.Client({ connectionString: ADMIN_DATABASE_URL, application_name: `verbinder-test-run-${run}` });
  await owner.connect().catch((error: Error) => {
    throw new Error(
      `The medium and e2e tests need PostgreSQL at ${ADMIN_DATABASE_URL} (set TEST_DATABASE_URL to a role that may create databases): ${error.message}`,
    );
  });
  owner.on('error', () => undefined);
  await claimRun(owner, run);
  (globalThis as Record<symbol, unknown>)[RUN_OWNER] = owner;
  await dropFinishedRuns(owner, run);
  // Workers start after global set-up and inherit this.
  process.env.VERBINDER_TEST_RUN = run;
}
