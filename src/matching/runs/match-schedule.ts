import { Injectable, Logger } from '@nestjs/common';
import { MatchRulesService } from '../rules/match-rules.service.js';
import { MatchRunQueue } from './match-run.queue.js';

/** The one job scheduler of match runs; its id is fixed, so upserting it never makes a second one. */
export const MATCH_RUN_SCHEDULER = 'match-runs';

/**
 * Keeps the BullMQ job scheduler of runs on the active rule set's cron pattern and time zone.
 * Called when a worker starts (jobs/schedules.ts) and after every rules update; upsertJobScheduler is idempotent,
 * so several workers starting together leave exactly one schedule.
 */
@Injectable()
export class MatchSchedule {
  private readonly logger = new Logger(MatchSchedule.name);

  constructor(
    private readonly rules: MatchRulesService,
    private readonly runs: MatchRunQueue,
  ) {}

  /** Whether Redis holds the schedule (a Redis restarted without persistence has lost it). */
  async isSet(): Promise<boolean> {
    return (await this.runs.queue.getJobScheduler(MATCH_RUN_SCHEDULER)) !== undefined;
  }

  async sync(): Promise<void> {
    const { schedule, timezone, version } = await this.rules.active();
    await this.runs.queue.upsertJobScheduler(
      MATCH_RUN_SCHEDULER,
      { pattern: schedule, tz: timezone },
      { name: 'scheduled-run', data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
    this.logger.log({ msg: 'match run schedule set', schedule, timezone, ruleSetVersion: version });
  }
}
