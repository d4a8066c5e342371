import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { SignInLinkMailer } from '../auth/sign-in-link.mailer.js';
import { workerOptions } from '../jobs/worker-options.js';
import { ProfessionalsService } from '../professionals/professionals.service.js';
import { type JobPayloads, QUEUES } from '../jobs/jobs.js';
import { isLastAttempt, type JobHandlers, TypedProcessor } from '../jobs/typed-processor.js';
import { SMTP_CONNECTIONS } from './mail.service.js';
import { OutboxSender } from './outbox/outbox.sender.js';

/** EMAIL_RATE_PER_MINUTE is a rate limit on the queue, set with the schedules (jobs/schedules.ts). */
@Processor(QUEUES.email, { concurrency: SMTP_CONNECTIONS, ...workerOptions() })
export class EmailProcessor extends TypedProcessor<'email'> {
  protected readonly logger = new Logger(EmailProcessor.name);
  protected readonly handlers: JobHandlers<'email'>;

  constructor(
    auth: AuthService,
    signInLinks: SignInLinkMailer,
    professionals: ProfessionalsService,
    outbox: OutboxSender,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super();
    this.handlers = {
      'sign-in-link': async ({ email }) => {
        const accountId = await auth.accountIdOf(email);
        // An unknown address gets nothing, and the requester never learns which it was. A request
        // that overtakes the queued registration of its address is unknown too: the registration
        // sends the link itself, so the person still gets one.
        if (accountId) await signInLinks.send(accountId);
      },
      registration: async (registration) => signInLinks.send(await professionals.accountForRegistration(registration)),
      outbox: ({ outboxId }) => outbox.send(outboxId),
    };
  }

  async process(job: Job): Promise<void> {
    try {
      const outcome = await this.dispatch(job);
      // One info line per email is OutboxSender's; this one is for tracing jobs.
      this.logger.debug({ jobId: job.id, job: job.name, outcome }, 'email job done');
    } catch (error) {
      if (isLastAttempt(job) && job.name === 'outbox') {
        // Out of retries: an admin can list and retry it (failedEmails, retryEmail).
        await this.db.query(`UPDATE email_outbox SET status = 'FAILED', last_error = $2 WHERE id = $1 AND status = 'PENDING'`, [
          (job.data as JobPayloads['email']['outbox']).outboxId,
          error instanceof Error ? error.message.slice(0, 2000) : String(error),
        ]);
      }
      throw error;
    }
  }
}
