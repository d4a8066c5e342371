// Every repeating job, registered in this one place when a worker starts. upsertJobScheduler
// is idempotent: any number of workers starting together leave exactly one schedule each.
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './jobs.js';

export const TIMEZONE = 'Europe/Amsterdam';

/** Every night at 03:17: expired sign-in links are of no use to anyone. */
export const PURGE_SIGN_IN_TOKENS_PATTERN = '17 3 * * *';

@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(@InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'purge-sign-in-tokens',
      { pattern: PURGE_SIGN_IN_TOKENS_PATTERN, tz: TIMEZONE },
      { name: 'purge-sign-in-tokens', data: {}, opts: { removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete, removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail } },
    );
    this.logger.log('job schedules registered');
  }
}
