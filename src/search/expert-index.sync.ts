import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RegionsService } from '../regions/regions.service.js';
import type { DocRow } from './expert-doc-row.js';
import { RemoteExpertIndex } from './expert-index.remote.js';

const DOCS_SQL = `
  SELECT p.id, p.name, p.headline, p.bio, p.organisation, p.sector, p.scope, p.municipality_code AS "municipalityCode",
         p.available_hours_per_month AS "availableHoursPerMonth", a.opted_in AS "optedIn",
         coalesce((SELECT array_agg(o.discipline_id || ':' || o.level) FROM professional_offer o WHERE o.professional_id = p.id), '{}') AS offers,
         coalesce((SELECT array_agg(l.lexeme || ':' || array_to_string(l.weights, '')) FROM unnest(p.search_vector) l), '{}') AS lexemes
  FROM professional p JOIN account a ON a.id = p.id`;

/** People per message while loading the index thread. */
const LOAD_BATCH = 2_000;
/** Above this many changed people a sync reloads everything instead. */
const FULL_RELOAD_THRESHOLD = 5_000;
/** A search reads the change log at most this often; changes show up within this time. */
const SYNC_INTERVAL_MS = 100;
/**
 * After this long without a sync, reload everything instead: the change log keeps one day
 * (pruned nightly), so a process that saw no searches for longer could miss changes.
 */
const STALE_AFTER_MS = 6 * 3600_000;

/**
 * Keeps this process's search index (in a thread of its own, expert-index.remote.ts) in step
 * with PostgreSQL: a full load at start, then the professionals the change log names. The log
 * is read from the oldest transaction that was still running at the previous read (its
 * snapshot's xmin), so a change committed late by a long transaction is never skipped;
 * re-reading a change is harmless. A full reload fills a new thread while searches go on in
 * the old one; a thread that died is replaced by a new one, loaded in full.
 */
@Injectable()
export class ExpertIndexSync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpertIndexSync.name);
  private index: RemoteExpertIndex | null = null;
  private loading: Promise<void> | null = null;
  private syncing: Promise<void> | null = null;
  private lastSync = 0;
  private xmin = '0';
  private closed = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly regions: RegionsService,
  ) {}

  onApplicationBootstrap(): void {
    void this.ready().catch((error: unknown) => this.logger.error({ err: error }, 'loading the expert index failed'));
  }

  /** Ends the index thread; a load still running ends its own when it is done. */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.index?.close();
  }

  /** The index, current up to SYNC_INTERVAL_MS ago. */
  async current(): Promise<RemoteExpertIndex> {
    if (this.index?.failed && !this.closed) {
      this.logger.error('the search index thread died; loading the index again');
      this.index = null;
      this.loading = null;
    }
    await this.ready();
    if (Date.now() - this.lastSync >= SYNC_INTERVAL_MS) {
      this.syncing ??= this.sync().finally(() => (this.syncing = null));
    }
    if (this.syncing) await this.syncing;
    return this.index!;
  }

  private ready(): Promise<void> {
    this.loading ??= this.loadAll().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async loadAll(): Promise<void> {
    const started = Date.now();
    // One snapshot for the data and the log position, so nothing falls between them.
    const { xmin, rows } = await this.db.transaction('REPEATABLE READ', async (tx: EntityManager) => {
      const [{ xmin: position }]: { xmin: string }[] = await tx.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
      return { xmin: position, rows: (await tx.query(DOCS_SQL)) as DocRow[] };
    });
    const index = new RemoteExpertIndex(
      this.regions.municipalities().map((m) => ({ code: m.code, provinceCode: m.province.code, latitude: m.latitude, longitude: m.longitude })),
    );
    try {
      // One batch in the thread's queue while the next is copied, and the event loop free for
      // other requests between batches (copying 100,000 people at once would hold it for a second).
      let previous: Promise<void> = Promise.resolve();
      for (let start = 0; start < rows.length; start += LOAD_BATCH) {
        const sent = index.upsert(rows.slice(start, start + LOAD_BATCH));
        sent.catch(() => undefined); // awaited below; a failure meanwhile must not count as unhandled
        await previous;
        previous = sent;
      }
      await previous;
    } catch (error) {
      await index.close();
      throw error;
    }
    if (this.closed) {
      await index.close();
      throw new Error('The search index was closed while it loaded');
    }
    const previous = this.index;
    this.index = index;
    void previous?.close();
    this.xmin = xmin;
    this.lastSync = Date.now();
    this.logger.log({ people: index.size, ms: Date.now() - started }, 'expert index loaded');
  }

  private async sync(): Promise<void> {
    if (Date.now() - this.lastSync > STALE_AFTER_MS) {
      await this.loadAll();
      return;
    }
    this.lastSync = Date.now();
    const [{ xmin, ids }]: { xmin: string; ids: string[] }[] = await this.db.query(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              array(SELECT DISTINCT professional_id FROM professional_change WHERE txid >= $1::xid8) AS ids`,
      [this.xmin],
    );
    if (ids.length > FULL_RELOAD_THRESHOLD) {
      await this.loadAll();
      return;
    }
    if (ids.length > 0) {
      const rows: DocRow[] = await this.db.query(`${DOCS_SQL} WHERE p.id = ANY($1::uuid[])`, [ids]);
      const found = new Set(rows.map((r) => r.id));
      await this.index!.upsert(rows);
      await this.index!.remove(ids.filter((id) => !found.has(id)));
    }
    this.xmin = xmin;
  }
}

/** Deletes change-log rows older than a day (the nightly maintenance job). */
export async function pruneProfessionalChanges(db: DataSource): Promise<number> {
  const [, removed]: [unknown[], number] = await db.query(`DELETE FROM professional_change WHERE changed_at < now() - interval '1 day'`);
  return removed;
}
