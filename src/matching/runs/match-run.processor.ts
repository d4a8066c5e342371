import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { workerOptions } from '../../jobs/worker-options.js';
import { type JobName, type JobPayloads, QUEUES } from '../../jobs/jobs.js';
import { MatchRunExecutor } from './match-run.executor.js';
import { MatchRunsService } from './match-runs.service.js';
import { MatchSchedule } from './match-schedule.js';

// A mapped type over every declared job name: a job without a handler does not compile.
type Handlers = { [N in JobName<'matching'>]: (payload: JobPayloads['matching'][N], job: Job) => Promise<void> };

/**
 * One run at a time per worker. The lock is renewed while the engine computes in its thread;
 * if this process dies, BullMQ hands the job to another worker once the lock lapses, and the
 * executor starts that run over (nothing of a run is stored before its one transaction).
 */
@Processor(QUEUES.matching, { concurrency: 1, ...workerOptions() })
export class MatchRunProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchRunProcessor.name);
  private readonly handlers: Handlers;

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
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await executor.markFailed(runId, error);
          throw error;
        }
      },
    };
  }

  onApplicationBootstrap(): Promise<void> {
    return this.schedule.sync();
  }

  async process(job: Job): Promise<void> {
    const handler = this.handlers[job.name as JobName<'matching'>];
    if (!handler) throw new Error(`Unknown matching job "${job.name}"`);
    await handler(job.data, job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
    this.logger[final ? 'error' : 'warn']({ jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, final, err: error }, 'job failed');
  }
}
