import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../../auth/accounts.service.js';
import { AppConfig } from '../../config/runtime-config.js';
import { insertProposedIntroductions, PAUSE_AFTER_UNANSWERED } from '../../introductions/introductions.repository.js';
import { insertOutbox } from '../../mail/outbox/outbox.repository.js';
import { OutboxQueue } from '../../mail/outbox/outbox.queue.js';
import { combineForStoreInThread, runForStoreInThread, runShardInThread, type StorableResult } from '../engine-in-thread.js';
import type { MatchInput } from '../engine/types.js';
import { MatchInputLoader } from '../match-input.loader.js';
import { encodeInput } from '../run-snapshot.js';
import { MatchRuleSetEntity } from '../rules/match-rule-set.entity.js';
import { deleteBlobs, hasBlob, INPUT_BLOB, readBlob, shardBlob, writeBlob } from './match-run-blobs.js';
import { MatchRunFanOut, shardCount } from './match-run-fan-out.js';
import type { MatchRunRow, ShardReport, StoredRunStats } from './match-runs.service.js';

/** Rows per INSERT … SELECT: big enough to be fast, small enough for one message. */
const BATCH = 5_000;

/**
 * Executes a match run in a worker: load the eligible network, run the engine (in a thread,
 * so the worker keeps renewing its job lock), and store the result in ONE transaction that
 * also flips the run to COMPLETED. A crash before the commit leaves nothing; a retry starts
 * over. A retry after the commit finds the run COMPLETED and does nothing, so introductions
 * and digests are never stored twice (and UNIQUE (run_id, a_id, b_id) would refuse them).
 *
 * A network of more than MATCH_SHARD_PEOPLE eligible people fans out instead
 * (match-run-fan-out.ts): the `match-run` job stores the loaded input once (every shard must
 * see the same network) and adds a flow; each `match-run-shard` job computes one shard's
 * candidates and stores them; the `match-run-combine` job merges them and stores the result
 * in the same one transaction. Every step can be repeated after a crash: a shard's edges are
 * the same whoever computes them, and the end is guarded by the run's status as above.
 */
