// A match run of a large network fans out over the worker processes as a BullMQ flow (shard jobs,
// then one combine job), and stores exactly what one process computing the whole run stores.
// Two real worker processes, real PostgreSQL, Redis and SMTP; "large" is made small with
// MATCH_SHARD_PEOPLE.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, Worker } from 'bullmq';
import { seedSyntheticNetwork } from './support/seed.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_REDIS_URL } from './support/test-env.js';

const PROFESSIONALS = 700;
/** About 600 eligible people in shards of 100: six or seven shard jobs for two workers. */
const SHARD_PEOPLE = '100';

interface RunView {
  status: string;
  shards: number | null;
  stats: { proposed: number; eligiblePeople: number; candidatePairs: number; shards: { shard: number; worker: string; candidateEdges: number | null }[] } | null;
}

describe('a match run fanned out over two worker processes', () => {
  let api: TestApp;
  let admin: { token: string };
  const workers: TestApp[] = [];

  beforeAll(async () => {
    api = await startTestApp({ role: 'api', env: { JOB_LOCK_SECONDS: '5' } });
    // A worker sends the sign-in email; each test starts the workers it needs.
    await startWorker();
    admin = await registerAndSignIn(api, { email: 'admin@example.org', name: 'Ada Admin' });
    await stopWorkers();
    seedSyntheticNetwork(api.env.DATABASE_URL, { professionals: PROFESSIONALS, initiatives: 120, seed: 23 });
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await api?.close();
  });

  async function startWorker(env: Record<string, string> = {}): Promise<TestApp> {
    const worker = await startTestApp({ role: 'worker', shareWith: api, env });
    workers.push(worker);
    return worker;
  }
  async function stopWorkers(): Promise<void> {
    for (const w of workers.splice(0)) expect(await w.stop()).toBe(0);
  }
  const scalar = async (sql: string, params: unknown[] = []): Promise<number> => Number(Object.values((await api.db.query(sql, params)).rows[0])[0]);
  const runView = async (id: string): Promise<RunView> => {
    const res = await api.gql<{ matchRun: RunView }>(
      `query ($id: ID!) { matchRun(id: $id) { status shards stats { proposed eligiblePeople candidatePairs shards { shard worker candidateEdges } } } }`,
      { id },
      { token: admin.token },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.matchRun;
  };
  async function trigger(): Promise<string> {
    const res = await api.gql<{ triggerMatchRun: { id: string } }>(`mutation { triggerMatchRun { id } }`, {}, { token: admin.token });
    expect(res.errors).toBeUndefined();
    return res.data!.triggerMatchRun.id;
  }
  async function runToCompletion(runId?: string): Promise<{ id: string; run: RunView }> {
    const id = runId ?? (await trigger());
    const deadline = Date.now() + 120_000;
    let run = await runView(id);
    while (run.status === 'QUEUED' || run.status === 'RUNNING') {
      if (Date.now() > deadline) throw new Error(`Run ${id} still ${run.status} after 120 s`);
      await new Promise((r) => setTimeout(r, 100));
      run = await runView(id);
    }
    expect(run.status).toBe('COMPLETED');
    return { id, run };
  }
  /** Everything a run stored about its introductions, in a fixed order. */
  const introductions = async (runId: string): Promise<unknown[]> =>
    (
      await api.db.query(
        // Not the status: the workers start sending digests (PROPOSED → SENT) as soon as the run completed.
        `SELECT kind, a_id, b_id, initiative_id, need_id, score, reasons FROM introduction WHERE run_id = $1 ORDER BY a_id, b_id, kind`,
        [runId],
      )
    ).rows;
  /** A clean slate: no runs, introductions, emails or digest history, so everyone is due again. */
  const forgetRuns = async (): Promise<void> => {
    await api.db.query(`DELETE FROM email_outbox; DELETE FROM digest_state; DELETE FROM match_run`);
  };

  let sharded: { id: string; run: RunView; stored: unknown[] };

  it('splits a large run into shards, computed by both workers, and stores the result once', async () => {
    await startWorker({ MATCH_SHARD_PEOPLE: SHARD_PEOPLE });
    await startWorker({ MATCH_SHARD_PEOPLE: SHARD_PEOPLE });
    const { id, run } = await runToCompletion();
    const stats = run.stats!;
    expect(stats.eligiblePeople).toBeGreaterThan(500);
    expect(run.shards).toBe(Math.ceil(stats.eligiblePeople / Number(SHARD_PEOPLE)));
    // Every shard reported once, with the edges it computed.
    expect(stats.shards.map((s) => s.shard)).toEqual(Array.from({ length: run.shards! }, (_, k) => k));
    for (const s of stats.shards) expect(s.candidateEdges).toBeGreaterThan(0);
    // Both worker processes took shards.
    const pids = new Set(workers.map((w) => String(w.process.pid)));
    const by = new Set(stats.shards.map((s) => s.worker.split(':').at(-1)));
    expect([...by].sort()).toEqual([...pids].sort());
    // One combined result, stored once; the intermediate data is gone.
    expect(stats.proposed).toBeGreaterThan(100);
    expect(await scalar(`SELECT count(*) FROM introduction WHERE run_id = $1`, [id])).toBe(stats.proposed);
    expect(await scalar(`SELECT count(*) FROM email_outbox WHERE run_id = $1 AND kind = 'digest'`, [id])).toBeGreaterThan(0);
    expect(await scalar(`SELECT count(*) FROM match_run_blob`)).toBe(0);
    sharded = { id, run, stored: await introductions(id) };
    await stopWorkers();
  }, 180_000);

  it('stores exactly what one worker computing the whole run stores', async () => {
    expect(sharded).toBeDefined();
    await forgetRuns();
    await startWorker();
    const { id, run } = await runToCompletion();
    expect(run.shards).toBeNull();
    expect(run.stats!.shards).toEqual([]);
    expect(run.stats!.candidatePairs).toBe(sharded.run.stats!.candidatePairs);
    const stored = await introductions(id);
    expect(stored).toHaveLength(sharded.stored.length);
    expect(stored).toEqual(sharded.stored);
    await stopWorkers();
  }, 180_000);

  it('a dry run fans out too, and stores its stats but no introductions or emails', async () => {
    await forgetRuns();
    await startWorker({ MATCH_SHARD_PEOPLE: SHARD_PEOPLE });
    const res = await api.gql<{ triggerMatchRun: { id: string } }>(`mutation { triggerMatchRun(dryRun: true) { id } }`, {}, { token: admin.token });
    const id = res.data!.triggerMatchRun.id;
    const deadline = Date.now() + 120_000;
    while ((await scalar(`SELECT count(*) FROM match_run WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`, [id])) > 0) {
      if (Date.now() > deadline) throw new Error('dry run did not finish');
      await new Promise((r) => setTimeout(r, 100));
    }
    const run = await runView(id);
    expect(run.status).toBe('COMPLETED');
    expect(run.shards).toBeGreaterThan(1);
    expect(run.stats!.proposed).toBe(sharded.run.stats!.proposed);
    expect(await scalar(`SELECT count(*) FROM introduction WHERE run_id = $1`, [id])).toBe(0);
    expect(await scalar(`SELECT count(*) FROM email_outbox WHERE run_id = $1`, [id])).toBe(0);
    await stopWorkers();
  }, 180_000);

  it('a worker killed in the middle of a fanned-out run: the other one finishes it, with the same result', async () => {
    await forgetRuns();
    await startWorker({ MATCH_SHARD_PEOPLE: SHARD_PEOPLE });
    await startWorker({ MATCH_SHARD_PEOPLE: SHARD_PEOPLE });
    const id = await trigger();
    // Kill whichever worker finishes a shard first: it has taken the next shard by then, or is
    // about to mark the finished one done. Either job is left to the other worker.
    const deadline = Date.now() + 60_000;
    let victim: TestApp | undefined;
    while (!(victim = workers.find((w) => w.logs.some((l) => l.msg === 'match run shard computed')))) {
      if (Date.now() > deadline) throw new Error('no shard computed within 60 s');
      await new Promise((r) => setTimeout(r, 2));
    }
    victim.process.kill('SIGKILL');
    await new Promise<void>((resolve) => (victim.process.exitCode !== null || victim.process.signalCode !== null ? resolve() : victim.process.once('exit', () => resolve())));
    workers.splice(workers.indexOf(victim), 1);

    const { run } = await runToCompletion(id);
    expect(await introductions(id)).toEqual(sharded.stored);
    // A shard job of the killed worker stalled and ran again on the other one.
    const matching = new Queue('matching', { connection: { url: TEST_REDIS_URL }, prefix: api.env.REDIS_PREFIX });
    try {
      const jobs = await Promise.all(Array.from({ length: run.shards! }, (_, k) => matching.getJob(`run-${id}-shard-${k}`)));
      expect(jobs.some((job) => job!.stalledCounter > 0 || job!.attemptsStarted > 1)).toBe(true);
    } finally {
      await matching.close();
    }
    await stopWorkers();
  }, 180_000);

  it('the relay marks a run FAILED whose job failed for good without it (e.g. stalled too often), so the next run can start', async () => {
    await forgetRuns();
    const runId = randomUUID();
    await api.db.query(
      `INSERT INTO match_run (id, status, dry_run, rule_set_version, created_at, started_at) VALUES ($1, 'RUNNING', true, 1, now() - interval '2 minutes', now() - interval '2 minutes')`,
      [runId],
    );
    // BullMQ fails a job that stalled more often than allowed without running any handler of ours;
    // a job failed by a throw-away worker leaves the same state behind.
    const connection = { url: TEST_REDIS_URL };
    const prefix = api.env.REDIS_PREFIX;
    const matching = new Queue('matching', { connection, prefix });
    const maintenance = new Queue('maintenance', { connection, prefix });
    const doomed = new Worker(
      'matching',
      async () => {
        throw new Error('job stalled more than allowable limit (simulated)');
      },
      { connection, prefix },
    );
    try {
      const job = await matching.add('match-run', { runId }, { jobId: `run-${runId}`, attempts: 1 });
      const deadline = Date.now() + 10_000;
      while (!(await job.isFailed())) {
        if (Date.now() > deadline) throw new Error('the throw-away worker did not fail the job');
        await new Promise((r) => setTimeout(r, 50));
      }
      await doomed.close();
      const blocked = await api.gql<{ triggerMatchRun: { id: string } }>(`mutation { triggerMatchRun { id } }`, {}, { token: admin.token });
      expect(blocked.data!.triggerMatchRun.id).toBe(runId);

      await startWorker();
      await maintenance.add('relay-match-runs', {});
      const until = Date.now() + 30_000;
      while ((await scalar(`SELECT count(*) FROM match_run WHERE id = $1 AND status = 'FAILED'`, [runId])) === 0) {
        if (Date.now() > until) throw new Error('the relay did not mark the run FAILED');
        await new Promise((r) => setTimeout(r, 100));
      }
      const [{ error }] = (await api.db.query(`SELECT error FROM match_run WHERE id = $1`, [runId])).rows;
      expect(error).toContain('simulated');
      const next = await runToCompletion();
      expect(next.id).not.toBe(runId);
    } finally {
      await doomed.close();
      await matching.close();
      await maintenance.close();
      await stopWorkers();
    }
  }, 120_000);
});
