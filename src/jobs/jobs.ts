// Every queue and job name with its payload. Payloads carry ids only: a handler reloads
// what it needs from PostgreSQL, so a retried job sees the current state. The two exceptions
// are the sign-in requests, which carry what the person typed: the API answers them without
// looking anything up, so that the answer takes as long for a known address as for an unknown
// one; the worker finds (or creates) the account.
import type { Locale, Sector } from '../common/enums.js';

export const QUEUES = {
  email: 'email',
  maintenance: 'maintenance',
  matching: 'matching',
} as const;

export interface JobPayloads {
  email: {
    /**
     * A sign-in link for the account of this (normalised) address, if there is one; `next` is the
     * web app's page to open after signing in (validated, at most 200 characters). Absent in jobs
     * queued before it existed.
     */
    'sign-in-link': { email: string; next?: string | null };
    /** An account for this address unless it has one, then a sign-in link either way (`next` as above). */
    registration: { email: string; name: string; sector: Sector; municipalityCode: string | null; locale: Locale; next?: string | null };
    /** One row of email_outbox (digest, connection, pause notice). */
    outbox: { outboxId: string };
  };
  maintenance: {
    'purge-sign-in-tokens': Record<string, never>;
    'purge-professional-changes': Record<string, never>;
    'expire-introductions': Record<string, never>;
    /** Queues the runs a crash left QUEUED between their commit and their enqueue. */
    'relay-match-runs': Record<string, never>;
    /** Queues the emails a crash left PENDING between their commit and their enqueue. */
    'relay-outbox': Record<string, never>;
  };
  matching: {
    /** Fired by the schedule of the active rule set: starts a run unless one is live. */
    'scheduled-run': Record<string, never>;
    'match-run': { runId: string };
    /** Candidates of shard `shard` of a fanned-out run (a child of its match-run-combine job). */
    'match-run-shard': { runId: string; shard: number; shards: number };
    /** The end of a fanned-out run, once every shard is done: merge, b-matching, store. */
    'match-run-combine': { runId: string; shards: number };
  };
}

export type QueueName = keyof JobPayloads;
export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;

/**
 * The declared job names at run time, for the start-up check that each has exactly one handler
 * (job-handlers.ts). A name added to JobPayloads and not here, or here and not there, does not compile.
 */
export const JOB_NAMES: { readonly [Q in QueueName]: { readonly [N in JobName<Q>]: true } } = {
  email: { 'sign-in-link': true, registration: true, outbox: true },
  maintenance: {
    'purge-sign-in-tokens': true,
    'purge-professional-changes': true,
    'expire-introductions': true,
    'relay-match-runs': true,
    'relay-outbox': true,
  },
  matching: { 'scheduled-run': true, 'match-run': true, 'match-run-shard': true, 'match-run-combine': true },
};

/** Bounded history so Redis memory stays flat; failed jobs are kept longer for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} as const;

/** Sign-in requests hold an address: gone once the link is sent; a failed one is kept a day, to inspect. */
export const SIGN_IN_JOB_OPTIONS = { ...DEFAULT_JOB_OPTIONS, removeOnComplete: true, removeOnFail: { age: 24 * 3600, count: 1_000 } } as const;

/** Job ids derived from business keys make enqueueing idempotent (BullMQ ids may not contain ':'). */
export const jobIds = {
  matchRun: (runId: string): string => `run-${runId}`,
  matchRunShard: (runId: string, shard: number): string => `run-${runId}-shard-${shard}`,
  matchRunCombine: (runId: string): string => `run-${runId}-combine`,
  outbox: (outboxId: string, requeues: number): string => `outbox-${outboxId}-${requeues}`,
};
