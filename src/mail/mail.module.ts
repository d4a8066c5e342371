import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '../jobs/jobs.js';
import { EmailQueue } from './email.queue.js';
import { MailService } from './mail.service.js';
import { OutboxQueue } from './outbox/outbox.queue.js';

@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.email })],
  providers: [MailService, EmailQueue, OutboxQueue],
  exports: [MailService, EmailQueue, OutboxQueue, BullModule],
})
export class MailModule {}
