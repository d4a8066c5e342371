import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: regions, the discipline taxonomy, accounts and professionals,
 * initiatives with initiators, themes and needs, and sign-in tokens.
 * Reference data is loaded by the next migrations.
 */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE province (
        code varchar(4) PRIMARY KEY,
        name text NOT NULL
      );

      CREATE TABLE municipality (
        code varchar(6) PRIMARY KEY,
        name text NOT NULL,
        province_code varchar(4) NOT NULL REFERENCES province(code),
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        -- Lower-case, accent-free official name and the names people use (see regions).
        search_names text NOT NULL
      );
      CREATE INDEX municipality_province_code_idx ON municipality (province_code);

      CREATE TABLE discipline (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug varchar(64) NOT NULL UNIQUE,
        parent_id integer REFERENCES discipline(id),
        name_nl text NOT NULL,
        name_en text NOT NULL,
        position integer NOT NULL
      );
      CREATE INDEX discipline_parent_id_idx ON discipline (parent_id);

      CREATE TYPE sector AS ENUM ('GOVERNMENT', 'SCIENCE', 'BUSINESS', 'SOCIAL_ENTERPRISE', 'INSTITUTION', 'CITIZEN');
      CREATE TYPE expertise_level AS ENUM ('BASIC', 'EXPERIENCED', 'EXPERT');
      CREATE TYPE region_scope AS ENUM ('LOCAL', 'PROVINCE', 'NATIONAL');
      CREATE TYPE digest_frequency AS ENUM ('WEEKLY', 'BIWEEKLY', 'MONTHLY', 'PAUSED');
      CREATE TYPE initiative_status AS ENUM ('IDEA', 'STARTING', 'RUNNING', 'COMPLETED', 'STOPPED');

      CREATE TABLE account (
        id uuid PRIMARY KEY,
        email varchar(254) NOT NULL,
        roles text[] NOT NULL DEFAULT '{PROFESSIONAL}',
        locale varchar(2) NOT NULL DEFAULT 'nl',
        opted_in boolean NOT NULL DEFAULT true,
        digest_frequency digest_frequency NOT NULL DEFAULT 'WEEKLY',
        max_introductions_per_digest integer NOT NULL DEFAULT 3,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz
      );
      CREATE UNIQUE INDEX account_email_lower_key ON account (lower(email));

      CREATE TABLE professional (
        id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        name varchar(120) NOT NULL,
        headline varchar(200),
        bio text,
        organisation varchar(200),
        sector sector NOT NULL,
        municipality_code varchar(6) REFERENCES municipality(code),
        scope region_scope NOT NULL DEFAULT 'LOCAL',
        available_hours_per_month integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('dutch', coalesce(name, '')), 'A') ||
          setweight(to_tsvector('dutch', coalesce(headline, '')), 'B') ||
          setweight(to_tsvector('dutch', coalesce(organisation, '')), 'B') ||
          setweight(to_tsvector('dutch', coalesce(bio, '')), 'C')
        ) STORED
      );
      CREATE INDEX professional_municipality_code_idx ON professional (municipality_code);
      CREATE INDEX professional_sector_idx ON professional (sector);
      CREATE INDEX professional_search_vector_idx ON professional USING gin (search_vector);

      CREATE TABLE professional_offer (
        professional_id uuid NOT NULL REFERENCES professional(id) ON DELETE CASCADE,
        discipline_id integer NOT NULL REFERENCES discipline(id),
        level expertise_level NOT NULL,
        PRIMARY KEY (professional_id, discipline_id)
      );
      CREATE INDEX professional_offer_discipline_idx ON professional_offer (discipline_id, level, professional_id);

      CREATE TABLE professional_seek (
        professional_id uuid NOT NULL REFERENCES professional(id) ON DELETE CASCADE,
        discipline_id integer NOT NULL REFERENCES discipline(id),
        PRIMARY KEY (professional_id, discipline_id)
      );
      CREATE INDEX professional_seek_discipline_idx ON professional_seek (discipline_id, professional_id);

      CREATE TABLE initiative (
        id uuid PRIMARY KEY,
        title varchar(200) NOT NULL,
        summary varchar(1000) NOT NULL,
        description text,
        lessons_learned text,
        status initiative_status NOT NULL DEFAULT 'IDEA',
        municipality_code varchar(6) NOT NULL REFERENCES municipality(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('dutch', coalesce(title, '')), 'A') ||
          setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') ||
          setweight(to_tsvector('dutch', coalesce(description, '')), 'C') ||
          setweight(to_tsvector('dutch', coalesce(lessons_learned, '')), 'C')
        ) STORED
      );
      -- Keyset pagination runs newest first: (created_at, id) descending.
      CREATE INDEX initiative_created_at_id_idx ON initiative (created_at DESC, id DESC);
      CREATE INDEX initiative_municipality_code_idx ON initiative (municipality_code);
      CREATE INDEX initiative_status_idx ON initiative (status);
      CREATE INDEX initiative_search_vector_idx ON initiative USING gin (search_vector);

      CREATE TABLE initiative_initiator (
        initiative_id uuid NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
        professional_id uuid NOT NULL REFERENCES professional(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (initiative_id, professional_id)
      );
      CREATE INDEX initiative_initiator_professional_idx ON initiative_initiator (professional_id);

      CREATE TABLE initiative_theme (
        initiative_id uuid NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
        discipline_id integer NOT NULL REFERENCES discipline(id),
        PRIMARY KEY (initiative_id, discipline_id)
      );
      CREATE INDEX initiative_theme_discipline_idx ON initiative_theme (discipline_id, initiative_id);

      CREATE TABLE expertise_need (
        id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
        discipline_id integer NOT NULL REFERENCES discipline(id),
        level expertise_level NOT NULL,
        hours_per_month integer,
        fulfilled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX expertise_need_initiative_idx ON expertise_need (initiative_id, created_at);
      CREATE INDEX expertise_need_discipline_idx ON expertise_need (discipline_id);
      CREATE INDEX expertise_need_open_idx ON expertise_need (initiative_id) WHERE NOT fulfilled;

      CREATE TABLE sign_in_token (
        token_hash char(64) PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sign_in_token_account_idx ON sign_in_token (account_id);
      CREATE INDEX sign_in_token_expires_at_idx ON sign_in_token (expires_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE sign_in_token, expertise_need, initiative_theme, initiative_initiator, initiative,
        professional_seek, professional_offer, professional, account, discipline, municipality, province;
      DROP TYPE initiative_status, digest_frequency, region_scope, expertise_level, sector;
    `);
  }
}
