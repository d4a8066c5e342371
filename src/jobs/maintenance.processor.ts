import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
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
import { type JobName, type JobPayloads, QUEUES } from './jobs.js';

// A mapped type over every declared job name: a job without a handler does not compile.
type Handlers = { [N in JobName<'maintenance'>]: (payload: JobPayloads['maintenance'][N]) => Promise<number> };

@Processor(QUEUES.maintenance, workerOptions())
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly handlers: Handlers;

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
    const handler = this.handlers[job.name as JobName<'maintenance'>];
    if (!handler) throw new Error(`Unknown maintenance job "${job.name}"`);
    const removed = await handler(job.data);
    this.logger.log({ jobId: job.id, job: job.name, affected: removed }, 'maintenance job done');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
    this.logger[final ? 'error' : 'warn']({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, final, err: error }, 'job failed');
  }
}
