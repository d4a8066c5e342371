// Request-scoped DataLoaders for every relation a list can fan out to: a page of
// initiatives with initiators, themes and needs costs one query per relation, not per row.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import type { ExpertiseLevel } from '../common/enums.js';
import { ExpertiseNeedEntity, InitiativeEntity } from '../initiatives/initiative.entity.js';
import { ProfessionalEntity } from '../professionals/professional.entity.js';

export interface OfferRow {
  disciplineId: number;
  level: ExpertiseLevel;
}

export interface Loaders {
  professional: DataLoader<string, ProfessionalEntity | null>;
  offers: DataLoader<string, OfferRow[]>;
  seeks: DataLoader<string, number[]>;
  initiativesOfProfessional: DataLoader<string, InitiativeEntity[]>;
  initiators: DataLoader<string, ProfessionalEntity[]>;
  themes: DataLoader<string, number[]>;
  needs: DataLoader<string, ExpertiseNeedEntity[]>;
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * Entities reached through a link table, grouped by the id they were asked for. The SQL
 * selects the asking id as `owner` and then the entity's columns; one entity may belong to
 * several owners (a person who initiated two initiatives of the page).
 */
async function linked<T extends object>(
  db: DataSource,
  ids: readonly string[],
  entity: new () => T,
  sql: string,
): Promise<T[][]> {
  const rows: ({ owner: string } & Record<string, unknown>)[] = await db.query(sql, [ids]);
  const metadata = db.getMetadata(entity);
  const pairs = rows.map(({ owner, ...columns }) => {
    const instance = db.manager.create(entity);
    for (const column of metadata.columns) {
      (instance as Record<string, unknown>)[column.propertyName] = db.driver.prepareHydratedValue(columns[column.databaseName], column);
    }
    return { owner, instance };
  });
  return groupBy(ids, pairs, (p) => p.owner).map((group) => group.map((p) => p.instance));
}

function byId<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => found.get(k) ?? null);
}

@Injectable()
export class LoadersFactory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  create(): Loaders {
    const db = this.db;
    return {
      professional: new DataLoader(async (ids) =>
        byId(ids, await db.getRepository(ProfessionalEntity).findBy({ id: In([...ids]) })),
      ),
      offers: new DataLoader(async (ids) => {
        const rows: { professional_id: string; discipline_id: number; level: ExpertiseLevel }[] = await db.query(
          `SELECT o.professional_id, o.discipline_id, o.level FROM professional_offer o
           JOIN discipline d ON d.id = o.discipline_id
           WHERE o.professional_id = ANY($1::uuid[]) ORDER BY d.position`,
          [ids],
        );
        return groupBy(ids, rows, (r) => r.professional_id).map((group) =>
          group.map((r) => ({ disciplineId: r.discipline_id, level: r.level })),
        );
      }),
      seeks: new DataLoader(async (ids) => {
        const rows: { professional_id: string; discipline_id: number }[] = await db.query(
          `SELECT s.professional_id, s.discipline_id FROM professional_seek s
           JOIN discipline d ON d.id = s.discipline_id
           WHERE s.professional_id = ANY($1::uuid[]) ORDER BY d.position`,
          [ids],
        );
        return groupBy(ids, rows, (r) => r.professional_id).map((group) => group.map((r) => r.discipline_id));
      }),
      initiativesOfProfessional: new DataLoader((ids) =>
        linked(db, ids, InitiativeEntity,
          `SELECT ii.professional_id AS owner, i.* FROM initiative i JOIN initiative_initiator ii ON ii.initiative_id = i.id
           WHERE ii.professional_id = ANY($1::uuid[]) ORDER BY i.created_at DESC, i.id DESC`),
      ),
      initiators: new DataLoader((ids) =>
        linked(db, ids, ProfessionalEntity,
          `SELECT ii.initiative_id AS owner, p.* FROM professional p JOIN initiative_initiator ii ON ii.professional_id = p.id
           WHERE ii.initiative_id = ANY($1::uuid[]) ORDER BY ii.added_at, p.id`),
      ),
      themes: new DataLoader(async (ids) => {
        const rows: { initiative_id: string; discipline_id: number }[] = await db.query(
          `SELECT t.initiative_id, t.discipline_id FROM initiative_theme t
           JOIN discipline d ON d.id = t.discipline_id
           WHERE t.initiative_id = ANY($1::uuid[]) ORDER BY d.position`,
          [ids],
        );
        return groupBy(ids, rows, (r) => r.initiative_id).map((group) => group.map((r) => r.discipline_id));
      }),
      needs: new DataLoader(async (ids) => {
        const rows = await db
          .getRepository(ExpertiseNeedEntity)
          .find({ where: { initiativeId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
        return groupBy(ids, rows, (r) => r.initiativeId);
      }),
    };
  }
}
