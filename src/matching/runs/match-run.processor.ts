import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { workerOptions } from '../../jobs/worker-options.js';
import { QUEUES } from '../../jobs/jobs.js';
import { isLastAttempt, type JobHandlers, TypedProcessor } from '../../jobs/typed-processor.js';
import { MatchRunExecutor } from './match-run.executor.js';
import { MatchRunsService, type ShardReport } from './match-runs.service.js';

/**
 * One job of the matching queue at a time per worker: a whole run, or one shard or the end of
 * a fanned-out run (match-run-fan-out.ts), so a run of a large network spreads over the
 * workers. The lock is renewed while the engine computes in its thread; if this process dies,
 * BullMQ hands the job to another worker once the lock lapses, and the executor repeats that
 * step (nothing of a run's result is stored before its one transaction).
 */
@Processor(QUEUES.matching, { concurrency: 1, ...workerOptions() })
export class MatchRunProcessor extends TypedProcessor<'matching'> {
  protected readonly logger = new Logger(MatchRunProcessor.name);
  protected readonly handlers: JobHandlers<'matching'>;

  constructor(
    private readonly executor: MatchRunExecutor,
    private readonly runs: MatchRunsService,
  ) {
    super();
    this.handlers = {
      'scheduled-run': async () => {
        const { run, created } = await this.runs.trigger(null, false);
        this.logger.log({ msg: created ? 'scheduled match run queued' : 'scheduled match run skipped: one is live', runId: run.id });
      },
      'match-run': ({ runId }, job) => this.failRunOnLastAttempt(runId, job, () => executor.execute(runId)),
      'match-run-shard': ({ runId, shard, shards }, job) => this.failRunOnLastAttempt(runId, job, () => executor.executeShard(runId, shard, shards)),
      'match-run-combine': ({ runId, shards }, job) =>
        this.failRunOnLastAttempt(runId, job, async () => {
          // The shards' return values: who computed what (null for a shard that found the run over).
          const reports = Object.values(await job.getChildrenValues<ShardReport | null>()).filter((r) => r !== null);
          await executor.combine(runId, shards, reports);
        }),
    };
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

  /** A shard's report is its job's return value, which the combine job reads. */
  process(job: Job): Promise<unknown> {
    return this.dispatch(job);
  }
}
