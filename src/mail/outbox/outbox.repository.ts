import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Rows per INSERT … SELECT unnest(…). */
const BATCH = 5_000;

export type OutboxKind = 'digest' | 'connected' | 'paused';

export interface OutboxEntry {
  key: string;
  kind: OutboxKind;
  accountId: string;
  runId?: string | null;
  introductionId?: string | null;
}

/** Queues emails as rows in the caller's transaction; a key already present is skipped. */
export async function insertOutbox(tx: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH);
    await tx.query(
      `INSERT INTO email_outbox (id, idempotency_key, kind, account_id, run_id, introduction_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[])
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        batch.map(() => randomUUID()),
        batch.map((e) => e.key),
        batch.map((e) => e.kind),
        batch.map((e) => e.accountId),
        batch.map((e) => e.runId ?? null),
        batch.map((e) => e.introductionId ?? null),
      ],
    );
  }
}
