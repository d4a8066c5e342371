import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EmailLinksModule } from '../introductions/email-links.module.js';
import { ProfessionalsModule } from '../professionals/professionals.module.js';
import { EmailProcessor } from './email.processor.js';
import { OutboxSender } from './outbox/outbox.sender.js';

/** The consumer side of the email queue; only worker processes import it. */
@Module({ imports: [AuthModule, EmailLinksModule, ProfessionalsModule], providers: [EmailProcessor, OutboxSender] })
export class EmailWorkerModule {}
