// A run of more eligible people than MATCH_SHARD_PEOPLE fans out (match-run-fan-out.ts): the
// executor stores the input once and adds a flow of shard jobs under a combine job; each shard's
// edges are stored; the combine stores the result in one transaction. Over the real PostgreSQL
// and Redis, with the test running each step the way the matching worker would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { jobIds, QUEUES } from '../../src/jobs/jobs.js';
import { MatchRunExecutor } from '../../src/matching/runs/match-run.executor.js';
import { MatchRunsService, type ShardReport } from '../../src/matching/runs/match-runs.service.js';
import type { Medium } from './support/medium.js';
import { startMatchRunsMedium } from './support/match-runs-module.js';

/** Pairs who each offer what the other seeks: 12 people, so 2 shards of at most 10. */
const PAIRS = [
  ['participatie', 'subsidies'],
  ['groenbeheer', 'lokale-energie'],
  ['impactmeting', 'cooperatie-recht'],
  ['informele-zorg', 'wijkaanpak'],
  ['crowdfunding', 'open-data'],
  ['stadslandbouw', 'omgevingswet'],
] as const;

describe('a fanned-out match run', () => {
  let m: Medium;
  let runs: MatchRunsService;
  let executor: MatchRunExecutor;
  let matchingQueue: Queue;
  const pairs: string[][] = [];

  beforeAll(async () => {
    m = await startMatchRunsMedium({ MATCH_SHARD_PEOPLE: '10' });
    runs = m.get(MatchRunsService);
    executor = m.get(MatchRunExecutor);
    matchingQueue = m.module.get<Queue>(getQueueToken(QUEUES.matching));
    for (const [x, y] of PAIRS) {
      const a = await m.make.professional({ offers: { [x]: 'EXPERT' }, seeks: [y] });
      const b = await m.make.professional({ offers: { [y]: 'EXPERT' }, seeks: [x] });
      pairs.push([a.id, b.id].sort());
    }
  });
  afterAll(() => m?.close());

  const blobs = async (runId: string): Promise<string[]> =>
    ((await m.db.query(`SELECT DISTINCT name FROM match_run_blob WHERE run_id = $1 ORDER BY name`, [runId])) as { name: string }[]).map((r) => r.name);

  it('splits, computes each shard once, and combines into the introductions and digests of one run', async () => {
    const { run } = await runs.trigger(null, false);
    await executor.execute(run.id);

    expect(await runs.get(run.id)).toMatchObject({ status: 'RUNNING', shards: 2, stats: null });
    expect(await blobs(run.id)).toEqual(['input']);
    const combineJob = await matchingQueue.getJob(jobIds.matchRunCombine(run.id));
    expect(combineJob).toMatchObject({ name: 'match-run-combine', data: { runId: run.id, shards: 2 } });
    expect(await combineJob!.getState()).toBe('waiting-children');
    for (const shard of [0, 1]) {
      expect(await matchingQueue.getJob(jobIds.matchRunShard(run.id, shard))).toMatchObject({ name: 'match-run-shard', data: { runId: run.id, shard, shards: 2 } });
    }
    // A retried match-run job of a split run adds no second flow.
    await executor.execute(run.id);
    expect(await matchingQueue.getJobCounts('waiting', 'waiting-children')).toEqual({ waiting: 3, 'waiting-children': 1 });

    const reports: ShardReport[] = [];
    for (const shard of [0, 1]) {
      const report = (await executor.executeShard(run.id, shard, 2))!;
      expect(report).toMatchObject({ shard });
      expect(report.candidateEdges).toBeGreaterThanOrEqual(0);
      reports.push(report);
    }
    expect(reports.reduce((sum, r) => sum + r.candidateEdges!, 0)).toBeGreaterThanOrEqual(PAIRS.length);
    expect(await blobs(run.id)).toEqual(['input', 'shard-0', 'shard-1']);
    // A shard computed again (a retry after a crash) finds its edges stored.
    expect(await executor.executeShard(run.id, 1, 2)).toMatchObject({ shard: 1, candidateEdges: null });

    await executor.combine(run.id, 2, reports);
    const done = (await runs.get(run.id))!;
    expect(done).toMatchObject({ status: 'COMPLETED', shards: 2, error: null });
    expect(done.stats).toMatchObject({ eligiblePeople: 12, proposed: PAIRS.length, peopleWithIntroduction: 12, emailsQueued: 12 });
    expect(done.stats!.shards!.map((s) => s.shard)).toEqual([0, 1]);
    const stored = ((await m.db.query(`SELECT a_id, b_id FROM introduction WHERE run_id = $1`, [run.id])) as { a_id: string; b_id: string }[])
      .map((r) => [r.a_id, r.b_id].sort())
      .sort((x, y) => x[0].localeCompare(y[0]));
    expect(stored).toEqual([...pairs].sort((x, y) => x[0].localeCompare(y[0])));
    expect(await m.db.query(`SELECT count(*)::int AS n FROM email_outbox WHERE run_id = $1 AND kind = 'digest'`, [run.id])).toEqual([{ n: 12 }]);
    expect(await blobs(run.id)).toEqual([]);

    // The combine job retried after the commit: nothing twice; a late shard is skipped.
    await executor.combine(run.id, 2, reports);
    expect(await m.db.query(`SELECT count(*)::int AS n FROM introduction`)).toEqual([{ n: PAIRS.length }]);
    expect(await executor.executeShard(run.id, 0, 2)).toBeNull();
    expect(await blobs(run.id)).toEqual([]);
  });
});
