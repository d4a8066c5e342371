import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching: versioned rule sets (immutable rows, the highest version is active; version 1 holds
 * the defaults), match runs, and the introductions they propose.
 *
 * Rule values are checked here as well as in the API (matching/rules/match-rules.validation.ts),
 * so that no path, not even a hand-written UPDATE, stores rules the engine would reject.
 * A rule set cannot be changed or deleted; only its author may be cleared when that account is
 * deleted (ON DELETE SET NULL), which the immutability trigger lets through.
 *
 * At most one run is live (QUEUED or RUNNING) at a time: a partial unique index on a constant.
 */
export class Matching1764400000003 implements MigrationInterface {
  name = 'Matching1764400000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TYPE introduction_kind AS ENUM ('PEER', 'INITIATIVE');
      CREATE TYPE introduction_status AS ENUM ('PROPOSED', 'SENT', 'ACCEPTED', 'CONNECTED', 'DECLINED', 'EXPIRED');
      CREATE TYPE match_run_status AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

      CREATE TABLE match_rule_set (
        version integer PRIMARY KEY CHECK (version > 0),
        weight_complementarity double precision NOT NULL CHECK (weight_complementarity BETWEEN 0 AND 10),
        weight_mutuality double precision NOT NULL CHECK (weight_mutuality BETWEEN 0 AND 10),
        weight_proximity double precision NOT NULL CHECK (weight_proximity BETWEEN 0 AND 10),
        weight_cross_sector double precision NOT NULL CHECK (weight_cross_sector BETWEEN 0 AND 10),
        weight_initiative_need double precision NOT NULL CHECK (weight_initiative_need BETWEEN 0 AND 10),
        weight_availability double precision NOT NULL CHECK (weight_availability BETWEEN 0 AND 10),
        min_score double precision NOT NULL CHECK (min_score BETWEEN 0 AND 1),
        max_distance_km double precision NOT NULL CHECK (max_distance_km > 0 AND max_distance_km <= 400),
        max_introductions_per_person_per_run integer NOT NULL CHECK (max_introductions_per_person_per_run BETWEEN 1 AND 20),
        cooldown_days integer NOT NULL CHECK (cooldown_days BETWEEN 0 AND 3650),
        exclude_same_organisation boolean NOT NULL,
        schedule varchar(100) NOT NULL,
        timezone varchar(64) NOT NULL,
        note varchar(500),
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX match_rule_set_created_by_idx ON match_rule_set (created_by);

      CREATE FUNCTION match_rule_set_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.created_by IS NULL
           AND to_jsonb(NEW) - 'created_by' = to_jsonb(OLD) - 'created_by' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'match rule set % is immutable; store a new version instead', OLD.version;
      END $$;
      CREATE TRIGGER match_rule_set_immutable BEFORE UPDATE OR DELETE ON match_rule_set
        FOR EACH ROW EXECUTE FUNCTION match_rule_set_immutable();

      INSERT INTO match_rule_set (
        version, weight_complementarity, weight_mutuality, weight_proximity, weight_cross_sector,
        weight_initiative_need, weight_availability, min_score, max_distance_km,
        max_introductions_per_person_per_run, cooldown_days, exclude_same_organisation, schedule, timezone, note
      ) VALUES (1, 3, 2, 1.5, 1, 2, 0.5, 0.3, 50, 3, 90, true, '0 8 * * 1', 'Europe/Amsterdam', 'Default rules');

      CREATE TABLE match_run (
        id uuid PRIMARY KEY,
        status match_run_status NOT NULL DEFAULT 'QUEUED',
        dry_run boolean NOT NULL,
        rule_set_version integer NOT NULL REFERENCES match_rule_set(version),
        -- Null for a scheduled run.
        requested_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        stats jsonb,
        error text
      );
      CREATE INDEX match_run_created_at_id_idx ON match_run (created_at DESC, id DESC);
      CREATE INDEX match_run_requested_by_idx ON match_run (requested_by);
      CREATE UNIQUE INDEX match_run_one_live_idx ON match_run ((true)) WHERE status IN ('QUEUED', 'RUNNING');

      CREATE TABLE introduction (
        id uuid PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES match_run(id) ON DELETE CASCADE,
        kind introduction_kind NOT NULL,
        -- PEER: the two people in id order. INITIATIVE: a the professional, b the initiator.
        a_id uuid NOT NULL REFERENCES professional(id) ON DELETE CASCADE,
        b_id uuid NOT NULL REFERENCES professional(id) ON DELETE CASCADE,
        initiative_id uuid REFERENCES initiative(id) ON DELETE SET NULL,
        need_id uuid REFERENCES expertise_need(id) ON DELETE SET NULL,
        score double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
        -- The engine's reasons: [{code, weight, audience, nl, en}].
        reasons jsonb NOT NULL,
        status introduction_status NOT NULL DEFAULT 'PROPOSED',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (a_id <> b_id),
        UNIQUE (run_id, a_id, b_id)
      );
      -- Who is due for a digest, the history of a pair, and someone's own introductions.
      CREATE INDEX introduction_a_created_at_idx ON introduction (a_id, created_at DESC);
      CREATE INDEX introduction_b_created_at_idx ON introduction (b_id, created_at DESC);
      CREATE INDEX introduction_created_at_idx ON introduction (created_at);
      CREATE INDEX introduction_declined_idx ON introduction (a_id, b_id) WHERE status = 'DECLINED';
      CREATE INDEX introduction_initiative_idx ON introduction (initiative_id);
      CREATE INDEX introduction_need_idx ON introduction (need_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE introduction, match_run;
      DROP TRIGGER match_rule_set_immutable ON match_rule_set;
      DROP FUNCTION match_rule_set_immutable();
      DROP TABLE match_rule_set;
      DROP TYPE match_run_status, introduction_status, introduction_kind;
    `);
  }
}
