import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads, QueueName } from './jobs.js';

/** A handler per declared job name of a queue: a job without a handler does not compile. */
export type JobHandlers<Q extends QueueName> = { [N in JobName<Q>]: (payload: JobPayloads[Q][N], job: Job) => Promise<unknown> };

/** Whether this attempt is the job's last: if it fails, BullMQ retries it no more. */
export const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * What every processor shares: dispatch by job name to a typed handler (an unknown name fails
 * the job), and one log line per failed attempt (error level once it is the last).
 */
export abstract class TypedProcessor<Q extends QueueName> extends WorkerHost {
  protected abstract readonly logger: Logger;
  protected abstract readonly handlers: JobHandlers<Q>;

  /** Runs the job's handler and answers what it returned. */
  protected dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName<Q>] as ((payload: unknown, job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`Unknown job "${job.name}" on queue ${job.queueName}`);
    return handler(job.data, job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    // By now attemptsMade counts the attempt that failed.
    const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
    this.logger[final ? 'error' : 'warn']({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, final, err: error }, 'job failed');
  }
}
