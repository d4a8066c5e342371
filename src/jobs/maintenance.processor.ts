import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handlers.js';
import { workerOptions } from './worker-options.js';
import { QUEUES } from './jobs.js';
import { TypedProcessor } from './typed-processor.js';

@Processor(QUEUES.maintenance, workerOptions())
export class MaintenanceProcessor extends TypedProcessor<'maintenance'> {
  protected readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(handlers: JobHandlerRegistry) {
    super('maintenance', handlers);
  }

  async process(job: Job): Promise<void> {
    const affected = await this.dispatch(job);
    this.logger.log({ jobId: job.id, job: job.name, affected }, 'maintenance job done');
  }
}
