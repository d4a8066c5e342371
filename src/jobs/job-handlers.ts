// Each feature handles its own jobs: a method marked @OnJob(queue, name) in one of the worker's
// providers. The queue's one processor (email/maintenance/matching.processor.ts) dispatches to
// it by job name. A worker refuses to start unless every job name declared in jobs.ts has
// exactly one handler, as immich's server does.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Job } from 'bullmq';
import { type DiscoveredMethod, discoverMethods } from '../common/method-discovery.js';
import { JOB_NAMES, type JobName, type JobPayloads, type QueueName } from './jobs.js';

/** A repeating job of the maintenance queue: its cron pattern (Europe/Amsterdam) and why it repeats. */
export interface JobSchedule {
  every: string;
  why: string;
}

export type JobHandler<Q extends QueueName, N extends JobName<Q>> = (payload: JobPayloads[Q][N], job: Job) => Promise<unknown>;

interface OnJobMeta {
  queue: QueueName;
  name: string;
  schedule?: JobSchedule;
}

const ON_JOB = 'verbinder:on-job';

/**
 * Marks the handler of job `name` of `queue`; the method must take that job's payload (and may
 * take the job). A maintenance job may say when it repeats (schedules.ts registers it).
 */
export function OnJob<Q extends QueueName, N extends JobName<Q>>(queue: Q, name: N, ...schedule: Q extends 'maintenance' ? [JobSchedule?] : []) {
  return <H extends JobHandler<Q, N>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<H>): void => {
    const meta: OnJobMeta = { queue, name, schedule: schedule[0] };
    Reflect.defineMetadata(ON_JOB, meta, descriptor.value!);
  };
}

/** Why a worker does not start: a declared job without a handler, or with more than one. */
export class JobHandlerError extends Error {
  override readonly name = 'JobHandlerError';
}

export interface ScheduledJob {
  name: JobName<'maintenance'>;
  every: string;
  why: string;
}

/** The handlers of the worker's providers, found once; checked when the worker starts. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private found: Map<string, DiscoveredMethod<OnJobMeta>[]> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const handlers = this.handlers();
    for (const queue of Object.keys(JOB_NAMES) as QueueName[]) {
      for (const name of Object.keys(JOB_NAMES[queue])) {
        const of = handlers.get(key(queue, name)) ?? [];
        if (of.length === 0) problems.push(`job "${name}" of queue ${queue} has no handler (@OnJob('${queue}', '${name}') in a provider of the worker)`);
        if (of.length > 1) problems.push(`job "${name}" of queue ${queue} has ${of.length} handlers: ${of.map((h) => h.where).join(', ')}`);
      }
    }
    for (const [k, of] of handlers) {
      const [queue, name] = k.split('\u0000') as [QueueName, string];
      if (!(queue in JOB_NAMES) || !(name in JOB_NAMES[queue])) problems.push(`${of.map((h) => h.where).join(', ')} handles "${name}" of queue ${queue}, which jobs.ts does not declare`);
    }
    if (problems.length > 0) throw new JobHandlerError(`The worker cannot start: ${problems.join('; ')}`);
  }

  /** Runs the handler of a job and answers what it returned; a job nobody handles fails. */
  async run(queue: QueueName, job: Job): Promise<unknown> {
    const [handler] = this.handlers().get(key(queue, job.name)) ?? [];
    if (!handler) throw new Error(`Unknown job "${job.name}" on queue ${job.queueName}`);
    return handler.call(job.data as never, job as never);
  }

  /** The maintenance jobs that repeat, with their patterns. */
  schedules(): ScheduledJob[] {
    return [...this.handlers().values()].flatMap(([h]) =>
      h.meta.queue === 'maintenance' && h.meta.schedule ? [{ name: h.meta.name as JobName<'maintenance'>, ...h.meta.schedule }] : [],
    );
  }

  /**
   * Found on first use: the queues' workers may take a job before this provider's own
   * onModuleInit ran, and every provider exists by then.
   */
  private handlers(): Map<string, DiscoveredMethod<OnJobMeta>[]> {
    if (!this.found) {
      this.found = new Map();
      for (const method of discoverMethods<OnJobMeta>(this.discovery, this.scanner, ON_JOB)) {
        const k = key(method.meta.queue, method.meta.name);
        this.found.set(k, [...(this.found.get(k) ?? []), method]);
      }
    }
    return this.found;
  }
}

function key(queue: string, name: string): string {
  return `${queue}\u0000${name}`;
}
