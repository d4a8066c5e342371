// Builders for test data written straight to the database, for arranging what a test
// needs without going through the API it is not about.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface ProfessionalFixture {
  id?: string;
  name?: string;
  email?: string;
  sector?: string;
  municipalityCode?: string | null;
  scope?: 'LOCAL' | 'PROVINCE' | 'NATIONAL';
  headline?: string;
  bio?: string;
  organisation?: string;
  hours?: number | null;
  optedIn?: boolean;
  /** Whether the person ever signed in (confirmed their address); default true. */
  signedIn?: boolean;
  frequency?: 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY' | 'PAUSED';
  locale?: 'nl' | 'en';
  /** slug → level */
  offers?: Record<string, 'BASIC' | 'EXPERIENCED' | 'EXPERT'>;
  seeks?: string[];
}

export interface InitiativeFixture {
  title?: string;
  summary?: string;
  description?: string | null;
  lessonsLearned?: string | null;
  status?: string;
  municipalityCode?: string;
  themes?: string[];
  needs?: { slug: string; level?: string; fulfilled?: boolean; hours?: number | null }[];
  initiatorIds?: string[];
  createdAt?: Date;
}

export function makeFixtures(db: pg.Pool) {
  return {
    async professional(p: ProfessionalFixture = {}): Promise<string> {
      const id = p.id ?? randomUUID();
      await db.query(
        `INSERT INTO account (id, email, opted_in, last_sign_in_at, digest_frequency, locale) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, $5, $6)`,
        [id, p.email ?? `${id}@example.org`, p.optedIn ?? true, p.signedIn ?? true, p.frequency ?? 'WEEKLY', p.locale ?? 'nl'],
      );
      await db.query(
        `INSERT INTO professional (id, name, sector, municipality_code, scope, headline, bio, organisation, available_hours_per_month)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, p.name ?? 'Test Person', p.sector ?? 'CITIZEN', p.municipalityCode ?? null, p.scope ?? 'LOCAL', p.headline ?? null, p.bio ?? null,
          p.organisation ?? null, p.hours ?? null],
      );
      for (const [slug, level] of Object.entries(p.offers ?? {})) {
        await db.query(`INSERT INTO professional_offer (professional_id, discipline_id, level) SELECT $1, id, $2 FROM discipline WHERE slug = $3`, [id, level, slug]);
      }
      for (const slug of p.seeks ?? []) {
        await db.query(`INSERT INTO professional_seek (professional_id, discipline_id) SELECT $1, id FROM discipline WHERE slug = $2`, [id, slug]);
      }
      return id;
    },

    async initiative(i: InitiativeFixture = {}): Promise<string> {
      const id = randomUUID();
      await db.query(
        `INSERT INTO initiative (id, title, summary, description, lessons_learned, status, municipality_code, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, i.title ?? 'Buurttuin', i.summary ?? 'Een tuin voor de buurt', i.description ?? null, i.lessonsLearned ?? null,
          i.status ?? 'RUNNING', i.municipalityCode ?? 'GM0363', i.createdAt ?? new Date()],
      );
      for (const slug of i.themes ?? []) {
        await db.query(`INSERT INTO initiative_theme (initiative_id, discipline_id) SELECT $1, id FROM discipline WHERE slug = $2`, [id, slug]);
      }
      for (const n of i.needs ?? []) {
        await db.query(
          `INSERT INTO expertise_need (id, initiative_id, discipline_id, level, fulfilled, hours_per_month) SELECT $1, $2, id, $3, $4, $6 FROM discipline WHERE slug = $5`,
          [randomUUID(), id, n.level ?? 'EXPERIENCED', n.fulfilled ?? false, n.slug, n.hours ?? null],
        );
      }
      for (const initiator of i.initiatorIds ?? []) {
        await db.query(`INSERT INTO initiative_initiator (initiative_id, professional_id) VALUES ($1, $2)`, [id, initiator]);
      }
      return id;
    },
  };
}
