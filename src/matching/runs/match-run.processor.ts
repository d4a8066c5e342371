import { Processor } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { workerOptions } from '../../jobs/worker-options.js';
import { QUEUES } from '../../jobs/jobs.js';
import { isLastAttempt, type JobHandlers, TypedProcessor } from '../../jobs/typed-processor.js';
import { MatchRunExecutor } from './match-run.executor.js';
import { MatchRunsService } from './match-runs.service.js';
import { MatchSchedule } from './match-schedule.js';

/**
 * One run at a time per worker. The lock is renewed while the engine computes in its thread;
 * if this process dies, BullMQ hands the job to another worker once the lock lapses, and the
 * executor starts that run over (nothing of a run is stored before its one transaction).
 */
@Processor(QUEUES.matching, { concurrency: 1, ...workerOptions() })
export class MatchRunProcessor extends TypedProcessor<'matching'> implements OnApplicationBootstrap {
  protected readonly logger = new Logger(MatchRunProcessor.name);
  protected readonly handlers: JobHandlers<'matching'>;

  constructor(
    private readonly executor: MatchRunExecutor,
    runs: MatchRunsService,
    private readonly schedule: MatchSchedule,
  ) {
    super();
    this.handlers = {
      'scheduled-run': async () => {
        const { run, created } = await runs.trigger(null, false);
        this.logger.log({ msg: created ? 'scheduled match run queued' : 'scheduled match run skipped: one is live', runId: run.id });
      },
      'match-run': async ({ runId }, job) => {
        try {
          await executor.execute(runId);
        } catch (error) {
          if (isLastAttempt(job)) await executor.markFailed(runId, error);
          throw error;
        }
      },
    };
  }

  onApplicationBootstrap(): Promise<void> {
    return this.schedule.sync();
  }

  async process(job: Job): Promise<void> {
    await this.dispatch(job);
  }
}
