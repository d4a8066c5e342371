import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, jobIds, QUEUES } from '../../jobs/jobs.js';

/**
 * Producer of the matching queue. A run's job id is derived from the run id: enqueueing the
 * same run twice (a retry, the relay) adds one job.
 */
@Injectable()
export class MatchRunQueue {
  constructor(@InjectQueue(QUEUES.matching) readonly queue: Queue) {}

  /** A job of the run that failed for good: its match-run job, or for a fanned-out run its combine or a shard job. */
  async failedStep(runId: string, shards: number | null): Promise<Job | null> {
    const ids = shards === null ? [jobIds.matchRun(runId)] : [jobIds.matchRunCombine(runId), ...Array.from({ length: shards }, (_, k) => jobIds.matchRunShard(runId, k))];
    for (const id of ids) {
      const job = await this.queue.getJob(id);
      if (job && (await job.isFailed())) return job;
    }
    return null;
  }

  async enqueueRun(runId: string): Promise<void> {
    // A run holds the whole network in memory; few attempts, spaced out.
    await this.queue.add('match-run', { runId }, { ...DEFAULT_JOB_OPTIONS, attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, jobId: jobIds.matchRun(runId) });
  }
}
