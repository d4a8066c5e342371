// Every repeating job, registered in this one place when a worker starts. upsertJobScheduler
// is idempotent: any number of workers starting together leave exactly one schedule each.
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, type JobName, QUEUES } from './jobs.js';

export const TIMEZONE = 'Europe/Amsterdam';

export const MAINTENANCE_SCHEDULES: readonly { job: JobName<'maintenance'>; pattern: string; why: string }[] = [
  { job: 'purge-sign-in-tokens', pattern: '17 3 * * *', why: 'expired sign-in links are of no use to anyone' },
  { job: 'purge-professional-changes', pattern: '27 3 * * *', why: "the search index's change log only needs the last day" },
  { job: 'expire-introductions', pattern: '7 * * * *', why: 'suggestions nobody answered in time expire within the hour' },
  { job: 'relay', pattern: '* * * * *', why: 'runs and emails a crash left unqueued are queued within a minute or two' },
];

@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(@InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const { removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS;
    for (const { job, pattern } of MAINTENANCE_SCHEDULES) {
      await this.maintenance.upsertJobScheduler(job, { pattern, tz: TIMEZONE }, { name: job, data: {}, opts: { removeOnComplete, removeOnFail } });
    }
    this.logger.log('job schedules registered');
  }
}
