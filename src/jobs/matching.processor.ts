import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handlers.js';
import { workerOptions } from './worker-options.js';
import { QUEUES } from './jobs.js';
import { TypedProcessor } from './typed-processor.js';

/**
 * One job of the matching queue at a time per worker: a whole run, or one shard or the end of
 * a fanned-out run (matching/runs/match-run-fan-out.ts), so a run of a large network spreads
 * over the workers. The lock is renewed while the engine computes in its thread; if this
 * process dies, BullMQ hands the job to another worker once the lock lapses.
 */
@Processor(QUEUES.matching, { concurrency: 1, ...workerOptions() })
export class MatchingProcessor extends TypedProcessor<'matching'> {
  protected readonly logger = new Logger(MatchingProcessor.name);

  constructor(handlers: JobHandlerRegistry) {
    super('matching', handlers);
  }

  /** A shard's report is its job's return value, which the combine job reads. */
  process(job: Job): Promise<unknown> {
    return this.dispatch(job);
  }
}
