import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run of a large network fans out over the workers in shards (match-run-fan-out.ts):
 * `match_run.shards` records the split (NULL: computed in one job), and match_run_blob holds the
 * run's intermediate data while it is live: the input every shard computes from ('input') and
 * each shard's candidate edges ('shard-<k>'), compressed, in parts of at most 16 MiB. A blob is
 * written in one transaction, so it is there whole or not at all. The rows are deleted when
 * the run completes or fails.
 */
export class MatchRunShards1764400000006 implements MigrationInterface {
  name = 'MatchRunShards1764400000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE match_run ADD COLUMN shards integer CHECK (shards BETWEEN 2 AND 1000);
      CREATE TABLE match_run_blob (
        run_id uuid NOT NULL REFERENCES match_run(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name ~ '^(input|shard-[0-9]+)$'),
        part integer NOT NULL CHECK (part >= 0),
        bytes bytea NOT NULL,
        PRIMARY KEY (run_id, name, part)
      );
      -- Compressed already: storing them again with pglz would only cost CPU.
      ALTER TABLE match_run_blob ALTER COLUMN bytes SET STORAGE EXTERNAL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE match_run_blob; ALTER TABLE match_run DROP COLUMN shards;`);
  }
}
