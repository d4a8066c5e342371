import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { expireIntroductions } from '../introductions/introductions.service.js';
import { OutboxQueue } from '../mail/outbox/outbox.queue.js';
import { MatchRunsService } from '../matching/runs/match-runs.service.js';
import { pruneProfessionalChanges } from '../search/expert-index.sync.js';
import { workerOptions } from './worker-options.js';
import { QUEUES } from './jobs.js';
import { type JobHandlers, TypedProcessor } from './typed-processor.js';

@Processor(QUEUES.maintenance, workerOptions())
export class MaintenanceProcessor extends TypedProcessor<'maintenance'> {
  protected readonly logger = new Logger(MaintenanceProcessor.name);
  protected readonly handlers: JobHandlers<'maintenance'>;

  constructor(auth: AuthService, @InjectDataSource() db: DataSource, outbox: OutboxQueue, runs: MatchRunsService) {
    super();
    this.handlers = {
      'purge-sign-in-tokens': () => auth.purgeSignInTokens(),
      'purge-professional-changes': () => pruneProfessionalChanges(db),
      'expire-introductions': () => expireIntroductions(db),
      relay: async () => (await runs.relay()) + (await outbox.relay()),
    };
  }

  async process(job: Job): Promise<void> {
    const affected = await this.dispatch(job);
    this.logger.log({ jobId: job.id, job: job.name, affected }, 'maintenance job done');
  }
}
