// The same migrations run on the embedded PGlite (used without DATABASE_URL) and on a
// PostgreSQL server, and give the same schema and reference data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { dataSourceOptions, ManagedDataSource, runMigrations } from '../src/database/data-source.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { readMunicipalities } from '../src/database/reference-data.js';
import { TAXONOMY } from '../src/disciplines/taxonomy.data.js';
import { ADMIN_DATABASE_URL, databaseUrl, TEST_RUN } from './support/test-env.js';

interface Snapshot {
  columns: string[];
  indexes: string[];
  counts: Record<string, number>;
  searchNames: string;
}

async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ c: string }>(
      `SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS c
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1`,
    );
    const indexes = await client.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`);
    const counts: Record<string, number> = {};
    for (const table of ['province', 'municipality', 'discipline', 'migrations']) {
      counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    }
    const haag = await client.query<{ search_names: string }>(`SELECT search_names FROM municipality WHERE code = 'GM0518'`);
    return { columns: columns.rows.map((r) => r.c), indexes: indexes.rows.map((r) => r.indexdef), counts, searchNames: haag.rows[0].search_names };
  } finally {
    await client.end();
  }
}

async function migrate(url: string): Promise<void> {
  const dataSource = new ManagedDataSource({ ...dataSourceOptions(url, 1), logging: false, logger: 'simple-console' });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    await runMigrations(dataSource); // a second start finds nothing to do
  } finally {
    await dataSource.destroy();
  }
}

describe('migrations', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  const serverDb = `verbinder_test_${TEST_RUN}_migrations`;
  let onServer: Snapshot;
  let onPglite: Snapshot;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verbinder-pglite-'));
    embedded = await startEmbeddedPostgres(dataDir);
    await migrate(embedded.url);
    onPglite = await snapshot(embedded.url);

    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${serverDb}`);
    await admin.query(`CREATE DATABASE ${serverDb}`);
    await admin.end();
    await migrate(databaseUrl(serverDb));
    onServer = await snapshot(databaseUrl(serverDb));
  }, 60_000);

  afterAll(async () => {
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${serverDb}`);
    await admin.end();
  });

  it('load every province, municipality and discipline', () => {
    expect(onServer.counts).toEqual({ province: 12, municipality: readMunicipalities().length, discipline: TAXONOMY.length, migrations: MIGRATIONS.length });
    expect(onServer.counts.municipality).toBe(342);
    expect(onServer.searchNames).toBe('s gravenhage|den haag|the hague');
  });

  it('give the same schema and data on PGlite as on PostgreSQL', () => {
    expect(onPglite).toEqual(onServer);
  });

  it('persist the embedded database across restarts', async () => {
    await embedded.stop();
    embedded = await startEmbeddedPostgres(dataDir);
    expect((await snapshot(embedded.url)).counts).toEqual(onServer.counts);
  }, 30_000);
});
