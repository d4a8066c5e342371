// PostgreSQL going away under a running app, as in a server restart: every connection is cut
// and new ones are refused for a while. Requests meanwhile get a clear, retryable error fast,
// readiness says so, and once the database is back the app serves again by itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ADMIN_DATABASE_URL } from './support/test-env.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const QUERY = `{ initiatives(first: 1) { totalCount } }`;

describe('a PostgreSQL outage', () => {
  let t: TestApp;
  let admin: pg.Client;
  let name: string;

  beforeAll(async () => {
    t = await startTestApp();
    name = new URL(t.env.DATABASE_URL).pathname.slice(1);
    admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await t?.close();
  });

  const cut = async (): Promise<void> => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  };

  it('answers SERVICE_UNAVAILABLE within seconds while it lasts, and serves again once it is over', async () => {
    expect((await t.post({ query: QUERY })).body.errors).toBeUndefined();
    await cut();

    const started = Date.now();
    const during = await t.post({ query: QUERY });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(during.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.body.errors?.[0].message).not.toMatch(/connection|terminat|postgres|database .* not/i);
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(503);

    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    const deadline = Date.now() + 15_000;
    let after = await t.post({ query: QUERY });
    while (after.body.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await t.post({ query: QUERY });
    }
    expect(after.body.errors).toBeUndefined();
    expect((await fetch(`${t.url}/health/ready`)).status).toBe(200);
  }, 60_000);
});
