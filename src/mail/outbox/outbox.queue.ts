import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids.js';
import { decodeTimeIdCursor, encodeCursor, pageSize } from '../../common/pagination.js';
import { DEFAULT_JOB_OPTIONS, jobIds, QUEUES } from '../../jobs/jobs.js';

/** SMTP hiccups are retried for about an hour (2 s doubling, 11 attempts) before a row is FAILED. */
export const EMAIL_JOB_OPTIONS = { ...DEFAULT_JOB_OPTIONS, attempts: 11, backoff: { type: 'exponential', delay: 2_000 } } as const;

/** Rows still PENDING this long after they were written missed their enqueue (a crash): the relay takes them. */
export const RELAY_AFTER_MS = 60_000;

/**
 * Puts outbox rows on the email queue, one job per row with a job id derived from the row (and
 * how often an admin re-queued it), so that enqueueing a row twice adds one job.
 */
@Injectable()
export class OutboxQueue {
  private readonly logger = new Logger(OutboxQueue.name);

  constructor(
    @InjectQueue(QUEUES.email) private readonly queue: Queue,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Enqueues the PENDING rows of a run, of an introduction, or all written before a moment. */
  async enqueuePendingOf(filter: { runId?: string; introductionId?: string; before?: Date }): Promise<number> {
    const rows: { id: string; requeues: number }[] = await this.db.query(
      `SELECT id, requeues FROM email_outbox
       WHERE status = 'PENDING' AND ($1::uuid IS NULL OR run_id = $1) AND ($2::uuid IS NULL OR introduction_id = $2)
         AND ($3::timestamptz IS NULL OR created_at < $3)
       ORDER BY created_at, id`,
      [filter.runId ?? null, filter.introductionId ?? null, filter.before ?? null],
    );
    for (let start = 0; start < rows.length; start += 1_000) {
      await this.queue.addBulk(
        rows.slice(start, start + 1_000).map((r) => ({
          name: 'outbox',
          data: { outboxId: r.id },
          opts: { ...EMAIL_JOB_OPTIONS, jobId: jobIds.outbox(r.id, r.requeues) },
        })),
      );
    }
    return rows.length;
  }

  /**
   * The relay: rows a crash left unqueued, written at least `minAgeMs` ago (0 after Redis lost
   * every job). Idempotent, so it may run on every worker.
   */
  relay(minAgeMs = RELAY_AFTER_MS): Promise<number> {
    return this.enqueuePendingOf({ before: new Date(Date.now() - minAgeMs) });
  }

  /** FAILED rows, newest first (admin). */
  async listFailed(first: number, after: string | null) {
    const size = pageSize(first);
    const key = after ? decodeTimeIdCursor(after) : null;
    const rows: { id: string; kind: string; account_id: string; run_id: string | null; created_at: Date; last_error: string | null; requeues: number; created_key: string }[] =
      await this.db.query(
        `SELECT id, kind, account_id, run_id, created_at, last_error, requeues, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
         FROM email_outbox WHERE status = 'FAILED' AND ($1::timestamptz IS NULL OR (created_at, id) < ($1::timestamptz, $2::uuid))
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [key?.at ?? null, key?.id ?? null, size + 1],
      );
    const [{ n }]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM email_outbox WHERE status = 'FAILED'`);
    return {
      totalCount: n,
      hasNextPage: rows.length > size,
      items: rows.slice(0, size).map((r) => ({
        id: r.id,
        kind: r.kind,
        accountId: r.account_id,
        runId: r.run_id,
        createdAt: r.created_at,
        lastError: r.last_error,
        requeues: r.requeues,
        // Microseconds kept: created_at comes from now() in PostgreSQL.
        cursor: encodeCursor([r.created_key, r.id]),
      })),
    };
  }

  /** Sends a FAILED row again (admin). */
  async retry(outboxId: string): Promise<boolean> {
    if (!isUuid(outboxId)) return false;
    const [[row]]: [{ id: string; requeues: number }[], number] = await this.db.query(
      `UPDATE email_outbox SET status = 'PENDING', requeues = requeues + 1, last_error = NULL WHERE id = $1 AND status = 'FAILED' RETURNING id, requeues`,
      [outboxId],
    );
    if (!row) return false;
    await this.queue.add('outbox', { outboxId: row.id }, { ...EMAIL_JOB_OPTIONS, jobId: jobIds.outbox(row.id, row.requeues) });
    this.logger.log({ msg: 'failed email queued again', outboxId });
    return true;
  }
}
