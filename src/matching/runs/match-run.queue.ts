import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, jobIds, QUEUES } from '../../jobs/jobs.js';

/**
 * Producer of the matching queue. A run's job id is derived from the run id: enqueueing the
 * same run twice (a retry, the relay) adds one job.
 */
@Injectable()
export class MatchRunQueue {
  constructor(@InjectQueue(QUEUES.matching) readonly queue: Queue) {}

  async enqueueRun(runId: string): Promise<void> {
    // A run holds the whole network in memory; few attempts, spaced out.
    await this.queue.add('match-run', { runId }, { ...DEFAULT_JOB_OPTIONS, attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, jobId: jobIds.matchRun(runId) });
  }
}
