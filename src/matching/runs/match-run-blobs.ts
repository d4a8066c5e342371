// The intermediate data of a fanned-out run in PostgreSQL (table match_run_blob, migration
// 1764400000006): named byte strings per run, in parts so that no single value nears
// PostgreSQL's 1 GiB limit or a huge hex string in the driver.
import type { DataSource, EntityManager } from 'typeorm';

/** Bytes per row. */
const PART = 16 * 1024 * 1024;

type Db = DataSource | EntityManager;

/** The input every shard of the run computes from. */
export const INPUT_BLOB = 'input';

/** The candidate edges shard `k` computed. */
export const shardBlob = (k: number): string => `shard-${k}`;

/**
 * Writes `bytes` under `name`; call it inside a transaction so the blob is there whole or not at
 * all. Writing a name that exists keeps what is there: every writer of a name writes the same
 * bytes (a shard's output depends only on the run's input).
 */
export async function writeBlob(tx: EntityManager, runId: string, name: string, bytes: Uint8Array): Promise<void> {
  let part = 0;
  for (let at = 0; at === 0 || at < bytes.byteLength; at += PART) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(PART, bytes.byteLength - at));
    await tx.query(`INSERT INTO match_run_blob (run_id, name, part, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [runId, name, part++, chunk]);
  }
}

export async function readBlob(db: Db, runId: string, name: string): Promise<Buffer | null> {
  const rows: { bytes: Buffer }[] = await db.query(`SELECT bytes FROM match_run_blob WHERE run_id = $1 AND name = $2 ORDER BY part`, [runId, name]);
  return rows.length === 0 ? null : Buffer.concat(rows.map((r) => r.bytes));
}

export async function hasBlob(db: Db, runId: string, name: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM match_run_blob WHERE run_id = $1 AND name = $2 AND part = 0`, [runId, name]);
  return rows.length > 0;
}

export async function deleteBlobs(db: Db, runId: string): Promise<void> {
  await db.query(`DELETE FROM match_run_blob WHERE run_id = $1`, [runId]);
}
