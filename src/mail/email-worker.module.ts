import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EmailProcessor } from './email.processor.js';

/** The consumer side of the email queue; only worker processes import it. */
@Module({ imports: [AuthModule], providers: [EmailProcessor] })
export class EmailWorkerModule {}
