// Faults of the services around the app, from outside: a Redis that restarts under a running
// app, empty (no persistence) or with its append-only file, and a process started while its
// Redis or PostgreSQL cannot be reached. Real PostgreSQL, SMTP and a throw-away redis-server
// per test (redis-server must be on PATH).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { projectRoot } from '../src/database/reference-data.js';
import { redisOptions } from '../src/redis/redis-locator.js';
import { createTestDatabase } from './support/database.js';
import { drain } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn } from './support/sign-in.js';
import { freePort, type LogLine, startTestApp, type TestApp } from './support/test-app.js';
import { TEST_REDIS_URL } from './support/test-env.js';

const RUN = `query($id: ID!) { matchRun(id: $id) { id status } }`;
const TRIGGER = `mutation { triggerMatchRun(dryRun: false) { id status } }`;
const DIGEST_SUBJECT = /nieuwe kennismaking|new introduction/;
const EMAIL_RATE_PER_MINUTE = 1_200;

/** A redis-server of this test on `port`: empty on every start, or with its append-only file in `dir`. */
async function startRedis(port: number, dir?: string): Promise<ChildProcess> {
  const persistence = dir ? ['--appendonly', 'yes', '--dir', dir] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], { stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGKILL'));
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  for (let attempt = 0; ; attempt++) {
    try {
      await client.connect();
      // With its file, Redis answers LOADING until the file is read.
      if ((await client.ping()) === 'PONG') break;
    } catch {
      if (attempt > 100) throw new Error(`redis-server did not start on port ${port}`);
      client.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  client.disconnect();
  return child;
}

async function stopRedis(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number, explain: () => string = () => ''): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

/** Redis restarts under a running app (API and worker in one process), with pending work: digests waiting to be sent and a run waiting to start. */
function restartScenario(persistent: boolean): void {
  let t: TestApp;
  /** A second worker process: restoring is idempotent however many do it at once. */
  let worker: TestApp;
  let redis: ChildProcess;
  let port: number;
  let dir: string | undefined;
  let admin: { token: string };

  beforeAll(async () => {
    port = await freePort();
    dir = persistent ? await mkdtemp(join(tmpdir(), 'verbinder-redis-aof-')) : undefined;
    redis = await startRedis(port, dir);
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, EMAIL_RATE_PER_MINUTE: String(EMAIL_RATE_PER_MINUTE) } });
    worker = await startTestApp({ role: 'worker', shareWith: t });
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Ada Admin' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    if (redis) await stopRedis(redis, 'SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const queue = (name: string): Queue => {
    const q = new Queue(name, { connection: redisOptions(t.env.REDIS_URL), prefix: t.env.REDIS_PREFIX });
    q.on('error', () => undefined);
    return q;
  };
  /** Job schedulers of the app, as [queue, key, pattern]; and the email queue's rate limit. */
  async function redisState(): Promise<{ schedulers: string[][]; rateLimit: { max: number; duration: number } | null }> {
    const [maintenance, matching, email] = [queue('maintenance'), queue('matching'), queue('email')];
    try {
      const schedulers = [
        ...(await maintenance.getJobSchedulers()).map((s) => ['maintenance', s.key, s.pattern ?? '']),
        ...(await matching.getJobSchedulers()).map((s) => ['matching', s.key, s.pattern ?? '']),
      ].sort((a, b) => a.join().localeCompare(b.join()));
      return { schedulers, rateLimit: await email.getGlobalRateLimit() };
    } finally {
      await Promise.all([maintenance.close(), matching.close(), email.close()]);
    }
  }
  const EXPECTED_SCHEDULERS = [
    ['maintenance', 'expire-introductions', '7 * * * *'],
    ['maintenance', 'purge-professional-changes', '27 3 * * *'],
    ['maintenance', 'purge-sign-in-tokens', '17 3 * * *'],
    ['maintenance', 'relay-match-runs', '* * * * *'],
    ['maintenance', 'relay-outbox', '* * * * *'],
    ['matching', 'match-runs', '0 8 * * 1'],
  ];
  const outbox = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await t.db.query(`SELECT status, count(*)::int AS n FROM email_outbox WHERE kind = 'digest' GROUP BY status`)).rows.map((r) => [r.status, r.n]));
  const runStatus = async (id: string): Promise<string> => (await t.gql<{ matchRun: { status: string } }>(RUN, { id }, { token: admin.token })).data!.matchRun.status;
  const digests = (): ParsedMail[] => t.mailbox.messages.filter((m) => DIGEST_SUBJECT.test(m.subject ?? ''));
  const recipient = (m: ParsedMail): string => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address!.toLowerCase();
  const explain = (): string =>
    `digests received: ${digests().map(recipient).join(', ')}\n` +
    t.logs
      .filter((l) => l.level >= 40)
      .slice(-10)
      .map((l) => JSON.stringify(l))
      .join('\n');

  it(`sends every pending digest exactly once after Redis restarts ${persistent ? 'with its append-only file' : 'empty'}, without restarting the app`, async () => {
    const make = makeFixtures(t.db);
    const person = (name: string, offers: string, seeks: string) =>
      make.professional({ name, email: `${name.toLowerCase()}@example.org`, municipalityCode: 'GM0363', offers: { [offers]: 'EXPERT' }, seeks: [seeks] });
    expect(await redisState()).toEqual({ schedulers: EXPECTED_SCHEDULERS, rateLimit: { max: EMAIL_RATE_PER_MINUTE, duration: 60_000 } });

    // Digests of a finished run wait on a paused email queue: PENDING in PostgreSQL, their jobs in Redis.
    const email = queue('email');
    const matching = queue('matching');
    await email.pause();
    await person('Anna', 'participatie', 'subsidies');
    await person('Bob', 'subsidies', 'participatie');
    const first = (await t.gql<{ triggerMatchRun: { id: string } }>(TRIGGER, {}, { token: admin.token })).data!.triggerMatchRun.id;
    await waitUntil(async () => (await runStatus(first)) === 'COMPLETED', 'the first run', 30_000, explain);
    expect(await outbox()).toEqual({ PENDING: 2 });
    // And a run waits on a paused matching queue: QUEUED in PostgreSQL, its job in Redis.
    await matching.pause();
    await person('Carl', 'groenbeheer', 'lokale-energie');
    await person('Dora', 'lokale-energie', 'groenbeheer');
    const second = (await t.gql<{ triggerMatchRun: { id: string } }>(TRIGGER, {}, { token: admin.token })).data!.triggerMatchRun.id;
    expect(await runStatus(second)).toBe('QUEUED');
    await Promise.all([email.close(), matching.close()]);

    const apps = [t, worker];
    const logsBefore = apps.map((app) => app.logs.length);
    const stderrBefore = apps.map((app) => app.stderr.length);
    await stopRedis(redis, persistent ? 'SIGTERM' : 'SIGKILL');
    // An outage of a few seconds: every connection of the app retries several times meanwhile.
    // (A fixed pause: the outage's length is what is under test; nothing to wait for.)
    await new Promise((r) => setTimeout(r, 4_000));
    expect(apps.map((app) => app.process.exitCode)).toEqual([null, null]);
    redis = await startRedis(port, dir);
    const back = Date.now();

    if (persistent) {
      // Nothing was lost; the paused queues are still paused: resume them, as an operator would.
      expect(await redisState()).toEqual({ schedulers: EXPECTED_SCHEDULERS, rateLimit: { max: EMAIL_RATE_PER_MINUTE, duration: 60_000 } });
      const [e, m] = [queue('email'), queue('matching')];
      await Promise.all([e.resume(), m.resume()]);
      await Promise.all([e.close(), m.close()]);
    } else {
      const restoredMs = await waitUntil(
        async () => JSON.stringify((await redisState()).schedulers) === JSON.stringify(EXPECTED_SCHEDULERS),
        'the job schedulers',
        45_000,
        explain,
      );
      expect((await redisState()).rateLimit).toEqual({ max: EMAIL_RATE_PER_MINUTE, duration: 60_000 });
      console.log(`Redis restarted empty: schedulers and rate limit back ${restoredMs} ms after Redis answered again`);
    }
    await waitUntil(async () => (await runStatus(second)) === 'COMPLETED', 'the second run', 60_000, explain);
    const sentMs = await waitUntil(async () => JSON.stringify(await outbox()) === JSON.stringify({ SENT: 4 }), 'every digest SENT', 60_000, explain);
    console.log(`Redis restarted ${persistent ? 'with its file' : 'empty'}: every digest sent ${Date.now() - back} ms after Redis answered again (${sentMs} ms of waiting)`);

    // The restored relay schedule of the outbox fires, and queues nothing twice.
    const relayDone = (l: LogLine): boolean => l.msg === 'maintenance job done' && l.job === 'relay-outbox';
    const relays = (): number => apps.flatMap((app) => app.logs).filter(relayDone).length;
    const relaysBefore = relays();
    await waitUntil(() => relays() > relaysBefore, 'a scheduled relay after the restart', 75_000, explain);
    // Whatever that relay queued has run: a digest queued twice would be in the mailbox now.
    await drain(t);
    const received = digests();
    expect(received.map(recipient).sort()).toEqual(['anna@example.org', 'bob@example.org', 'carl@example.org', 'dora@example.org']);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(4);
    expect(await outbox()).toEqual({ SENT: 4 });

    // In each process: one line when Redis went away and one when it was back, not one per
    // connection and retry; nothing on stderr. Empty: at most one line per process saying what it
    // found missing. The processes check at about the same moment, so the second may find part
    // (or all) of it restored by the first already; together they name everything that was lost.
    const restored = apps.map((app, k) => app.logs.slice(logsBefore[k]).filter((l) => l.context === 'Schedules' && /^Redis had lost/.test(l.msg ?? '')));
    expect(restored.every((lines) => lines.length <= 1)).toBe(true);
    expect(restored.flat().length > 0).toBe(!persistent);
    const lost = ['the relay-match-runs schedule', 'the relay-outbox schedule', 'the match run schedule', 'the email rate limit'];
    for (const line of restored.flat()) {
      expect(line).toMatchObject({ level: 40, missing: expect.arrayContaining([expect.any(String)]) });
    }
    if (!persistent) expect(lost.every((what) => restored.flat().some((line) => (line.missing as string[]).includes(what)))).toBe(true);
    apps.forEach((app, k) => {
      const during = app.logs.slice(logsBefore[k]);
      expect(during.filter((l) => l.context === 'RedisStatus').map((l) => l.msg)).toEqual([
        `Redis at REDIS_URL=redis://127.0.0.1:${port} is unreachable (ECONNREFUSED); retrying every second, queued work waits`,
        expect.stringMatching(new RegExp(`^Redis at REDIS_URL=redis://127\\.0\\.0\\.1:${port} is reachable again after [\\d.]+ s$`)),
      ]);
      expect(app.stderr.slice(stderrBefore[k])).toEqual([]);
      expect(during.filter((l) => l.level >= 50)).toEqual([]);
    });
  }, 240_000);
}

