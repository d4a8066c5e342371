import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids.js';
import { decodeTimeIdCursor, encodeCursor, pageSize } from '../../common/pagination.js';
import { MatchRulesService } from '../rules/match-rules.service.js';
import { deleteBlobs } from './match-run-blobs.js';
import { MatchRunFanOut } from './match-run-fan-out.js';
import { MatchRunQueue } from './match-run.queue.js';

/** Live runs this old are the relay's to put right (younger ones may be between their INSERT and enqueue). */
const RELAY_AFTER_MS = 60_000;

/** What one shard of a fanned-out run reports (its job's return value; kept in the run's stats). */
export interface ShardReport {
  shard: number;
  /** host:pid of the worker process that computed it. */
  worker: string;
  /** Null when a retry found the shard's edges stored already. */
  candidateEdges: number | null;
  ms: number;
}

/** What the engine part of a run stored; the email and answer counts are read live. */
export interface StoredRunStats {
  eligiblePeople: number;
  candidatePairs: number;
  proposed: number;
  peopleWithIntroduction: number;
  meanScore: number;
  emailsQueued: number;
  paused: number;
  /** Fanned-out runs: what each shard's worker did (missing in runs stored before fan-out existed). */
  shards?: ShardReport[];
}

export interface MatchRunRow {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  dry_run: boolean;
  rule_set_version: number;
  requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  stats: StoredRunStats | null;
  error: string | null;
  /** Null unless the run fanned out over shards. */
  shards: number | null;
}

/** Live figures of a run: emails sent, answers and ratings of its introductions. */
export interface RunOutcome {
  emailsSent: number;
  emailsFailed: number;
  accepted: number;
  declined: number;
  connected: number;
  expired: number;
  ratedUseful: number;
  rated: number;
}

/** The outcome of a run that sent nothing and got no answers yet (and of any preview). */
export const NO_OUTCOME: Readonly<RunOutcome> = { emailsSent: 0, emailsFailed: 0, accepted: 0, declined: 0, connected: 0, expired: 0, ratedUseful: 0, rated: 0 };

/** Match runs as records: trigger, list, read. The worker executes them (match-run.executor.ts). */
@Injectable()
export class MatchRunsService {
  private readonly logger = new Logger(MatchRunsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: MatchRulesService,
    private readonly queue: MatchRunQueue,
    private readonly fanOut: MatchRunFanOut,
  ) {}

  /**
   * Creates a QUEUED run with the active rules and enqueues it. At most one run is live
   * (a partial unique index): while one is, this returns that one and creates nothing.
   */
  async trigger(requestedBy: string | null, dryRun: boolean): Promise<{ run: MatchRunRow; created: boolean }> {
    const version = (await this.rules.active()).version;
    const inserted: MatchRunRow[] = await this.db.query(
      // created_at from here, in milliseconds: cursors carry it as an ISO string, which has no microseconds.
      `INSERT INTO match_run (id, status, dry_run, rule_set_version, requested_by, created_at) VALUES ($1, 'QUEUED', $2, $3, $4, $5)
       ON CONFLICT ((true)) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING RETURNING *`,
      [randomUUID(), dryRun, version, requestedBy, new Date()],
    );
    if (inserted.length === 0) {
      const [live]: MatchRunRow[] = await this.db.query(`SELECT * FROM match_run WHERE status IN ('QUEUED', 'RUNNING')`);
      // The live run may have finished between the two statements: try once more.
      if (!live) return this.trigger(requestedBy, dryRun);
      this.logger.log({ msg: 'match run not started: one is live', live: live.id });
      return { run: live, created: false };
    }
    const [run] = inserted;
    // A crash right here leaves the run QUEUED without a job: the relay (maintenance) enqueues it.
    await this.queue.enqueueRun(run.id);
    this.logger.log({ msg: 'match run queued', runId: run.id, dryRun, ruleSetVersion: version, requestedBy });
    return { run, created: true };
  }

