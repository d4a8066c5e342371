// Drops this run's template database (each test file drops its own database).
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const run = process.env.VERBINDER_TEST_RUN;
  if (!run) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS verbinder_test_${run}_template`);
    await admin.query(`DROP DATABASE IF EXISTS verbinder_test_${run}_template_building`);
  } finally {
    await admin.end();
  }
}
