import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/runtime-config.js';
import { insertOutbox } from '../../mail/outbox/outbox.repository.js';
import { OutboxQueue } from '../../mail/outbox/outbox.queue.js';
import { runMatchingInThread } from '../engine-thread.js';
import type { Proposal } from '../engine/types.js';
import { MatchInputLoader } from '../match-input.loader.js';
import { MatchRuleSetEntity } from '../rules/match-rule-set.entity.js';
import { toMatchRules } from '../rules/match-rules.service.js';
import type { MatchRunRow, StoredRunStats } from './match-runs.service.js';

/** Digests in a row without any answer after which someone is paused and told how to resume. */
export const PAUSE_AFTER_UNANSWERED = 3;

/** Rows per INSERT … SELECT unnest(…): big enough to be fast, small enough for one message. */
const BATCH = 5_000;

/**
 * Executes a match run in a worker: load the eligible network, run the engine (in a thread,
 * so the worker keeps renewing its job lock), and store the result in ONE transaction that
 * also flips the run to COMPLETED. A crash before the commit leaves nothing; a retry starts
 * over. A retry after the commit finds the run COMPLETED and does nothing, so introductions
 * and digests are never stored twice (and UNIQUE (run_id, a_id, b_id) would refuse them).
 */
@Injectable()
export class MatchRunExecutor {
  private readonly logger = new Logger(MatchRunExecutor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly loader: MatchInputLoader,
    private readonly outbox: OutboxQueue,
    private readonly config: AppConfig,
  ) {}

  async execute(runId: string): Promise<void> {
    // For UPDATE, TypeORM answers [rows, rowCount].
    const [[run]]: [MatchRunRow[], number] = await this.db.query(
      `UPDATE match_run SET status = 'RUNNING', started_at = coalesce(started_at, now())
       WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING *`,
      [runId],
    );
    if (!run) {
      this.logger.log({ msg: 'match run already finished', runId });
      return;
    }
    const rules = await this.db.getRepository(MatchRuleSetEntity).findOneByOrFail({ version: run.rule_set_version });
    const now = new Date();
    const paused = run.dry_run ? 0 : await this.pauseUnanswered(runId);

    const started = performance.now();
    const input = await this.loader.load(toMatchRules(rules), now);
    const loaded = performance.now();
    const result = await runMatchingInThread(input, this.config.engineHeapMb);
    const computed = performance.now();

    const recipients = run.dry_run ? [] : digestRecipients(result.proposals);
    const stats: StoredRunStats = { ...result.stats, emailsQueued: recipients.length + paused, paused };
    const stored = await this.db.transaction(async (tx) => {
      const [, done]: [unknown[], number] = await tx.query(
        `UPDATE match_run SET status = 'COMPLETED', finished_at = now(), stats = $2, error = NULL WHERE id = $1 AND status = 'RUNNING' RETURNING id`,
        [runId, stats],
      );
      if (!done) return false;
      if (!run.dry_run) {
        await this.storeIntroductions(tx, runId, result.proposals, now);
        await insertOutbox(tx, recipients.map((accountId) => ({ key: `digest:${runId}:${accountId}`, kind: 'digest', accountId, runId })));
      }
      return true;
    });
    if (!stored) {
      this.logger.warn({ msg: 'match run finished elsewhere meanwhile; result dropped', runId });
      return;
    }
    this.logger.log({
      msg: 'match run completed',
      runId,
      dryRun: run.dry_run,
      ...stats,
      loadMs: Math.round(loaded - started),
      engineMs: Math.round(computed - loaded),
      storeMs: Math.round(performance.now() - computed),
    });
    if (!run.dry_run) {
      // The digests are safe in the outbox; if queueing them fails now (Redis gone, or this
      // process shutting down), the relay queues them within two minutes.
      await this.outbox.enqueuePendingOf({ runId }).catch((error: unknown) =>
        this.logger.warn({ msg: 'digests stored but not queued yet; the relay will queue them', runId, err: error }),
      );
    }
  }

  async markFailed(runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.db.query(
      `UPDATE match_run SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [runId, message.slice(0, 2000)],
    );
  }

  /**
   * People who let PAUSE_AFTER_UNANSWERED digests in a row go unanswered are paused (and so not
   * eligible in this run) and get one notice with a resume link, in one transaction.
   */
  private async pauseUnanswered(runId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [paused]: [{ id: string }[], number] = await tx.query(
        `UPDATE account a SET digest_frequency = 'PAUSED', updated_at = now()
         FROM digest_state d
         WHERE d.account_id = a.id AND d.unanswered_in_row >= $1 AND a.digest_frequency <> 'PAUSED' AND a.opted_in
         RETURNING a.id`,
        [PAUSE_AFTER_UNANSWERED],
      );
      await insertOutbox(tx, paused.map(({ id }) => ({ key: `paused:${runId}:${id}`, kind: 'paused', accountId: id, runId })));
      return paused.length;
    });
  }

  private async storeIntroductions(tx: EntityManager, runId: string, proposals: readonly Proposal[], now: Date): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.config.introductionExpiryDays * 86_400_000);
    for (let start = 0; start < proposals.length; start += BATCH) {
      const batch = proposals.slice(start, start + BATCH);
      await tx.query(
        `INSERT INTO introduction (id, run_id, kind, a_id, b_id, initiative_id, need_id, score, reasons, status, created_at, updated_at, expires_at)
         SELECT u.id, $1, u.kind::introduction_kind, u.a, u.b, u.initiative, u.need, u.score, u.reasons::jsonb, 'PROPOSED', $2, $2, $3
         FROM unnest($4::uuid[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::float8[], $11::text[])
           AS u(id, kind, a, b, initiative, need, score, reasons)`,
        [
          runId,
          now,
          expiresAt,
          batch.map(() => randomUUID()),
          batch.map((p) => p.kind),
          batch.map((p) => p.a),
          batch.map((p) => p.b),
          batch.map((p) => p.initiativeId),
          batch.map((p) => p.needId),
          batch.map((p) => p.score),
          batch.map((p) => JSON.stringify(p.reasons)),
        ],
      );
    }
  }
}

/** Everyone with at least one new proposal, once, in id order. */
export function digestRecipients(proposals: readonly Proposal[]): string[] {
  return [...new Set(proposals.flatMap((p) => [p.a, p.b]))].sort();
}
