import { InjectFlowProducer } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { FlowProducer } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, jobIds, QUEUES } from '../../jobs/jobs.js';
import { MatchRunQueue } from './match-run.queue.js';

/** The BullMQ flow producer of fanned-out runs. */
export const MATCHING_FLOWS = 'matching-flows';

/** Shards of one run at most: the merge compares every shard's next edge for each edge it takes. */
export const MAX_SHARDS = 64;

/** How many shards a run of `people` eligible people takes: 1 means one job computes it all. */
export function shardCount(people: number, shardPeople: number): number {
  return Math.max(1, Math.min(MAX_SHARDS, Math.ceil(people / shardPeople)));
}

/**
 * A large run as a BullMQ flow: one `match-run-shard` job per shard, children of one
 * `match-run-combine` job that BullMQ starts once every shard is done. The shards are
 * independent jobs in the matching queue, so every worker process takes its share; a shard that
 * fails on its last attempt fails the combine job too (failParentOnFailure), and the executor
 * marks the run FAILED.
 */
@Injectable()
export class MatchRunFanOut {
  constructor(
    @InjectFlowProducer(MATCHING_FLOWS) private readonly flows: FlowProducer,
    private readonly runs: MatchRunQueue,
  ) {}

  /**
   * Adds the run's flow unless it exists: a retried or relayed `match-run` job of a run that
   * was split already calls this again. Job ids derive from the run id.
   */
  async start(runId: string, shards: number): Promise<void> {
    if (await this.runs.queue.getJob(jobIds.matchRunCombine(runId))) return;
    await this.flows.add({
      name: 'match-run-combine',
      queueName: QUEUES.matching,
      data: { runId, shards },
      opts: { ...DEFAULT_JOB_OPTIONS, attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, jobId: jobIds.matchRunCombine(runId) },
      children: Array.from({ length: shards }, (_, shard) => ({
        name: 'match-run-shard',
        queueName: QUEUES.matching,
        data: { runId, shard, shards },
        opts: {
          ...DEFAULT_JOB_OPTIONS,
          attempts: 3,
          backoff: { type: 'exponential', delay: 10_000 },
          jobId: jobIds.matchRunShard(runId, shard),
          failParentOnFailure: true,
        },
      })),
    });
  }
}
