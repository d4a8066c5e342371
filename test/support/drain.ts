// Waiting for what the app does in the background, instead of sleeping a guessed time:
// - drainQueues: until the named BullMQ queues hold no job that is still to run (waiting, active,
//   delayed, prioritized, or waiting for its children; a schedule's next occurrence aside). Then every job queued before the call
//   has run to its end, and so has whatever those jobs queued in turn (a handler queues its
//   follow-up before it completes). To show that something does NOT happen, drain and then assert.
// - eventually: until an assertion passes, for a condition that becomes true by itself (a log
//   line arrives, a cache expires).
import { Queue } from 'bullmq';
import { QUEUES } from '../../src/jobs/jobs.js';
import { redisOptions } from '../../src/redis/redis-locator.js';
import type { TestApp } from './test-app.js';

/** Where an app on the embedded defaults finds Redis when one answers there (redis-locator.ts). */
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const PENDING = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export interface DrainOptions {
  /** Fail after this long, naming the jobs still pending. Default 30 s. */
  timeoutMs?: number;
  intervalMs?: number;
}

/** Waits until none of `queues` (under the Redis key `prefix`) has a job left to run. */
export async function drainQueues(redisUrl: string, prefix: string, queues: readonly string[], options: DrainOptions = {}): Promise<void> {
  const { timeoutMs = 30_000, intervalMs = 25 } = options;
  const open = queues.map(
    (name) => new Queue(name, { connection: { ...redisOptions(redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false }, prefix }),
  );
  try {
    const deadline = Date.now() + timeoutMs;
    // Two empty looks in a row: a job may move between the states a count reads one by one.
    let emptyLooks = 0;
    for (;;) {
      const counts = await Promise.all(open.map(pendingCounts));
      const busy = counts.some((c) => Object.values(c).some((n) => n > 0));
      emptyLooks = busy ? 0 : emptyLooks + 1;
      if (emptyLooks >= 2) return;
      if (Date.now() > deadline) {
        const pending = counts
          .map((c, i) => `${queues[i]}: ${Object.entries(c).filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`).join(', ') || 'none'}`)
          .join('; ');
        throw new Error(`The queues did not drain within ${timeoutMs} ms (${pending})`);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    await Promise.all(open.map((q) => q.close()));
  }
}

/**
 * A queue's jobs still to run. The next occurrence of a schedule (upsertJobScheduler) waits as
 * a delayed job for as long as the schedule exists: that is not work to wait for.
 */
async function pendingCounts(queue: Queue): Promise<Record<string, number>> {
  const counts = await queue.getJobCounts(...PENDING);
  if (counts.delayed > 0) {
    const delayed = await queue.getDelayed(0, counts.delayed - 1);
    counts.delayed = delayed.filter((job) => !job.repeatJobKey).length;
  }
  return counts;
}

/**
 * drainQueues for an app started by startTestApp: its Redis and prefix, every queue unless named.
 * An app on the embedded defaults has no REDIS_URL and uses the Redis on the default port.
 */
export function drain(app: TestApp, queues: readonly string[] = Object.values(QUEUES), options?: DrainOptions): Promise<void> {
  return drainQueues(app.env.REDIS_URL ?? DEFAULT_REDIS_URL, app.env.REDIS_PREFIX ?? 'verbinder', queues, options);
}

/**
 * Waits until the app logged the end of the request with this id (pino-http's "request
 * completed", its last line): every line the request wrote is in `app.logs` by then.
 */
export async function requestLogged(app: TestApp, requestId: string, options?: EventuallyOptions): Promise<void> {
  await eventually(() => {
    if (!app.logs.some((l) => l.req?.id === requestId && l.res !== undefined)) throw new Error(`The app logged no end of request ${requestId}`);
  }, options);
}

export interface EventuallyOptions {
  /** Fail after this long with the last error. Default 10 s. */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Runs `check` until it neither throws nor returns false, and answers what it returned; after
 * `timeoutMs` it throws what the last attempt threw (an `expect` inside says what is wrong).
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, false>> {
  const { timeoutMs = 10_000, intervalMs = 25 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      failure = new Error(`The condition was still false after ${timeoutMs} ms`);
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
