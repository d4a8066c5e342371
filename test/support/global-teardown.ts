// Drops this run's template database (each test file drops its own database) and ends the
// session that marked the run alive.
import type pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const run = process.env.VERBINDER_TEST_RUN;
  // Set by global-setup.ts in this same process (RUN_OWNER there).
  const owner = (globalThis as Record<symbol, pg.Client | undefined>)[Symbol.for('verbinder.test.runOwner')];
  if (!run || !owner) return;
  try {
    await owner.query(`DROP DATABASE IF EXISTS verbinder_test_${run}_template`);
    await owner.query(`DROP DATABASE IF EXISTS verbinder_test_${run}_template_building`);
  } finally {
    await owner.end();
  }
}
