// Every queue and job name with its payload. Payloads carry ids only: a handler reloads
// what it needs from PostgreSQL, so a retried job sees the current state.
export const QUEUES = {
  email: 'email',
  maintenance: 'maintenance',
} as const;

export interface JobPayloads {
  email: {
    'sign-in-link': { accountId: string };
  };
  maintenance: {
    'purge-sign-in-tokens': Record<string, never>;
    'purge-professional-changes': Record<string, never>;
  };
}

export type QueueName = keyof JobPayloads;
export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;

/** Bounded history so Redis memory stays flat; failed jobs are kept longer for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} as const;
