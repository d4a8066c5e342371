import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { SignInLinkMailer } from '../auth/sign-in-link.mailer.js';
import { type JobName, type JobPayloads, QUEUES } from '../jobs/jobs.js';

// A mapped type over every declared job name: a job without a handler does not compile.
type Handlers = { [N in JobName<'email'>]: (payload: JobPayloads['email'][N]) => Promise<void> };

@Processor(QUEUES.email, { concurrency: 5 })
export class EmailProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailProcessor.name);
  private readonly handlers: Handlers;

  constructor(signInLinks: SignInLinkMailer) {
    super();
    this.handlers = { 'sign-in-link': ({ accountId }) => signInLinks.send(accountId) };
  }

  async process(job: Job): Promise<void> {
    const handler = this.handlers[job.name as JobName<'email'>];
    if (!handler) throw new Error(`Unknown email job "${job.name}"`);
    await handler(job.data);
    this.logger.log({ jobId: job.id, job: job.name }, 'email job done');
  }
}
