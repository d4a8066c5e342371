// Match runs over the real PostgreSQL and Redis: MatchRunsService (trigger, relay, failure,
// listing, outcomes) and MatchRunExecutor (a run over a small network stores its introductions
// and digest outbox rows once, pauses people who left digests unanswered, dry runs store none).
// No worker consumes the queues: the tests run the executor themselves and read what was queued.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue, UnrecoverableError, Worker } from 'bullmq';
import { ErrorCode } from '../../src/common/domain-error.js';
import { jobIds, QUEUES } from '../../src/jobs/jobs.js';
import { MatchRulesService } from '../../src/matching/rules/match-rules.service.js';
import { PAUSE_AFTER_UNANSWERED } from '../../src/introductions/introductions.repository.js';
import { MatchRunExecutor } from '../../src/matching/runs/match-run.executor.js';
import { type MatchRunRow, MatchRunsService, runCursor } from '../../src/matching/runs/match-runs.service.js';
import { redisOptions } from '../../src/redis/redis-locator.js';
import type { MadeProfessional } from './support/make.js';
import type { Medium } from './support/medium.js';
import { startMatchRunsMedium } from './support/match-runs-module.js';

/** Two people who each offer what the other seeks, in disciplines nobody else here touches. */
const PAIRS = [
  ['participatie', 'subsidies'],
  ['groenbeheer', 'lokale-energie'],
] as const;

