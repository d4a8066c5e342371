import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { SentEffects } from './outbox-composer.js';

/** Rows per INSERT … SELECT unnest(…). */
const BATCH = 5_000;

/** What the outbox carries; each kind has one composer in its feature (outbox-composer.ts). */
export const OUTBOX_KINDS = ['digest', 'connected', 'paused'] as const;

export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface OutboxEntry {
  key: string;
  kind: OutboxKind;
  accountId: string;
  runId?: string | null;
  introductionId?: string | null;
}

/** One row of email_outbox, as a composer reads it. */
export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  kind: OutboxKind;
  status: 'PENDING' | 'SENT' | 'FAILED';
  accountId: string;
  runId: string | null;
  introductionId: string | null;
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

export async function loadOutbox(db: DataSource, outboxId: string): Promise<OutboxRow | null> {
  const [row]: OutboxRow[] = await db.query(
    `SELECT id, idempotency_key AS "idempotencyKey", kind, status, account_id AS "accountId", run_id AS "runId", introduction_id AS "introductionId"
     FROM email_outbox WHERE id = $1`,
    [outboxId],
  );
  return row ?? null;
}

/**
 * Marks a row SENT, with what sending it changes (SentEffects), in one statement: PostgreSQL
 * runs every data-modifying part of a WITH exactly once, atomically, and the effects act only
 * when the row was not marked before. `messageId` null: nothing was sent.
 */
export async function markOutboxSent(db: DataSource, outboxId: string, messageId: string | null, effects?: SentEffects): Promise<void> {
  const params: unknown[] = [outboxId, messageId];
  const param = (value: unknown): string => `$${params.push(value)}`;
  const parts = effects?.({ when: 'EXISTS (SELECT 1 FROM marked)', param }) ?? [];
  await db.query(
    `WITH marked AS (
       UPDATE email_outbox SET status = 'SENT', sent_at = now(), message_id = $2::text, last_error = NULL
       WHERE id = $1::uuid AND status <> 'SENT' RETURNING id
     )${parts.map((sql, k) => `, effect_${k} AS (${sql})`).join('')}
     SELECT count(*) FROM marked`,
    params,
  );
}

/** Out of retries: an admin can list and retry it (failedEmails, retryEmail). */
export async function markOutboxFailed(db: DataSource, outboxId: string, error: unknown): Promise<void> {
  await db.query(`UPDATE email_outbox SET status = 'FAILED', last_error = $2 WHERE id = $1 AND status = 'PENDING'`, [
    outboxId,
    error instanceof Error ? error.message.slice(0, 2000) : String(error),
  ]);
}
