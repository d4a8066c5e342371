// Every repeating job, and the email rate limit, registered in this one place when a worker
// starts. upsertJobScheduler and setGlobalRateLimit are idempotent: any number of workers
// starting (or restoring, below) together leave exactly one schedule each.
//
// A Redis restarted without persistence has lost all of them, and every queued job. The relay
// would queue the lost work again, but it is a scheduled job itself, so nothing would happen
// until a worker restarts. So each worker checks on every reconnect, and every
// RESTORE_CHECK_MS by a timer of its own (not a Redis job: Redis would have lost that too);
// when anything is missing it registers everything again and runs the relay at once, for work
// of any age (the relay's job ids make that a no-op for work that still has its job).
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/runtime-config.js';
import { OutboxQueue } from '../mail/outbox/outbox.queue.js';
import { MatchRunsService } from '../matching/runs/match-runs.service.js';
import { MatchSchedule } from '../matching/runs/match-schedule.js';
import { RedisStatus } from '../redis/redis-status.js';
import { DEFAULT_JOB_OPTIONS, type JobName, QUEUES } from './jobs.js';

export const TIMEZONE = 'Europe/Amsterdam';

/** How often a worker checks that Redis still holds its schedules (besides on every reconnect). */
export const RESTORE_CHECK_MS = 30_000;

/** The SMTP relay's limit holds for all workers together: a rate limit on the queue, not per worker. */
const EMAIL_RATE_WINDOW_MS = 60_000;

export const MAINTENANCE_SCHEDULES: readonly { job: JobName<'maintenance'>; pattern: string; why: string }[] = [
  { job: 'purge-sign-in-tokens', pattern: '17 3 * * *', why: 'expired sign-in links are of no use to anyone' },
  { job: 'purge-professional-changes', pattern: '27 3 * * *', why: "the search index's change log only needs the last day" },
  { job: 'expire-introductions', pattern: '7 * * * *', why: 'suggestions nobody answered in time expire within the hour' },
  { job: 'relay', pattern: '* * * * *', why: 'runs and emails a crash left unqueued are queued within a minute or two' },
];

@Injectable()
export class Schedules implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Schedules.name);
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;

  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    @InjectQueue(QUEUES.email) private readonly email: Queue,
    private readonly matchSchedule: MatchSchedule,
    private readonly config: AppConfig,
    private readonly status: RedisStatus,
    private readonly outbox: OutboxQueue,
    private readonly runs: MatchRunsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.logger.log('job schedules and the email rate limit registered');
    this.status.onReconnect(() => void this.restoreIfLost());
    this.timer = setInterval(() => void this.restoreIfLost(), RESTORE_CHECK_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /**
   * Restores schedules and rate limit if Redis lost any of them, and queues again what was
   * pending. One check at a time: during an outage a check waits for Redis, and the checks of
   * the reconnect and of the timer that come meanwhile are that same check.
   */
  restoreIfLost(): Promise<void> {
    this.checking ??= this.check()
      .catch((error: unknown) => this.logger.warn({ msg: 'could not check the job schedules in Redis', err: error }))
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async check(): Promise<void> {
    const missing = await this.missing();
    if (missing.length === 0) return;
    await this.register();
    const runs = await this.runs.relay(0);
    const emails = await this.outbox.relay(0);
    this.logger.warn({
      msg: `Redis had lost ${missing.join(', ')} (restarted without persistence?): restored every job schedule and the email rate limit; queued again ${runs} live match runs and ${emails} pending emails`,
      missing,
      runs,
      emails,
    });
  }

  /** What of this class's registrations Redis does not hold. */
  private async missing(): Promise<string[]> {
    const [maintenance, matchRuns, rateLimit] = await Promise.all([
      Promise.all(MAINTENANCE_SCHEDULES.map(async ({ job }) => ((await this.maintenance.getJobScheduler(job)) ? null : `the ${job} schedule`))),
      this.matchSchedule.isSet(),
      this.email.getGlobalRateLimit(),
    ]);
    return [
      ...maintenance.filter((m) => m !== null),
      ...(matchRuns ? [] : ['the match run schedule']),
      ...(rateLimit ? [] : ['the email rate limit']),
    ];
  }

  private async register(): Promise<void> {
    const { removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS;
    for (const { job, pattern } of MAINTENANCE_SCHEDULES) {
      await this.maintenance.upsertJobScheduler(job, { pattern, tz: TIMEZONE }, { name: job, data: {}, opts: { removeOnComplete, removeOnFail } });
    }
    await this.matchSchedule.sync();
    await this.email.setGlobalRateLimit(this.config.emailRatePerMinute, EMAIL_RATE_WINDOW_MS);
  }
}
