import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxJobs } from './outbox/outbox.jobs.js';
import { OutboxSender } from './outbox/outbox.sender.js';

/** Sending the outbox; only worker processes import it, with the features that compose its kinds. */
@Module({ imports: [DiscoveryModule], providers: [OutboxSender, OutboxJobs] })
export class MailWorkerModule {}
