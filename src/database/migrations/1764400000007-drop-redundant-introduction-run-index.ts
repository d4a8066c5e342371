import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * introduction (run_id) duplicates the leading column of the UNIQUE (run_id, a_id, b_id) index,
 * which serves every lookup by run as well. One index fewer to update for each of the hundred
 * thousand rows a run stores (bench:worker).
 */
export class DropRedundantIntroductionRunIndex1764400000007 implements MigrationInterface {
  name = 'DropRedundantIntroductionRunIndex1764400000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX introduction_run_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX introduction_run_idx ON introduction (run_id)`);
  }
}
