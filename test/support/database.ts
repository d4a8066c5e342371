import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dataSourceOptions, ManagedDataSource, runMigrations } from '../../src/database/data-source.js';
import { ADMIN_DATABASE_URL, databaseUrl, TEMPLATE_DATABASE, TEST_RUN } from './test-env.js';

// Any constant: serialises building the template across parallel jest workers.
const TEMPLATE_LOCK = 7_306_122_022;


/**
 * A fresh database cloned from a template that has every migration (built once per test
 * run by whichever test file comes first); dropped by the returned function.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `verbinder_test_${TEST_RUN}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DATABASE]);
    if (!rowCount) await buildTemplate(admin);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    await admin.end();
  }
  return {
    url: databaseUrl(name),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function buildTemplate(admin: pg.Client): Promise<void> {
  const building = `${TEMPLATE_DATABASE}_building`;
  await admin.query(`DROP DATABASE IF EXISTS ${building}`);
  await admin.query(`CREATE DATABASE ${building}`);
  const dataSource = new ManagedDataSource({ ...dataSourceOptions(databaseUrl(building), 2), logging: false, logger: 'simple-console' });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE_DATABASE}`);
}
