import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handlers.js';
import { EMAIL_CONCURRENCY, workerOptions } from './worker-options.js';
import { QUEUES } from './jobs.js';
import { TypedProcessor } from './typed-processor.js';

/** EMAIL_RATE_PER_MINUTE is a rate limit on the queue, set with the schedules (schedules.ts). */
@Processor(QUEUES.email, { concurrency: EMAIL_CONCURRENCY, ...workerOptions() })
export class EmailProcessor extends TypedProcessor<'email'> {
  protected readonly logger = new Logger(EmailProcessor.name);

  constructor(handlers: JobHandlerRegistry) {
    super('email', handlers);
  }

  async process(job: Job): Promise<void> {
    const outcome = await this.dispatch(job);
    // One info line per email is the sender's; this one is for tracing jobs.
    this.logger.debug({ jobId: job.id, job: job.name, outcome }, 'email job done');
  }
}
