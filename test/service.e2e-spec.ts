// The service as a person trying it meets it: `npm start` with no configuration at all
// (embedded PostgreSQL, emails written to a mailbox folder), health checks, request ids,
// and a graceful stop on SIGTERM.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { readMunicipalities } from '../src/database/reference-data.js';
import { eventually } from './support/drain.js';
import { tokenFromEmail } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('on the embedded defaults', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ embeddedDefaults: true });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers the first query of the README with 12 provinces and every municipality', async () => {
    const res = await t.gql<{ provinces: { code: string }[]; municipalities: { code: string }[] }>(`{ provinces { code } municipalities { code } }`);
    expect(res.data?.provinces).toHaveLength(12);
    expect(res.data?.municipalities.map((m) => m.code).sort()).toEqual(readMunicipalities().map((m) => m.code).sort());
  });

  it('finds municipalities by the names people use, ignoring case and accents', async () => {
    const find = async (search: string) =>
      (await t.gql<{ municipalities: { name: string }[] }>(`query($s: String) { municipalities(search: $s) { name } }`, { s: search })).data?.municipalities.map((m) => m.name);
    expect(await find('den haag')).toEqual(["'s-Gravenhage"]);
    expect(await find('Den Bosch')).toEqual(["'s-Hertogenbosch"]);
    expect(await find('MIDDELBURG')).toEqual(['Middelburg (Z.)']);
    expect(await find('sudwest-fryslan')).toEqual(['Súdwest-Fryslân']);
    expect(await find('bergen')).toEqual(expect.arrayContaining(['Bergen (L.)', 'Bergen (NH.)']));
    const zeeland = await t.gql<{ municipalities: { name: string }[] }>(`{ municipalities(provinceCode: "PV29") { name } }`);
    expect(zeeland.data?.municipalities.map((m) => m.name)).toContain('Vlissingen');
  });

  it('writes emails as .eml files with a text and an HTML part, and the link signs in', async () => {
    await t.gql(`mutation { register(input: { email: "eva@example.org", name: "Eva de Vries", sector: CITIZEN }) }`);
    const mailDir = join(t.dataDir, 'mail');
    let files: string[] = [];
    for (let i = 0; i < 100 && files.length === 0; i++) {
      files = await readdir(mailDir).catch(() => []);
      if (files.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const mail = await simpleParser(await readFile(join(mailDir, files[0])));
    expect(mail.subject).toBe('Je aanmeldlink voor Verbinder');
    expect(mail.text).toContain('Hallo Eva de Vries');
    expect(mail.html).toContain('<a href="http://localhost:');
    const signIn = await t.gql<{ signIn: { me: { email: string } } }>(`mutation($t: String!) { signIn(token: $t) { me { email } } }`, {
      t: tokenFromEmail(mail.text!),
    });
    expect(signIn.data?.signIn.me.email).toBe('eva@example.org');
  });

  it('sends links emailed before the web app (/sign-in?token=…) on to its sign-in page, keeping the token out of caches and referrers', async () => {
    const res = await fetch(`${t.url}/sign-in?token=abc_DEF-123`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/aanmelden?token=abc_DEF-123');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const odd = await fetch(`${t.url}/sign-in?token=${encodeURIComponent('a&next=//evil.example')}`, { redirect: 'manual' });
    expect(odd.headers.get('location')).toBe(`/aanmelden?token=${encodeURIComponent('a&next=//evil.example')}`);
    expect((await fetch(`${t.url}/sign-in`, { redirect: 'manual' })).headers.get('location')).toBe('/aanmelden');
  });
});

describe('operations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('reports liveness and readiness of database and Redis', async () => {
    expect(await (await fetch(`${t.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('logs JSON with a request id, taking a sane X-Request-Id and echoing it', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
      body: JSON.stringify({ query: '{ provinces { code } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: '{ provinces { code } }' }),
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => expect(t.logs.some((l) => l.req?.id === 'trace-123' && l.msg === 'request completed')).toBe(true));
  });

  it('stops gracefully on SIGTERM with exit code 0', async () => {
    expect(await t.stop()).toBe(0);
    expect(t.logs.some((l) => l.msg === 'SIGTERM received: shutting down')).toBe(true);
  });
});

describe('API and worker as separate processes', () => {
  let api: TestApp;
  let worker: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ role: 'api' });
    worker = await startTestApp({ role: 'worker', shareWith: api });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('lets the worker send the email the API queued', async () => {
    await api.gql(`mutation { register(input: { email: "fleur@example.org", name: "Fleur Mulder", sector: SCIENCE }) }`);
    const [mail] = await api.mailbox.waitFor(1);
    expect(mail.subject).toBe('Je aanmeldlink voor Verbinder');
    for (let i = 0; i < 50 && !worker.logs.some((l) => l.msg === 'email job done'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(worker.logs.some((l) => l.msg === 'email job done')).toBe(true);
    expect(api.logs.some((l) => l.msg === 'email job done')).toBe(false);
  });

  it('stops the worker gracefully on SIGTERM', async () => {
    expect(await worker.stop()).toBe(0);
  });
});

describe('maintenance jobs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('registers one nightly schedule however many workers start, and purges expired sign-in links', async () => {
    const { Queue } = await import('bullmq');
    const { redisOptions } = await import('../src/redis/redis-locator.js');
    const second = await startTestApp({ role: 'worker', shareWith: t });
    const queue = new Queue('maintenance', { connection: redisOptions(t.env.REDIS_URL), prefix: t.env.REDIS_PREFIX });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        ['expire-introductions', '7 * * * *', 'Europe/Amsterdam'],
        ['purge-professional-changes', '27 3 * * *', 'Europe/Amsterdam'],
        ['purge-sign-in-tokens', '17 3 * * *', 'Europe/Amsterdam'],
        ['relay-match-runs', '* * * * *', 'Europe/Amsterdam'],
        ['relay-outbox', '* * * * *', 'Europe/Amsterdam'],
      ]);
      const matching = new Queue('matching', { connection: redisOptions(t.env.REDIS_URL), prefix: t.env.REDIS_PREFIX });
      try {
        // Match runs follow the active rules: one schedule, however many workers.
        expect((await matching.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz])).toEqual([['match-runs', '0 8 * * 1', 'Europe/Amsterdam']]);
      } finally {
        await matching.close();
      }

      await t.gql(`mutation { register(input: { email: "gijs@example.org", name: "Gijs Bos", sector: CITIZEN }) }`);
      await t.mailbox.waitFor(1);
      await t.gql(`mutation { requestSignInLink(email: "gijs@example.org") }`);
      await t.mailbox.waitFor(2);
      await t.db.query(`UPDATE sign_in_token SET expires_at = now() - interval '2 days' WHERE token_hash = (SELECT min(token_hash) FROM sign_in_token)`);
      const job = await queue.add('purge-sign-in-tokens', {});
      for (let i = 0; i < 100 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await job.isCompleted()).toBe(true);
      expect(Number((await t.db.query(`SELECT count(*) AS n FROM sign_in_token`)).rows[0].n)).toBe(1);

      // A job nobody handles fails, and the failure is logged at error level once it is final.
      await queue.add('no-such-job', {}, { attempts: 1 });
      const failed = () => [t, second].flatMap((app) => app.logs).find((l) => l.msg === 'job failed' && l.job === 'no-such-job');
      for (let i = 0; i < 100 && !failed(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(failed()).toMatchObject({ level: 50, final: true, err: { message: 'Unknown job "no-such-job" on queue maintenance' } });
    } finally {
      await queue.close();
      await second.close();
    }
  });
});
