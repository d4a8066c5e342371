import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A log of which professionals changed, written by triggers in the same transaction as the
 * change. API processes keep an in-memory search index (search/expert-index.ts) and read
 * this log to stay current; it works the same on PostgreSQL and the embedded PGlite.
 * Each row carries its transaction id, so a reader can tell which changes it may not have
 * seen yet (see search/expert-index.sync.ts). Rows older than a day are pruned.
 */
export class ProfessionalChangeLog1764400000002 implements MigrationInterface {
  name = 'ProfessionalChangeLog1764400000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE professional_change (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        professional_id uuid NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX professional_change_txid_idx ON professional_change (txid);
      CREATE INDEX professional_change_changed_at_idx ON professional_change (changed_at);

      -- TG_ARGV[0]: the column holding the professional's id in the changed table.
      CREATE FUNCTION record_professional_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed jsonb;
      BEGIN
        IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
        INSERT INTO professional_change (professional_id) VALUES ((changed ->> TG_ARGV[0])::uuid);
        RETURN NULL;
      END $$;

      CREATE TRIGGER account_changed AFTER INSERT OR UPDATE OR DELETE ON account
        FOR EACH ROW EXECUTE FUNCTION record_professional_change('id');
      CREATE TRIGGER professional_changed AFTER INSERT OR UPDATE OR DELETE ON professional
        FOR EACH ROW EXECUTE FUNCTION record_professional_change('id');
      CREATE TRIGGER professional_offer_changed AFTER INSERT OR UPDATE OR DELETE ON professional_offer
        FOR EACH ROW EXECUTE FUNCTION record_professional_change('professional_id');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER professional_offer_changed ON professional_offer;
      DROP TRIGGER professional_changed ON professional;
      DROP TRIGGER account_changed ON account;
      DROP FUNCTION record_professional_change();
      DROP TABLE professional_change;
    `);
  }
}
