import { Module } from '@nestjs/common';
import { EmailLinksModule } from './email-links.module.js';
import { IntroductionsJobs } from './introductions.jobs.js';
import { IntroductionMails } from './mail/introduction-mails.js';

/** The emails of introductions (digest, connected, paused) and the expiry job; worker processes only. */
@Module({ imports: [EmailLinksModule], providers: [IntroductionMails, IntroductionsJobs] })
export class IntroductionsWorkerModule {}