  /**
   * What a crash can leave of a live run (older than a minute, or than `minAgeMs`: 0 after
   * Redis lost every job), put right:
   * - a run QUEUED without a job (a crash between the INSERT and the enqueue): enqueued again;
   *   the job id makes this a no-op for runs that have one;
   * - a fanned-out run without its flow (a crash between recording the split and adding the
   *   flow): the flow is added;
   * - a run whose job failed for good without the run being marked (BullMQ fails a job that
   *   stalled too often without running our handler, e.g. after repeated worker crashes): the
   *   run is marked FAILED, so it no longer blocks the next one.
   */
  async relay(minAgeMs = RELAY_AFTER_MS): Promise<number> {
    const live: { id: string; shards: number | null }[] = await this.db.query(
      `SELECT id, shards FROM match_run WHERE status IN ('QUEUED', 'RUNNING') AND created_at < now() - $1 * interval '1 millisecond'`,
      [minAgeMs],
    );
    for (const { id, shards } of live) {
      const failed = await this.queue.failedStep(id, shards);
      if (failed) {
        this.logger.warn({ msg: 'match run failed: a job of it failed for good', runId: id, job: failed.id, reason: failed.failedReason });
        await this.markFailed(id, failed.failedReason || `job ${failed.id} failed`);
      } else if (shards === null) await this.queue.enqueueRun(id);
      else await this.fanOut.start(id, shards);
    }
    return live.length;
  }

  /** Marks a live run FAILED and drops its intermediate data. */
  async markFailed(runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE match_run SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
        [runId, message.slice(0, 2000)],
      );
      await deleteBlobs(tx, runId);
    });
  }

  async get(id: string): Promise<MatchRunRow | null> {
    if (!isUuid(id)) return null;
    const [run]: MatchRunRow[] = await this.db.query(`SELECT * FROM match_run WHERE id = $1`, [id]);
    return run ?? null;
  }

  /** Newest first, by (created_at, id) keyset. */
  async list(first: number, after: string | null): Promise<{ runs: MatchRunRow[]; hasNextPage: boolean; totalCount: number }> {
    first = pageSize(first);
    const key = after ? decodeTimeIdCursor(after) : null;
    const rows: MatchRunRow[] = await this.db.query(
      `SELECT * FROM match_run
       WHERE $1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid)
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [key?.at ?? null, key?.id ?? null, first + 1],
    );
    const [{ n }]: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM match_run`);
    return { runs: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: Number(n) };
  }

  async outcomes(runIds: readonly string[]): Promise<Map<string, RunOutcome>> {
    const emails: { run_id: string; sent: string; failed: string }[] = await this.db.query(
      `SELECT run_id, count(*) FILTER (WHERE status = 'SENT') AS sent, count(*) FILTER (WHERE status = 'FAILED') AS failed
       FROM email_outbox WHERE run_id = ANY($1::uuid[]) AND kind = 'digest' GROUP BY run_id`,
      [runIds],
    );
    const answers: { run_id: string; accepted: string; declined: string; connected: string; expired: string; useful: string; rated: string }[] =
      await this.db.query(
        `SELECT run_id,
           count(*) FILTER (WHERE a_answer OR b_answer) AS accepted,
           count(*) FILTER (WHERE status = 'DECLINED') AS declined,
           count(*) FILTER (WHERE status = 'CONNECTED') AS connected,
           count(*) FILTER (WHERE status = 'EXPIRED') AS expired,
           count(*) FILTER (WHERE a_useful OR b_useful) AS useful,
           count(*) FILTER (WHERE a_useful IS NOT NULL OR b_useful IS NOT NULL) AS rated
         FROM introduction WHERE run_id = ANY($1::uuid[]) GROUP BY run_id`,
        [runIds],
      );
    const out = new Map<string, RunOutcome>();
    for (const id of runIds) out.set(id, { ...NO_OUTCOME });
    for (const e of emails) Object.assign(out.get(e.run_id)!, { emailsSent: Number(e.sent), emailsFailed: Number(e.failed) });
    for (const a of answers) {
      Object.assign(out.get(a.run_id)!, {
        accepted: Number(a.accepted),
        declined: Number(a.declined),
        connected: Number(a.connected),
        expired: Number(a.expired),
        ratedUseful: Number(a.useful),
        rated: Number(a.rated),
      });
    }
    return out;
  }
}

export function runCursor(run: MatchRunRow): string {
  return encodeCursor([run.created_at.toISOString(), run.id]);
}
