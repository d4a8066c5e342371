// Two test runs on one server: global set-up of one never drops what the other still owns.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { claimRun, dropFinishedRuns } from './support/global-setup.js';
import { ADMIN_DATABASE_URL, TEST_RUN } from './support/test-env.js';

describe('leftovers of other test runs', () => {
  const otherRun = randomBytes(3).toString('hex');
  const names = [`verbinder_test_${otherRun}_template`, `verbinder_test_${otherRun}_1_probe`];
  let cleaner: pg.Client;

  beforeAll(async () => {
    cleaner = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await cleaner.connect();
    for (const name of names) await cleaner.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    for (const name of names) await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
  });

  const existing = async (): Promise<string[]> =>
    (await cleaner.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY datname`, [names])).rows.map(
      (r) => r.datname,
    );

  it('keeps the databases of a live run, even with nobody connected to them, and drops them once it is over', async () => {
    const other = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await other.connect();
    await claimRun(other, otherRun);
    expect(await dropFinishedRuns(cleaner, TEST_RUN)).not.toEqual(expect.arrayContaining([names[0]]));
    expect(await existing()).toEqual([...names].sort());

    await other.end(); // the other run's jest process ended
    const dropped = await dropFinishedRuns(cleaner, TEST_RUN);
    expect(dropped).toEqual(expect.arrayContaining(names));
    expect(await existing()).toEqual([]);
  });

  it('never drops the databases of its own run', async () => {
    const own = `verbinder_test_${TEST_RUN}_own_probe`;
    await cleaner.query(`CREATE DATABASE ${own}`);
    try {
      expect(await dropFinishedRuns(cleaner, TEST_RUN)).not.toContain(own);
    } finally {
      await cleaner.query(`DROP DATABASE IF EXISTS ${own}`);
    }
  });
});
