import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobHandlerRegistry } from './job-handlers.js';
import type { QueueName } from './jobs.js';

/** Whether this attempt is the job's last: if it fails, BullMQ retries it no more. */
export const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * What every queue's processor shares: dispatch by job name to the feature's handler (an
 * unknown name fails the job), and one log line per failed attempt (error level once it is the last).
 */
export abstract class TypedProcessor<Q extends QueueName> extends WorkerHost {
  protected abstract readonly logger: Logger;

  constructor(
    private readonly queue: Q,
    private readonly handlers: JobHandlerRegistry,
  ) {
    super();
  }

  /** Runs the job's handler and answers what it returned. */
  protected dispatch(job: Job): Promise<unknown> {
    return this.handlers.run(this.queue, job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    // By now attemptsMade counts the attempt that failed.
    const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
    this.logger[final ? 'error' : 'warn']({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, final, err: error }, 'job failed');
  }
}
