// Writes of `introduction` and `digest_state` that other features start: a match run stores its
// introductions, and a sent digest moves them on (the answers are introductions.service.ts's).
import type { EntityManager } from 'typeorm';
import type { SentEffects } from '../mail/outbox/outbox-composer.js';

/** Digests in a row without any answer after which someone is paused and told how to resume. */
export const PAUSE_AFTER_UNANSWERED = 3;

/**
 * Stores a run's introductions as PROPOSED in the caller's transaction, batch by batch as the
 * engine thread encoded them (matching/engine-in-thread.ts StorableResult: each batch a JSON
 * array of { id, kind, a, b, initiative, need, score, reasons }).
 */
export async function insertProposedIntroductions(tx: EntityManager, runId: string, batches: readonly string[], now: Date, expiresAt: Date): Promise<void> {
  for (const batch of batches) {
    // One JSON document per batch: PostgreSQL's JSON parser is fast, where text[] parameters
    // made the driver escape every reason string (a quarter slower in all).
    await tx.query(
      `INSERT INTO introduction (id, run_id, kind, a_id, b_id, initiative_id, need_id, score, reasons, status, created_at, updated_at, expires_at)
       SELECT u.id, $1, u.kind::introduction_kind, u.a, u.b, u.initiative, u.need, u.score, u.reasons, 'PROPOSED', $2, $2, $3
       FROM jsonb_to_recordset($4::jsonb) AS u(id uuid, kind text, a uuid, b uuid, initiative uuid, need uuid, score float8, reasons jsonb)`,
      [runId, now, expiresAt, batch],
    );
  }
}

/**
 * What a sent digest changes, as parts of the outbox's SENT mark (one statement, so they happen
 * exactly once with it): the run's introductions of the recipient PROPOSED → SENT, and the
 * recipient's unanswered-digest counter one up.
 */
export function digestSent(runId: string, accountId: string): SentEffects {
  return ({ when, param }) => {
    const run = param(runId);
    const account = param(accountId);
    return [
      `UPDATE introduction SET status = 'SENT', updated_at = now()
       WHERE ${when} AND run_id = ${run}::uuid AND status = 'PROPOSED' AND (a_id = ${account}::uuid OR b_id = ${account}::uuid)`,
      `INSERT INTO digest_state (account_id, unanswered_in_row, last_digest_at)
       SELECT ${account}::uuid, 1, now() WHERE ${when}
       ON CONFLICT (account_id) DO UPDATE SET unanswered_in_row = digest_state.unanswered_in_row + 1, last_digest_at = now()`,
    ];
  };
}
