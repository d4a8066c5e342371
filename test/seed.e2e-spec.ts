// The seed command against a real PostgreSQL: the demo network and a synthetic one.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase } from './support/database.js';
import { SEED_COMMAND } from './support/seed.js';

describe('npm run seed', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  const seed = (...args: string[]) =>
    spawnSync(process.execPath, [SEED_COMMAND, ...args], { env: { PATH: process.env.PATH, DATABASE_URL: database.url }, encoding: 'utf8' });
  const count = async (table: string): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  it('loads the demo network with the initiatives people know', async () => {
    const run = seed('--demo');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Loaded 28 professionals and 11 initiatives in [\d.]+ s\n$/);
    const titles = (await db.query(`SELECT title FROM initiative ORDER BY title`)).rows.map((r: { title: string }) => r.title).join(' | ');
    expect(titles).toMatch(/Wijkdeal/i);
    expect(titles).toMatch(/Menukaart/i);
    expect(titles).toMatch(/Tuinman in de Wijk/i);
  });

  it('refuses to load the same network twice with a one-line error, and --reset starts afresh', async () => {
    const again = seed('--demo');
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/^Seeding failed: /);

    const synthetic = seed('--reset', '--professionals', '300', '--initiatives', '30', '--seed', '5');
    expect(synthetic.status).toBe(0);
    expect(await count('professional')).toBe(300);
    expect(await count('initiative')).toBe(30);
    expect(await count('professional_offer')).toBeGreaterThanOrEqual(300);
    expect(await count('expertise_need')).toBeGreaterThanOrEqual(30);
  });

  it('is deterministic: the same seed gives the same rows and ids', async () => {
    const snapshot = async () => (await db.query(`SELECT p.id, p.name, p.municipality_code FROM professional p ORDER BY p.id`)).rows;
    const first = await snapshot();
    expect(seed('--reset', '--professionals', '300', '--initiatives', '30', '--seed', '5').status).toBe(0);
    expect(await snapshot()).toEqual(first);
    expect(seed('--reset', '--professionals', '300', '--initiatives', '30', '--seed', '6').status).toBe(0);
    expect(await snapshot()).not.toEqual(first);
  });

  it('explains its usage when the arguments are wrong', () => {
    const wrong = seed('--professionals', 'many');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Usage: npm run seed --');
  });
});
