// Every repeating job, and the email rate limit, registered in this one place when a worker
// starts. upsertJobScheduler and setGlobalRateLimit are idempotent: any number of workers
// starting (or restoring, below) together leave exactly one schedule each. The features say
// what repeats: a maintenance job by its handler (@OnJob(..., { every, why })), anything else,
// such as the match runs' schedule from the active rule set, by a provider marked
// @OwnsSchedules().
//
// A Redis restarted without persistence has lost all of them, and every queued job. The relays
// would queue the lost work again, but they are scheduled jobs themselves, so nothing would happen
// until a worker restarts. So each worker checks on every reconnect, and every
// RESTORE_CHECK_MS by a timer of its own (not a Redis job: Redis would have lost that too);
// when anything is missing it registers everything again and has every feature queue its
// pending work at once, of any age (the job ids make that a no-op for work that still has its job).
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/runtime-config.js';
import { RedisStatus } from '../redis/redis-status.js';
import { JobHandlerRegistry } from './job-handlers.js';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './jobs.js';

/**
 * What a feature keeps in Redis besides its fixed maintenance schedules (a provider marked
 * @OwnsSchedules() in the worker).
 */
export interface ScheduleOwner {
  /** What of it Redis does not hold, each named for the log ("the match run schedule"). */
  missingSchedules?(): Promise<string[]>;
  /** Registers it (idempotent). */
  registerSchedules?(): Promise<void>;
  /** After Redis lost its jobs: queues again this feature's pending work of any age; says what, for the log ("2 live match runs"). */
  requeueLostWork?(): Promise<string>;
}

/** Marks a provider implementing ScheduleOwner. */
export const OwnsSchedules = DiscoveryService.createDecorator<void>();

export const TIMEZONE = 'Europe/Amsterdam';

/** How often a worker checks that Redis still holds its schedules (besides on every reconnect). */
export const RESTORE_CHECK_MS = 30_000;

/** The SMTP relay's limit holds for all workers together: a rate limit on the queue, not per worker. */
const EMAIL_RATE_WINDOW_MS = 60_000;

@Injectable()
export class Schedules implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Schedules.name);
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;

  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    @InjectQueue(QUEUES.email) private readonly email: Queue,
    private readonly config: AppConfig,
    private readonly status: RedisStatus,
    private readonly handlers: JobHandlerRegistry,
    private readonly discovery: DiscoveryService,
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
    const requeued: string[] = [];
    for (const owner of this.owners()) if (owner.requeueLostWork) requeued.push(await owner.requeueLostWork());
    this.logger.warn({
      msg: `Redis had lost ${missing.join(', ')} (restarted without persistence?): restored every job schedule and the email rate limit; queued again ${requeued.join(' and ') || 'nothing'}`,
      missing,
      requeued,
    });
  }

  /** What of this class's registrations Redis does not hold. */
  private async missing(): Promise<string[]> {
    const [maintenance, owned, rateLimit] = await Promise.all([
      Promise.all(this.handlers.schedules().map(async ({ name }) => ((await this.maintenance.getJobScheduler(name)) ? null : `the ${name} schedule`))),
      Promise.all(this.owners().map((owner) => owner.missingSchedules?.() ?? [])),
      this.email.getGlobalRateLimit(),
    ]);
    return [...maintenance.filter((m) => m !== null), ...owned.flat(), ...(rateLimit ? [] : ['the email rate limit'])];
  }

  private async register(): Promise<void> {
    const { removeOnComplete, removeOnFail } = DEFAULT_JOB_OPTIONS;
    for (const { name, every } of this.handlers.schedules()) {
      await this.maintenance.upsertJobScheduler(name, { pattern: every, tz: TIMEZONE }, { name, data: {}, opts: { removeOnComplete, removeOnFail } });
    }
    for (const owner of this.owners()) await owner.registerSchedules?.();
    await this.email.setGlobalRateLimit(this.config.emailRatePerMinute, EMAIL_RATE_WINDOW_MS);
  }

  private owners(): ScheduleOwner[] {
    return this.discovery.getProviders({ metadataKey: OwnsSchedules.KEY }).flatMap((wrapper) => (wrapper.instance ? [wrapper.instance as ScheduleOwner] : []));
  }
}
