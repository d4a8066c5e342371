// Builders for test data written straight to the database, for arranging what a test
// needs without going through the API it is not about.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface InitiativeFixture {
  title?: string;
  summary?: string;
  description?: string | null;
  lessonsLearned?: string | null;
  status?: string;
  municipalityCode?: string;
  themes?: string[];
  needs?: { slug: string; level?: string; fulfilled?: boolean }[];
  initiatorIds?: string[];
  createdAt?: Date;
}

export function makeFixtures(db: pg.Pool) {
  return {
    async professional(p: { name?: string; email?: string; sector?: string; municipalityCode?: string | null } = {}): Promise<string> {
      const id = randomUUID();
      await db.query(`INSERT INTO account (id, email) VALUES ($1, $2)`, [id, p.email ?? `${id}@example.org`]);
      await db.query(`INSERT INTO professional (id, name, sector, municipality_code) VALUES ($1, $2, $3, $4)`, [
        id,
        p.name ?? 'Test Person',
        p.sector ?? 'CITIZEN',
        p.municipalityCode ?? null,
      ]);
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
          `INSERT INTO expertise_need (id, initiative_id, discipline_id, level, fulfilled) SELECT $1, $2, id, $3, $4 FROM discipline WHERE slug = $5`,
          [randomUUID(), id, n.level ?? 'EXPERIENCED', n.fulfilled ?? false, n.slug],
        );
      }
      for (const initiator of i.initiatorIds ?? []) {
        await db.query(`INSERT INTO initiative_initiator (initiative_id, professional_id) VALUES ($1, $2)`, [id, initiator]);
      }
      return id;
    },
  };
}