@Injectable()
export class MatchRunExecutor {
  private readonly logger = new Logger(MatchRunExecutor.name);
  private readonly worker = `${hostname()}:${process.pid}`;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly loader: MatchInputLoader,
    private readonly outbox: OutboxQueue,
    private readonly config: AppConfig,
    private readonly fanOut: MatchRunFanOut,
    private readonly accounts: AccountsService,
  ) {}

  /** A `match-run` job: computes the run here, or splits it into a flow of shards. */
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
    if (run.shards !== null) {
      // Split by an earlier attempt, which may have died before adding the flow.
      await this.fanOut.start(runId, run.shards);
      return;
    }
    const rules = await this.db.getRepository(MatchRuleSetEntity).findOneByOrFail({ version: run.rule_set_version });
    const now = new Date();
    const paused = run.dry_run ? 0 : await this.pauseUnanswered(runId);

    const started = performance.now();
    const input = await this.loader.load(rules, now);
    const loadMs = Math.round(performance.now() - started);
    const shards = shardCount(input.people.length, this.config.matchShardPeople);
    if (shards > 1) {
      await this.split(runId, input, shards);
      this.logger.log({ msg: 'match run split into shards', runId, shards, eligiblePeople: input.people.length, loadMs });
      return;
    }
    const computing = performance.now();
    const result = await runForStoreInThread(input, BATCH, this.config.engineHeapMb);
    await this.store(run, result, paused, [], { loadMs, engineMs: Math.round(performance.now() - computing) });
  }

  /** A `match-run-shard` job: the candidate edges of one shard, stored for the combine job. */
  async executeShard(runId: string, shard: number, shards: number): Promise<ShardReport | null> {
    if (!(await this.isRunning(runId))) {
      this.logger.log({ msg: 'match run shard skipped: the run is not running', runId, shard });
      return null;
    }
    const name = shardBlob(shard);
    if (await hasBlob(this.db, runId, name)) return { shard, worker: this.worker, candidateEdges: null, ms: 0 };
    const input = await readBlob(this.db, runId, INPUT_BLOB);
    if (!input) throw new Error(`Match run ${runId} has no stored input`);
    const started = performance.now();
    const { edges, count } = await runShardInThread(input, shard, shards, this.config.engineHeapMb);
    await this.db.transaction((tx) => writeBlob(tx, runId, name, edges));
    const report: ShardReport = { shard, worker: this.worker, candidateEdges: count, ms: Math.round(performance.now() - started) };
    this.logger.log({ msg: 'match run shard computed', runId, shards, ...report, bytes: edges.byteLength });
    return report;
  }

  /** The `match-run-combine` job, once every shard is done: merge, b-matching, store. */
  async combine(runId: string, shards: number, reports: readonly ShardReport[]): Promise<void> {
    const [run]: MatchRunRow[] = await this.db.query(`SELECT * FROM match_run WHERE id = $1 AND status = 'RUNNING'`, [runId]);
    if (!run) {
      this.logger.log({ msg: 'match run already finished', runId });
      return;
    }
    const started = performance.now();
    const input = await readBlob(this.db, runId, INPUT_BLOB);
    const edges = await Promise.all(Array.from({ length: shards }, (_, k) => readBlob(this.db, runId, shardBlob(k))));
    const missing = edges.findIndex((e) => e === null);
    if (!input || missing >= 0) throw new Error(`Match run ${runId}: ${input ? `shard ${missing}` : 'the input'} is not stored`);
    const loadMs = Math.round(performance.now() - started);
    const result = await combineForStoreInThread(input, edges as Buffer[], BATCH, this.config.engineHeapMb);
    const engineMs = Math.round(performance.now() - started) - loadMs;
    // The pause notices were stored when the run started (execute).
    const [{ n }]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM email_outbox WHERE run_id = $1 AND kind = 'paused'`, [runId]);
    const byShard = [...reports].sort((x, y) => x.shard - y.shard);
    await this.store(run, result, n, byShard, { loadMs, engineMs });
  }

  /**
   * Stores a computed run in one transaction: the run COMPLETED with its stats, its
   * introductions and digests (unless a dry run), and its intermediate data gone.
   */
  private async store(run: MatchRunRow, result: StorableResult, paused: number, shards: ShardReport[], timings: { loadMs: number; engineMs: number }): Promise<void> {
    const runId = run.id;
    const now = new Date();
    const storing = performance.now();
    const recipients = run.dry_run ? [] : result.recipients;
    const stats: StoredRunStats = { ...result.stats, emailsQueued: recipients.length + paused, paused, shards };
    const stored = await this.db.transaction(async (tx) => {
      const [, done]: [unknown[], number] = await tx.query(
        `UPDATE match_run SET status = 'COMPLETED', finished_at = now(), stats = $2, error = NULL WHERE id = $1 AND status = 'RUNNING' RETURNING id`,
        [runId, stats],
      );
      if (!done) return false;
      await deleteBlobs(tx, runId);
      if (!run.dry_run) {
        const expiresAt = new Date(now.getTime() + this.config.introductionExpiryDays * 86_400_000);
        await insertProposedIntroductions(tx, runId, result.batches, now, expiresAt);
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
      checksum: result.checksum,
      shards: shards.length || undefined,
      ...timings,
      storeMs: Math.round(performance.now() - storing),
    });
    if (!run.dry_run) {
      // The digests are safe in the outbox; if queueing them fails now (Redis gone, or this
      // process shutting down), the relay queues them within two minutes.
      await this.outbox.enqueuePendingOf({ runId }).catch((error: unknown) =>
        this.logger.warn({ msg: 'digests stored but not queued yet; the relay will queue them', runId, err: error }),
      );
    }
  }

  /** Stores the input for the shards and records the split, in one transaction; then adds the flow. */
  private async split(runId: string, input: MatchInput, shards: number): Promise<void> {
    const encoded = await encodeInput(input);
    const planned = await this.db.transaction(async (tx) => {
      const [, updated]: [unknown[], number] = await tx.query(
        `UPDATE match_run SET shards = $2 WHERE id = $1 AND status = 'RUNNING' AND shards IS NULL RETURNING id`,
        [runId, shards],
      );
      if (updated) await writeBlob(tx, runId, INPUT_BLOB, encoded);
      return updated > 0;
    });
    if (planned) await this.fanOut.start(runId, shards);
  }

  private async isRunning(runId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM match_run WHERE id = $1 AND status = 'RUNNING'`, [runId]);
    return rows.length > 0;
  }

  /**
   * People who let PAUSE_AFTER_UNANSWERED digests in a row go unanswered are paused (and so not
   * eligible in this run) and get one notice with a resume link, in one transaction.
   */
  private async pauseUnanswered(runId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const paused = await this.accounts.pauseUnansweredDigests(tx, PAUSE_AFTER_UNANSWERED);
      await insertOutbox(tx, paused.map((id) => ({ key: `paused:${runId}:${id}`, kind: 'paused', accountId: id, runId })));
      return paused.length;
    });
  }
}
