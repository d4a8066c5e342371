import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OnJob } from '../../jobs/job-handlers.js';
import type { JobPayloads } from '../../jobs/jobs.js';
import { OwnsSchedules, type ScheduleOwner } from '../../jobs/schedules.js';
import { isLastAttempt } from '../../jobs/typed-processor.js';
import { MatchRunExecutor } from './match-run.executor.js';
import { MatchRunsService, type ShardReport } from './match-runs.service.js';
import { MatchSchedule } from './match-schedule.js';

/**
 * The matching queue's jobs (one at a time per worker, jobs/matching.processor.ts): a whole
 * run, or one shard or the end of a fanned-out run (match-run-fan-out.ts). If this process
 * dies, BullMQ hands the job to another worker once the lock lapses, and the executor repeats
 * that step (nothing of a run's result is stored before its one transaction). Also the relay of
 * runs a crash left QUEUED, and the run schedule of the active rule set.
 */
@Injectable()
@OwnsSchedules()
export class MatchRunJobs implements ScheduleOwner {
  private readonly logger = new Logger(MatchRunJobs.name);

  constructor(
    private readonly executor: MatchRunExecutor,
    private readonly runs: MatchRunsService,
    private readonly schedule: MatchSchedule,
  ) {}

  @OnJob('matching', 'scheduled-run')
  async scheduledRun(): Promise<void> {
    const { run, created } = await this.runs.trigger(null, false);
    this.logger.log({ msg: created ? 'scheduled match run queued' : 'scheduled match run skipped: one is live', runId: run.id });
  }

  @OnJob('matching', 'match-run')
  matchRun({ runId }: JobPayloads['matching']['match-run'], job: Job): Promise<void> {
    return this.failRunOnLastAttempt(runId, job, () => this.executor.execute(runId));
  }

  @OnJob('matching', 'match-run-shard')
  matchRunShard({ runId, shard, shards }: JobPayloads['matching']['match-run-shard'], job: Job): Promise<ShardReport | null> {
    return this.failRunOnLastAttempt(runId, job, () => this.executor.executeShard(runId, shard, shards));
  }

  @OnJob('matching', 'match-run-combine')
  matchRunCombine({ runId, shards }: JobPayloads['matching']['match-run-combine'], job: Job): Promise<void> {
    return this.failRunOnLastAttempt(runId, job, async () => {
      // The shards' return values: who computed what (null for a shard that found the run over).
      const reports = Object.values(await job.getChildrenValues<ShardReport | null>()).filter((r) => r !== null);
      await this.executor.combine(runId, shards, reports);
    });
  }

  @OnJob('maintenance', 'relay-match-runs', { every: '* * * * *', why: 'runs a crash left unqueued are queued within a minute or two' })
  relay(): Promise<number> {
    return this.runs.relay();
  }

  async missingSchedules(): Promise<string[]> {
    return (await this.schedule.isSet()) ? [] : ['the match run schedule'];
  }

  registerSchedules(): Promise<void> {
    return this.schedule.sync();
  }

  async requeueLostWork(): Promise<string> {
    return `${await this.runs.relay(0)} live match runs`;
  }

  /** Runs a step of a run; when its last attempt fails, the run is FAILED (and a new one may start). */
  private async failRunOnLastAttempt<T>(runId: string, job: Job, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (isLastAttempt(job)) await this.runs.markFailed(runId, error);
      throw error;
    }
  }
}
