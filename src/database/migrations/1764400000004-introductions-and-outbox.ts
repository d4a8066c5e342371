import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's state: answers and ratings on introductions, the email outbox, and per-person
 * digest counters.
 *
 * email_outbox: one row per email to send, written in the same transaction as what caused it
 * (a run's proposals, a connection). Its idempotency_key (e.g. digest:<run>:<account>) is
 * unique, so a retried transaction can never queue the same email twice; the sender marks the
 * row SENT after the SMTP server accepted it (mail/outbox/outbox.sender.ts explains the remaining window).
 */
export class IntroductionsAndOutbox1764400000004 implements MigrationInterface {
  name = 'IntroductionsAndOutbox1764400000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE introduction
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN a_answer boolean,
        ADD COLUMN b_answer boolean,
        ADD COLUMN a_answered_at timestamptz,
        ADD COLUMN b_answered_at timestamptz,
        ADD COLUMN connected_at timestamptz,
        ADD COLUMN a_useful boolean,
        ADD COLUMN b_useful boolean,
        ADD COLUMN a_comment varchar(1000),
        ADD COLUMN b_comment varchar(1000);
      CREATE INDEX introduction_run_idx ON introduction (run_id);
      CREATE INDEX introduction_open_expires_at_idx ON introduction (expires_at) WHERE status IN ('PROPOSED', 'SENT', 'ACCEPTED');

      CREATE TYPE outbox_status AS ENUM ('PENDING', 'SENT', 'FAILED');
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY,
        idempotency_key varchar(200) NOT NULL UNIQUE,
        -- digest, connected, paused
        kind varchar(32) NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        run_id uuid REFERENCES match_run(id) ON DELETE CASCADE,
        introduction_id uuid REFERENCES introduction(id) ON DELETE CASCADE,
        status outbox_status NOT NULL DEFAULT 'PENDING',
        -- Times an admin sent a FAILED message back to the queue; part of its job id.
        requeues integer NOT NULL DEFAULT 0,
        last_error text,
        message_id varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at) WHERE status = 'PENDING';
      CREATE INDEX email_outbox_failed_idx ON email_outbox (created_at DESC, id DESC) WHERE status = 'FAILED';
      CREATE INDEX email_outbox_account_idx ON email_outbox (account_id);
      CREATE INDEX email_outbox_run_idx ON email_outbox (run_id);
      CREATE INDEX email_outbox_introduction_idx ON email_outbox (introduction_id);

      -- Digests sent in a row without the person answering any suggestion (reset by an answer).
      CREATE TABLE digest_state (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        unanswered_in_row integer NOT NULL DEFAULT 0,
        last_digest_at timestamptz
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE digest_state, email_outbox;
      DROP TYPE outbox_status;
      DROP INDEX introduction_open_expires_at_idx, introduction_run_idx;
      ALTER TABLE introduction DROP COLUMN expires_at, DROP COLUMN a_answer, DROP COLUMN b_answer, DROP COLUMN a_answered_at,
        DROP COLUMN b_answered_at, DROP COLUMN connected_at, DROP COLUMN a_useful, DROP COLUMN b_useful, DROP COLUMN a_comment, DROP COLUMN b_comment;
    `);
  }
}
