import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { OnJob } from '../../jobs/job-handlers.js';
import type { JobPayloads } from '../../jobs/jobs.js';
import { OwnsSchedules, type ScheduleOwner } from '../../jobs/schedules.js';
import { isLastAttempt } from '../../jobs/typed-processor.js';
import { markOutboxFailed } from './outbox.repository.js';
import { OutboxQueue } from './outbox.queue.js';
import { type SendOutcome, OutboxSender } from './outbox.sender.js';

/** The outbox's jobs: sending a row, and the relay of rows a crash left PENDING. */
@Injectable()
@OwnsSchedules()
export class OutboxJobs implements ScheduleOwner {
  constructor(
    private readonly sender: OutboxSender,
    private readonly outbox: OutboxQueue,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @OnJob('email', 'outbox')
  async send({ outboxId }: JobPayloads['email']['outbox'], job: Job): Promise<SendOutcome> {
    try {
      return await this.sender.send(outboxId);
    } catch (error) {
      // Out of retries: an admin can list and retry it (failedEmails, retryEmail).
      if (isLastAttempt(job)) await markOutboxFailed(this.db, outboxId, error);
      throw error;
    }
  }

  @OnJob('maintenance', 'relay-outbox', { every: '* * * * *', why: 'emails a crash left unqueued are queued within a minute or two' })
  relay(): Promise<number> {
    return this.outbox.relay();
  }

  async requeueLostWork(): Promise<string> {
    return `${await this.outbox.relay(0)} pending emails`;
  }
}