describe('match runs', () => {
  let m: Medium;
  let runs: MatchRunsService;
  let executor: MatchRunExecutor;
  let matchingQueue: Queue;
  let emailQueue: Queue;

  beforeAll(async () => {
    m = await startMatchRunsMedium();
    runs = m.get(MatchRunsService);
    executor = m.get(MatchRunExecutor);
    matchingQueue = m.module.get<Queue>(getQueueToken(QUEUES.matching));
    emailQueue = m.module.get<Queue>(getQueueToken(QUEUES.email));
  });
  afterAll(() => m?.close());

  beforeEach(async () => {
    // Runs take their introductions and outbox rows with them (ON DELETE CASCADE).
    await m.db.query(`DELETE FROM match_run`);
    await m.db.query(`DELETE FROM account`);
    await matchingQueue.obliterate({ force: true });
    await emailQueue.obliterate({ force: true });
  });

  /** Each pair offers what the other seeks, in Utrecht, at expert level. */
  async function makePairs(count: number = PAIRS.length): Promise<MadeProfessional[][]> {
    const made: MadeProfessional[][] = [];
    for (const [x, y] of PAIRS.slice(0, count)) {
      made.push([
        await m.make.professional({ offers: { [x]: 'EXPERT' }, seeks: [y] }),
        await m.make.professional({ offers: { [y]: 'EXPERT' }, seeks: [x] }),
      ]);
    }
    return made;
  }
  async function runNow(dryRun = false): Promise<MatchRunRow> {
    const { run } = await runs.trigger(null, dryRun);
    await executor.execute(run.id);
    return (await runs.get(run.id))!;
  }
  const pairsOf = async (runId: string): Promise<string[][]> =>
    ((await m.db.query(`SELECT a_id, b_id FROM introduction WHERE run_id = $1`, [runId])) as { a_id: string; b_id: string }[])
      .map((r) => [r.a_id, r.b_id].sort())
      .sort((x, y) => x[0].localeCompare(y[0]));
  const outboxOf = async (runId: string): Promise<{ idempotency_key: string; kind: string; account_id: string; status: string }[]> =>
    m.db.query(`SELECT idempotency_key, kind, account_id, status FROM email_outbox WHERE run_id = $1 ORDER BY idempotency_key`, [runId]);

  describe('trigger', () => {
    it('creates a QUEUED run with the active rules and enqueues its job once; while it is live, another trigger returns it', async () => {
      const requester = await m.make.professional({ roles: ['PROFESSIONAL', 'ADMIN'] });
      const first = await runs.trigger(requester.id, false);
      expect(first.created).toBe(true);
      expect(first.run).toMatchObject({ status: 'QUEUED', dry_run: false, rule_set_version: 1, requested_by: requester.id });

      const again = await runs.trigger(null, true);
      expect(again).toMatchObject({ created: false, run: { id: first.run.id } });
      expect(await m.db.query(`SELECT count(*)::int AS n FROM match_run`)).toEqual([{ n: 1 }]);
      const job = await matchingQueue.getJob(jobIds.matchRun(first.run.id));
      expect(job).toMatchObject({ name: 'match-run', data: { runId: first.run.id } });
      expect(await matchingQueue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 });
    });

    it('uses the newest rule set version', async () => {
      const admin = await m.make.professional();
      const rules = m.get(MatchRulesService);
      const { version } = await rules.update(admin.id, { minScore: 0.4, note: 'strenger' });
      expect((await runs.trigger(null, true)).run.rule_set_version).toBe(version);
    });
  });

  describe('executor', () => {
    it('stores the introductions and one digest per person, PENDING and queued, with the run COMPLETED', async () => {
      const [[anna, bob], [carl, dora]] = await makePairs();
      // Would match anna but never confirmed the address, so is not eligible.
      await m.make.professional({ offers: { subsidies: 'EXPERT' }, seeks: ['participatie'], signedIn: false });
      const run = await runNow();

      expect(run).toMatchObject({ status: 'COMPLETED', error: null });
      expect(run.stats).toMatchObject({ eligiblePeople: 4, proposed: 2, peopleWithIntroduction: 4, emailsQueued: 4, paused: 0 });
      expect(await pairsOf(run.id)).toEqual([[anna.id, bob.id].sort(), [carl.id, dora.id].sort()].sort((x, y) => x[0].localeCompare(y[0])));
      const [intro] = (await m.db.query(
        `SELECT status, kind, extract(epoch FROM expires_at - created_at)::int AS ttl, jsonb_array_length(reasons) AS reasons FROM introduction WHERE run_id = $1 LIMIT 1`,
        [run.id],
      )) as { status: string; kind: string; ttl: number; reasons: number }[];
      expect(intro).toMatchObject({ status: 'PROPOSED', kind: 'PEER', ttl: 14 * 86_400 });
      expect(intro.reasons).toBeGreaterThan(0);

      const outbox = await outboxOf(run.id);
      expect(outbox).toEqual(
        [anna, bob, carl, dora]
          .map((p) => ({ idempotency_key: `digest:${run.id}:${p.id}`, kind: 'digest', account_id: p.id, status: 'PENDING' }))
          .sort((x, y) => x.idempotency_key.localeCompare(y.idempotency_key)),
      );
      const ids: { id: string }[] = await m.db.query(`SELECT id FROM email_outbox WHERE run_id = $1`, [run.id]);
      const queued = await emailQueue.getJobs(['waiting']);
      expect(queued.map((j) => j.id).sort()).toEqual(ids.map((r) => jobIds.outbox(r.id, 0)).sort());
    });

    it('does nothing when the run is executed again, and a second run finds nobody due', async () => {
      await makePairs();
      const run = await runNow();
      const introductions = await pairsOf(run.id);
      expect(introductions).toHaveLength(2);

      await executor.execute(run.id);
      expect(await pairsOf(run.id)).toEqual(introductions);
      expect(await m.db.query(`SELECT count(*)::int AS n FROM introduction`)).toEqual([{ n: 2 }]);
      expect(await m.db.query(`SELECT count(*)::int AS n FROM email_outbox`)).toEqual([{ n: 4 }]);

      // Everyone got an introduction moments ago: nobody is due for a weekly digest.
      const second = await runNow();
      expect(second).toMatchObject({ status: 'COMPLETED' });
      expect(second.stats).toMatchObject({ eligiblePeople: 0, proposed: 0, emailsQueued: 0 });
      expect(await m.db.query(`SELECT count(*)::int AS n FROM introduction`)).toEqual([{ n: 2 }]);
      expect(await m.db.query(`SELECT count(*)::int AS n FROM email_outbox`)).toEqual([{ n: 4 }]);
      expect(await emailQueue.getJobCounts('waiting')).toEqual({ waiting: 4 });
    });

    it(`pauses people who left ${PAUSE_AFTER_UNANSWERED} digests in a row unanswered, with one notice each`, async () => {
      const [[anna, bob], [carl, dora]] = await makePairs();
      await m.make.digestState(anna.id, PAUSE_AFTER_UNANSWERED);
      await m.make.digestState(carl.id, PAUSE_AFTER_UNANSWERED - 1);
      // Paused already (and told so by an earlier run): not paused again.
      const paused = await m.make.professional({ frequency: 'PAUSED' });
      await m.make.digestState(paused.id, PAUSE_AFTER_UNANSWERED + 2);

      const run = await runNow();
      expect(await m.db.query(`SELECT id FROM account WHERE digest_frequency = 'PAUSED' ORDER BY id`)).toEqual(
        [{ id: anna.id }, { id: paused.id }].sort((x, y) => x.id.localeCompare(y.id)),
      );
      expect(run.stats).toMatchObject({ paused: 1, proposed: 1, peopleWithIntroduction: 2, emailsQueued: 3 });
      // Anna was paused before the engine ran: bob has nobody to meet, carl and dora do.
      expect(await pairsOf(run.id)).toEqual([[carl.id, dora.id].sort()]);
      expect((await outboxOf(run.id)).filter((o) => o.kind === 'paused')).toEqual([
        { idempotency_key: `paused:${run.id}:${anna.id}`, kind: 'paused', account_id: anna.id, status: 'PENDING' },
      ]);
      expect((await outboxOf(run.id)).filter((o) => o.kind === 'digest').map((o) => o.account_id).sort()).toEqual([carl.id, dora.id].sort());
      expect(await m.db.query(`SELECT count(*)::int AS n FROM introduction WHERE $1 IN (a_id, b_id)`, [bob.id])).toEqual([{ n: 0 }]);
      expect(await emailQueue.getJobCounts('waiting')).toEqual({ waiting: 3 });
    });

    it('a dry run computes stats but stores no introductions, pauses nobody and queues nothing', async () => {
      const [[anna]] = await makePairs();
      await m.make.digestState(anna.id, PAUSE_AFTER_UNANSWERED);
      const run = await runNow(true);

      expect(run).toMatchObject({ status: 'COMPLETED', dry_run: true });
      expect(run.stats).toMatchObject({ eligiblePeople: 4, proposed: 2, emailsQueued: 0, paused: 0 });
      expect(await m.db.query(`SELECT count(*)::int AS n FROM introduction`)).toEqual([{ n: 0 }]);
      expect(await m.db.query(`SELECT count(*)::int AS n FROM email_outbox`)).toEqual([{ n: 0 }]);
      expect(await m.db.query(`SELECT digest_frequency FROM account WHERE id = $1`, [anna.id])).toEqual([{ digest_frequency: 'WEEKLY' }]);
      expect(await emailQueue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
    });

    it('leaves a run that is not live alone', async () => {
      await makePairs(1);
      const failed = await m.make.matchRun({ status: 'FAILED' });
      await executor.execute(failed);
      expect(await m.db.query(`SELECT status, stats FROM match_run WHERE id = $1`, [failed])).toEqual([{ status: 'FAILED', stats: null }]);
      expect(await m.db.query(`SELECT count(*)::int AS n FROM introduction`)).toEqual([{ n: 0 }]);
    });
  });

  describe('records', () => {
    it('lists runs newest first with cursors, and refuses a bad cursor', async () => {
      const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 2, 8, minute));
      const oldest = await m.make.matchRun({ createdAt: at(1) });
      const middle = await m.make.matchRun({ createdAt: at(2), status: 'FAILED' });
      const newest = await m.make.matchRun({ createdAt: at(3), dryRun: true });

      const first = await runs.list(2, null);
      expect(first.runs.map((r) => r.id)).toEqual([newest, middle]);
      expect(first).toMatchObject({ hasNextPage: true, totalCount: 3 });
      const second = await runs.list(2, runCursor(first.runs[1]));
      expect(second.runs.map((r) => r.id)).toEqual([oldest]);
      expect(second).toMatchObject({ hasNextPage: false, totalCount: 3 });
      expect((await runs.list(2, runCursor(second.runs[0]))).runs).toEqual([]);

      await expect(runs.list(2, 'nope')).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'after' } });
      await expect(runs.list(500, null)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'first' } });
      expect(await runs.get(newest)).toMatchObject({ id: newest, dry_run: true, status: 'COMPLETED' });
      expect(await runs.get('not-a-uuid')).toBeNull();
    });

    it('markFailed fails a live run once, with its error, and leaves finished runs alone', async () => {
      const live = await m.make.matchRun({ status: 'RUNNING' });
      await m.db.query(`INSERT INTO match_run_blob (run_id, name, part, bytes) VALUES ($1, 'input', 0, '\\x00')`, [live]);
      const done = await m.make.matchRun({ status: 'COMPLETED' });
      await runs.markFailed(live, new Error('the engine ran out of memory'));
      await runs.markFailed(done, 'late');

      expect(await m.db.query(`SELECT status, error, finished_at IS NOT NULL AS finished FROM match_run WHERE id = $1`, [live])).toEqual([
        { status: 'FAILED', error: 'the engine ran out of memory', finished: true },
      ]);
      expect(await m.db.query(`SELECT count(*)::int AS n FROM match_run_blob`)).toEqual([{ n: 0 }]);
      expect(await m.db.query(`SELECT status, error FROM match_run WHERE id = $1`, [done])).toEqual([{ status: 'COMPLETED', error: null }]);
    });

    it('the relay enqueues a QUEUED run a crash left without its job, and fails one whose job failed for good', async () => {
      const stranded = await m.make.matchRun({ status: 'QUEUED', createdAt: new Date(Date.now() - 120_000) });
      expect(await runs.relay()).toBe(1);
      expect(await matchingQueue.getJob(jobIds.matchRun(stranded))).toMatchObject({ data: { runId: stranded } });
      // Enqueueing again is a no-op: the job id is the run's.
      await runs.relay(0);
      expect(await matchingQueue.getJobCounts('waiting')).toEqual({ waiting: 1 });


      // The job fails for good without our handler running (as BullMQ fails a job that stalled
      // too often): taken by hand, no retries left.
      const worker = new Worker(QUEUES.matching, null, { connection: { ...redisOptions(m.redisUrl), maxRetriesPerRequest: null }, prefix: m.prefix });
      try {
        const job = (await worker.getNextJob('medium-token'))!;
        expect(job.id).toBe(jobIds.matchRun(stranded));
        await job.moveToFailed(new UnrecoverableError('job stalled more than allowable limit'), 'medium-token', false);
      } finally {
        await worker.close();
      }
      expect(await runs.relay(0)).toBe(1);
      expect(await m.db.query(`SELECT status, error FROM match_run WHERE id = $1`, [stranded])).toEqual([
        { status: 'FAILED', error: 'job stalled more than allowable limit' },
      ]);
      // No longer live: the relay has nothing left, and a new run may start.
      expect(await runs.relay(0)).toBe(0);
      expect((await runs.trigger(null, true)).created).toBe(true);
    });

    it('outcomes counts sent digests, answers and ratings per run, and zeros for a run without any', async () => {
      const [[anna, bob], [carl, dora]] = await makePairs();
      const run = await m.make.matchRun();
      const quiet = await m.make.matchRun();
      const connected = await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'CONNECTED' });
      await m.make.introduction({ runId: run, a: carl.id, b: dora.id, status: 'DECLINED' });
      await m.db.query(`UPDATE introduction SET a_answer = true, b_answer = true, a_useful = true, b_useful = false WHERE id = $1`, [connected]);
      await m.db.query(
        `INSERT INTO email_outbox (id, idempotency_key, kind, account_id, run_id, status)
         VALUES (gen_random_uuid(), 'd1', 'digest', $1, $3, 'SENT'), (gen_random_uuid(), 'd2', 'digest', $2, $3, 'FAILED'),
                (gen_random_uuid(), 'p1', 'paused', $2, $3, 'SENT')`,
        [anna.id, bob.id, run],
      );

      const outcomes = await runs.outcomes([run, quiet]);
      expect(outcomes.get(run)).toEqual({ emailsSent: 1, emailsFailed: 1, accepted: 1, declined: 1, connected: 1, expired: 0, ratedUseful: 1, rated: 1 });
      expect(outcomes.get(quiet)).toEqual({ emailsSent: 0, emailsFailed: 0, accepted: 0, declined: 0, connected: 0, expired: 0, ratedUseful: 0, rated: 0 });
    });
  });
});
