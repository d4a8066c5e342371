import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Forbidden, NotFound } from '../common/domain-error.js';
import { InitiativeStatus } from '../common/enums.js';
import { isUuid } from '../common/ids.js';
import { decodeRealIdCursor, decodeTimeIdCursor, encodeCursor, pageSize } from '../common/pagination.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import { groupBy, linked } from '../graphql/loaders.js';
import { isAdmin, type Viewer } from '../graphql/viewer.js';
import { RegionsService } from '../regions/regions.service.js';
import type { ExpertiseNeedInput, InitiativeFilter, InitiativeInput, InitiativeUpdateInput } from './dto/initiative.inputs.js';
import { ExpertiseNeedEntity, InitiativeEntity, InitiativeInitiatorEntity, InitiativeThemeEntity } from './initiative.entity.js';

/** An initiative as this service returns it to other features (the entity's fields). */
export type InitiativeRecord = InitiativeEntity;
export type ExpertiseNeedRecord = ExpertiseNeedEntity;

export interface InitiativePage {
  rows: { cursor: string; entity: InitiativeEntity }[];
  hasNextPage: boolean;
  totalCount: number;
}

const COLUMNS = `i.id, i.title, i.summary, i.description, i.lessons_learned AS "lessonsLearned", i.status,
  i.municipality_code AS "municipalityCode", i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

@Injectable()
export class InitiativesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
  ) {}

  async get(id: string): Promise<InitiativeEntity | null> {
    return isUuid(id) ? this.db.getRepository(InitiativeEntity).findOneBy({ id }) : null;
  }

  async byIds(ids: readonly string[]): Promise<InitiativeEntity[]> {
    return ids.length ? this.db.getRepository(InitiativeEntity).findBy({ id: In([...ids]) }) : [];
  }

  /** The ids of an initiative's initiators. */
  async initiatorIds(initiativeId: string): Promise<string[]> {
    return (await this.db.getRepository(InitiativeInitiatorEntity).findBy({ initiativeId })).map((i) => i.professionalId);
  }

  /** An initiative's needs not yet fulfilled, oldest first. */
  async openNeeds(initiativeId: string): Promise<ExpertiseNeedEntity[]> {
    return this.db
      .getRepository(ExpertiseNeedEntity)
      .find({ where: { initiativeId, fulfilled: false }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The initiatives each professional initiated, newest first (a DataLoader batch). */
  ofInitiators(professionalIds: readonly string[]): Promise<InitiativeEntity[][]> {
    return linked(this.db, professionalIds, InitiativeEntity,
      `SELECT ii.professional_id AS owner, i.* FROM initiative i JOIN initiative_initiator ii ON ii.initiative_id = i.id
       WHERE ii.professional_id = ANY($1::uuid[]) ORDER BY i.created_at DESC, i.id DESC`);
  }

  /** The theme discipline ids of each initiative, in taxonomy order (a DataLoader batch). */
  async themesOf(initiativeIds: readonly string[]): Promise<number[][]> {
    const rows: { initiative_id: string; discipline_id: number }[] = await this.db.query(
      `SELECT t.initiative_id, t.discipline_id FROM initiative_theme t
       JOIN discipline d ON d.id = t.discipline_id
       WHERE t.initiative_id = ANY($1::uuid[]) ORDER BY d.position`,
      [initiativeIds],
    );
    return groupBy(initiativeIds, rows, (r) => r.initiative_id).map((group) => group.map((r) => r.discipline_id));
  }

  /** The needs of each initiative, oldest first (a DataLoader batch). */
  async needsOf(initiativeIds: readonly string[]): Promise<ExpertiseNeedEntity[][]> {
    const rows = await this.db
      .getRepository(ExpertiseNeedEntity)
      .find({ where: { initiativeId: In([...initiativeIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return groupBy(initiativeIds, rows, (r) => r.initiativeId);
  }

  /**
   * For erasing an account, in the caller's transaction: deletes the initiatives of which the
   * professional is the only initiator. Locks the professional's initiatives first: two
   * co-initiators deleting their accounts at once then take turns, and the second sees that the
   * first is gone and removes the initiative.
   */
  async deleteSolelyInitiatedBy(tx: EntityManager, professionalId: string): Promise<void> {
    await tx.query(
      `SELECT i.id FROM initiative i JOIN initiative_initiator ii ON ii.initiative_id = i.id
       WHERE ii.professional_id = $1 ORDER BY i.id FOR UPDATE OF i`,
      [professionalId],
    );
    await tx.query(
      `DELETE FROM initiative i
       WHERE i.id IN (SELECT initiative_id FROM initiative_initiator WHERE professional_id = $1)
         AND NOT EXISTS (SELECT 1 FROM initiative_initiator o WHERE o.initiative_id = i.id AND o.professional_id <> $1)`,
      [professionalId],
    );
  }

  /**
   * The knowledge bank: newest first, or by relevance when searching text (Dutch
   * stemming). Keyset pagination on (created_at, id) or (rank, id), so pages stay stable
   * when initiatives are added.
   */
  async list(filter: InitiativeFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<InitiativePage> {
    const size = pageSize(first);
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const text = filter?.text?.trim();
    const query = text ? `websearch_to_tsquery('dutch', ${p(text)})` : null;
    if (query) where.push(`i.search_vector @@ ${query}`);
    if (filter?.municipalityCode) {
      this.regions.requireMunicipality(filter.municipalityCode);
      where.push(`i.municipality_code = ${p(filter.municipalityCode)}`);
    }
    if (filter?.provinceCode) {
      this.regions.requireProvince(filter.provinceCode);
      where.push(`i.municipality_code IN (SELECT code FROM municipality WHERE province_code = ${p(filter.provinceCode)})`);
    }
    if (filter?.themes?.length) {
      const ids = this.disciplines.requireIds(filter.themes).flatMap((id) => this.disciplines.withDescendants(id));
      where.push(`EXISTS (SELECT 1 FROM initiative_theme t WHERE t.initiative_id = i.id AND t.discipline_id = ANY(${p(ids)}::int[]))`);
    }
    if (filter?.statuses?.length) where.push(`i.status = ANY(${p(filter.statuses)}::initiative_status[])`);
    if (filter?.needsOpen != null) {
      where.push(`${filter.needsOpen ? '' : 'NOT '}EXISTS (SELECT 1 FROM expertise_need n WHERE n.initiative_id = i.id AND NOT n.fulfilled)`);
    }
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];

    const sortKey = query ? `ts_rank(i.search_vector, ${query})` : 'i.created_at';
    if (after) {
      // The sort key as the page query wrote it: ts_rank's real, or created_at's text form.
      if (query) {
        const { value, id } = decodeRealIdCursor(after);
        where.push(`(${sortKey}, i.id) < (${p(value)}::real, ${p(id)}::uuid)`);
      } else {
        const { at, id } = decodeTimeIdCursor(after);
        where.push(`(${sortKey}, i.id) < (${p(at)}::timestamptz, ${p(id)}::uuid)`);
      }
    }
    const pageSql = `SELECT ${COLUMNS}, (${sortKey})::text AS "sortKey" FROM initiative i
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${sortKey} DESC, i.id DESC LIMIT ${p(size + 1)}`;

    const [rows, [{ count }]] = await Promise.all([
      this.db.query(pageSql, params) as Promise<(InitiativeEntity & { sortKey: string })[]>,
      this.db.query(`SELECT count(*)::int AS count FROM initiative i ${filterSql}`, countParams) as Promise<{ count: number }[]>,
    ]);
    return {
      rows: rows.slice(0, size).map(({ sortKey, ...entity }) => ({ cursor: encodeCursor([sortKey, entity.id]), entity })),
      hasNextPage: rows.length > size,
      totalCount: count,
    };
  }

  async create(viewer: Viewer, input: InitiativeInput): Promise<InitiativeEntity> {
    this.regions.requireMunicipality(input.municipalityCode);
    const themeIds = this.disciplines.requireIds(input.themes ?? []);
    const needIds = this.disciplines.requireIds((input.needs ?? []).map((n) => n.discipline));
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.getRepository(InitiativeEntity).insert({
        id,
        title: input.title.trim(),
        summary: input.summary.trim(),
        description: input.description ?? null,
        lessonsLearned: input.lessonsLearned ?? null,
        status: input.status ?? InitiativeStatus.IDEA,
        municipalityCode: input.municipalityCode,
      });
      await tx.getRepository(InitiativeInitiatorEntity).insert({ initiativeId: id, professionalId: viewer.accountId });
      await this.replaceThemes(tx, id, themeIds);
      for (const [i, need] of (input.needs ?? []).entries()) await this.insertNeed(tx, id, needIds[i], need);
    });
    return (await this.get(id))!;
  }

  async update(viewer: Viewer, id: string, input: InitiativeUpdateInput): Promise<InitiativeEntity> {
    await this.requireEditable(viewer, id);
    if (input.municipalityCode) this.regions.requireMunicipality(input.municipalityCode);
    const themeIds = input.themes ? this.disciplines.requireIds(input.themes) : null;
    const changes: Partial<InitiativeEntity> = {};
    if (input.title != null) changes.title = input.title.trim();
    if (input.summary != null) changes.summary = input.summary.trim();
    if (input.description !== undefined) changes.description = input.description;
    if (input.lessonsLearned !== undefined) changes.lessonsLearned = input.lessonsLearned;
    if (input.status != null) changes.status = input.status;
    if (input.municipalityCode != null) changes.municipalityCode = input.municipalityCode;
    await this.db.transaction(async (tx) => {
      await tx.getRepository(InitiativeEntity).update(id, { ...changes, updatedAt: new Date() });
      if (themeIds) await this.replaceThemes(tx, id, themeIds);
    });
    return (await this.get(id))!;
  }

  async addInitiator(viewer: Viewer, initiativeId: string, professionalId: string): Promise<InitiativeEntity> {
    const initiative = await this.requireEditable(viewer, initiativeId);
    const exists = isUuid(professionalId) && (await this.db.query(`SELECT 1 FROM professional WHERE id = $1`, [professionalId])).length > 0;
    if (!exists) throw new NotFound(`No professional with id ${professionalId}`, { id: professionalId });
    await this.db.query(
      `INSERT INTO initiative_initiator (initiative_id, professional_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [initiativeId, professionalId],
    );
    return initiative;
  }

  async addNeed(viewer: Viewer, initiativeId: string, input: ExpertiseNeedInput): Promise<ExpertiseNeedEntity> {
    await this.requireEditable(viewer, initiativeId);
    const [disciplineId] = this.disciplines.requireIds([input.discipline]);
    return this.insertNeed(this.db.manager, initiativeId, disciplineId, input);
  }

  async setNeedFulfilled(viewer: Viewer, needId: string, fulfilled: boolean): Promise<ExpertiseNeedEntity> {
    const repo = this.db.getRepository(ExpertiseNeedEntity);
    const need = isUuid(needId) ? await repo.findOneBy({ id: needId }) : null;
    if (!need) throw new NotFound(`No expertise need with id ${needId}`, { id: needId });
    await this.requireEditable(viewer, need.initiativeId);
    await repo.update(needId, { fulfilled });
    return { ...need, fulfilled };
  }

  /** Only an initiator of the initiative or an admin may change it. */
  private async requireEditable(viewer: Viewer, initiativeId: string): Promise<InitiativeEntity> {
    const initiative = await this.get(initiativeId);
    if (!initiative) throw new NotFound(`No initiative with id ${initiativeId}`, { id: initiativeId });
    if (isAdmin(viewer)) return initiative;
    const isInitiator = await this.db
      .getRepository(InitiativeInitiatorEntity)
      .existsBy({ initiativeId, professionalId: viewer.accountId });
    if (!isInitiator) throw new Forbidden('Only initiators of this initiative and admins may change it');
    return initiative;
  }

  private async replaceThemes(tx: EntityManager, initiativeId: string, disciplineIds: number[]): Promise<void> {
    await tx.getRepository(InitiativeThemeEntity).delete({ initiativeId });
    const unique = [...new Set(disciplineIds)];
    if (unique.length) await tx.getRepository(InitiativeThemeEntity).insert(unique.map((disciplineId) => ({ initiativeId, disciplineId })));
  }

  private async insertNeed(tx: EntityManager, initiativeId: string, disciplineId: number, input: ExpertiseNeedInput): Promise<ExpertiseNeedEntity> {
    const need = tx.getRepository(ExpertiseNeedEntity).create({
      id: randomUUID(),
      initiativeId,
      disciplineId,
      level: input.level,
      hoursPerMonth: input.hoursPerMonth ?? null,
      fulfilled: false,
    });
    return tx.getRepository(ExpertiseNeedEntity).save(need);
  }
}