describe('a Redis restarted empty (no persistence) under a running app', () => restartScenario(false));
describe('a Redis restarted with persistence (append-only file) under a running app', () => restartScenario(true));

describe('a process that cannot reach Redis or PostgreSQL when it starts', () => {
  /** Exits within this, retries included (startup-wait.ts: 10 s of attempts of at most 2 s, and Node's start). */
  const BOUND_MS = 20_000;
  interface Outcome {
    code: number | null;
    ms: number;
    stdout: string;
    stderr: string;
  }
  const outcomes = new Map<string, Promise<Outcome>>();
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let closedPort: number;

  const start = (entry: 'main' | 'worker', env: Record<string, string>): Promise<Outcome> =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', `${entry}.js`), ...(entry === 'main' ? ['--all'] : [])], {
        cwd: dataDir,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0', REDIS_PREFIX: 'verbinder-test-unreachable', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, ms: Date.now() - started, stdout, stderr });
      });
    });

  const cases: { name: string; line: RegExp; secret?: string; env: () => Record<string, string> }[] = [
    {
      name: 'Redis refuses connections',
      line: /^Cannot reach Redis at REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? \(ECONNREFUSED\); is it running\?$/,
      secret: 'hunter2',
      env: () => ({ REDIS_URL: `redis://:hunter2@127.0.0.1:${closedPort}`, DATABASE_URL: database.url }),
    },
    {
      name: 'PostgreSQL refuses connections',
      line: /^Cannot reach PostgreSQL at DATABASE_URL=postgresql:\/\/verbinder:\*\*\*@127\.0\.0\.1:\d+\/verbinder \(ECONNREFUSED\); is it running\?$/,
      secret: 's3cret',
      env: () => ({ DATABASE_URL: `postgresql://verbinder:s3cret@127.0.0.1:${closedPort}/verbinder`, REDIS_URL: TEST_REDIS_URL }),
    },
    {
      name: 'the PostgreSQL host does not exist',
      line: /^Cannot reach PostgreSQL at DATABASE_URL=postgresql:\/\/postgres@no-such-host\.invalid:5432\/verbinder \((ENOTFOUND|EAI_AGAIN)\); is it running\?$/,
      env: () => ({ DATABASE_URL: 'postgresql://postgres@no-such-host.invalid:5432/verbinder', REDIS_URL: TEST_REDIS_URL }),
    },
  ];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'verbinder-unreachable-'));
    closedPort = await freePort();
    // Two at a time: more would measure the start of Node on a busy machine rather than the wait.
    for (const c of cases) {
      for (const entry of ['main', 'worker'] as const) outcomes.set(`${entry}: ${c.name}`, start(entry, c.env()));
      await Promise.all(outcomes.values());
    }
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  for (const c of cases) {
    for (const entry of ['main', 'worker'] as const) {
      it(`${entry === 'main' ? 'API and worker (main.js --all)' : 'the worker (worker.js)'}: ${c.name} → one line naming the setting, exit 1 within ${BOUND_MS / 1000} s`, async () => {
        const outcome = await outcomes.get(`${entry}: ${c.name}`)!;
        expect(outcome.code).toBe(1);
        expect(outcome.ms).toBeLessThan(BOUND_MS);
        expect(outcome.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(c.line)]);
        expect(outcome.stdout).toBe('');
        if (c.secret) expect(outcome.stderr).not.toContain(c.secret);
      });
    }
  }
});
