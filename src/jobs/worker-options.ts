// Options of every BullMQ worker. Metrics: BullMQ keeps per-minute counts of completed and
// failed jobs in Redis (a week of them), which /metrics reports for all workers together.
//
// Lock and stall detection: A worker renews the lock of each job it runs;
// when a worker process dies, its jobs' locks lapse, and another worker's stalled-job check
// hands them out again. So a crashed worker's jobs resume after at most about twice this.
//
// Read from process.env because processor decorators are evaluated when their modules load,
// before the configuration is validated; validateEnv checks the same variable (app-config.ts)
// and stops the process on a bad value.
import { MetricsTime } from 'bullmq';

const DEFAULT_LOCK_SECONDS = 30;

/** Email jobs one worker runs at once; the mail transport keeps as many SMTP connections open (SMTP_CONNECTIONS). */
export const EMAIL_CONCURRENCY = 10;

export function workerOptions(env: NodeJS.ProcessEnv = process.env): { lockDuration: number; stalledInterval: number; metrics: { maxDataPoints: number } } {
  const seconds = Number(env.JOB_LOCK_SECONDS ?? DEFAULT_LOCK_SECONDS);
  const ms = (Number.isInteger(seconds) && seconds >= 1 && seconds <= 600 ? seconds : DEFAULT_LOCK_SECONDS) * 1000;
  return { lockDuration: ms, stalledInterval: ms, metrics: { maxDataPoints: MetricsTime.ONE_WEEK } };
}
