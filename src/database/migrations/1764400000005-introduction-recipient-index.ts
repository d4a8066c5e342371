import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sending a digest reads and updates one person's introductions of one run. For side a the
 * unique (run_id, a_id, b_id) index finds them; for side b PostgreSQL used the same index and
 * read every entry of the run (7–11 ms per digest at 100,000 people; bench:worker). This index
 * finds side b directly.
 */
export class IntroductionRecipientIndex1764400000005 implements MigrationInterface {
  name = 'IntroductionRecipientIndex1764400000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX introduction_b_id_run_id_idx ON introduction (b_id, run_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX introduction_b_id_run_id_idx`);
  }
}
