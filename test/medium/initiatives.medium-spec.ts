// InitiativesService over the real PostgreSQL: what create, update, needs and initiators
// store, who may change an initiative, and the knowledge bank's listing (filters, text search,
// keyset cursors).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../src/common/domain-error.js';
import { ExpertiseLevel, InitiativeStatus, Role } from '../../src/common/enums.js';
import { DisciplinesService } from '../../src/disciplines/disciplines.service.js';
import { InitiativesService } from '../../src/initiatives/initiatives.service.js';
import { RegionsService } from '../../src/regions/regions.service.js';
import type { MadeProfessional } from './support/make.js';
import { type Medium, startMedium } from './support/medium.js';

/** Who calls (the type's module moves with the GraphQL glue, so it is named through the service). */
type Viewer = Parameters<InitiativesService['create']>[0];
const viewerOf = (p: MadeProfessional): Viewer => ({ accountId: p.id, roles: [Role.PROFESSIONAL] });

describe('InitiativesService', () => {
  let m: Medium;
  let service: InitiativesService;
  let initiator: MadeProfessional;
  let stranger: MadeProfessional;
  let admin: Viewer;

  beforeAll(async () => {
    m = await startMedium({ providers: [InitiativesService, DisciplinesService, RegionsService] });
    service = m.get(InitiativesService);
    initiator = await m.make.professional({ name: 'Ilse Initiator' });
    stranger = await m.make.professional({ name: 'Sam Stranger' });
    const adminAccount = await m.make.professional({ name: 'Ada Admin', roles: ['PROFESSIONAL', 'ADMIN'] });
    admin = { accountId: adminAccount.id, roles: [Role.PROFESSIONAL, Role.ADMIN] };
  });
  afterAll(() => m?.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> => ((await m.db.query(sql, params)) as { n: number }[])[0].n;
  const themesOf = async (id: string): Promise<string[]> =>
    ((await m.db.query(
      `SELECT d.slug FROM initiative_theme t JOIN discipline d ON d.id = t.discipline_id WHERE t.initiative_id = $1 ORDER BY d.slug`,
      [id],
    )) as { slug: string }[]).map((r) => r.slug);

  describe('create', () => {
    it('stores the initiative, its creator as initiator, its themes once each and its needs', async () => {
      const created = await service.create(viewerOf(initiator), {
        title: '  Buurttuin Oost  ',
        summary: ' Een tuin voor de buurt ',
        municipalityCode: 'GM0344',
        themes: ['groenbeheer', 'participatie', 'groenbeheer'],
        needs: [
          { discipline: 'subsidies', level: ExpertiseLevel.EXPERT, hoursPerMonth: 4 },
          { discipline: 'stadslandbouw', level: ExpertiseLevel.BASIC },
        ],
      });

      expect(created).toMatchObject({ title: 'Buurttuin Oost', summary: 'Een tuin voor de buurt', status: InitiativeStatus.IDEA, municipalityCode: 'GM0344' });
      expect(await m.db.query(`SELECT title, status FROM initiative WHERE id = $1`, [created.id])).toEqual([{ title: 'Buurttuin Oost', status: 'IDEA' }]);
      expect(await m.db.query(`SELECT professional_id FROM initiative_initiator WHERE initiative_id = $1`, [created.id])).toEqual([
        { professional_id: initiator.id },
      ]);
      expect(await themesOf(created.id)).toEqual(['groenbeheer', 'participatie']);
      expect(
        await m.db.query(
          `SELECT d.slug, n.level, n.hours_per_month, n.fulfilled FROM expertise_need n JOIN discipline d ON d.id = n.discipline_id
           WHERE n.initiative_id = $1 ORDER BY d.slug`,
          [created.id],
        ),
      ).toEqual([
        { slug: 'stadslandbouw', level: 'BASIC', hours_per_month: null, fulfilled: false },
        { slug: 'subsidies', level: 'EXPERT', hours_per_month: 4, fulfilled: false },
      ]);
    });

    it('refuses an unknown municipality or discipline and stores nothing', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM initiative`);
      const base = { title: 'Nergens', summary: 'Bestaat niet', municipalityCode: 'GM0344' };
      await expect(service.create(viewerOf(initiator), { ...base, municipalityCode: 'GM9999' })).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        details: { field: 'municipalityCode', value: 'GM9999' },
      });
      await expect(service.create(viewerOf(initiator), { ...base, themes: ['geen-vak'] })).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        details: { field: 'discipline', value: 'geen-vak' },
      });
      await expect(
        service.create(viewerOf(initiator), { ...base, needs: [{ discipline: 'subsidies', level: ExpertiseLevel.BASIC }, { discipline: 'ook-geen', level: ExpertiseLevel.BASIC }] }),
      ).rejects.toMatchObject({ details: { value: 'ook-geen' } });
      expect(await count(`SELECT count(*)::int AS n FROM initiative`)).toBe(before);
      expect(await count(`SELECT count(*)::int AS n FROM expertise_need n JOIN initiative i ON i.id = n.initiative_id WHERE i.title = 'Nergens'`)).toBe(0);
    });
  });

  describe('update', () => {
    it('changes the given fields only, replaces the themes and bumps updated_at', async () => {
      const { id } = await m.make.initiative({
        title: 'Repair café',
        description: 'Elke zaterdag',
        themes: ['circulaire-economie'],
        initiators: [initiator.id],
        createdAt: new Date('2026-01-01T10:00:00Z'),
      });
      const updated = await service.update(viewerOf(initiator), id, { status: InitiativeStatus.STARTING, themes: ['communicatie', 'kennisdeling'] });

      expect(updated).toMatchObject({ id, title: 'Repair café', description: 'Elke zaterdag', status: InitiativeStatus.STARTING });
      expect(await themesOf(id)).toEqual(['communicatie', 'kennisdeling']);
      const [row] = (await m.db.query(`SELECT updated_at > created_at AS bumped FROM initiative WHERE id = $1`, [id])) as { bumped: boolean }[];
      expect(row.bumped).toBe(true);

      await service.update(viewerOf(initiator), id, { description: null });
      expect(await m.db.query(`SELECT description FROM initiative WHERE id = $1`, [id])).toEqual([{ description: null }]);
      // No themes in the input: the themes stay.
      expect(await themesOf(id)).toEqual(['communicatie', 'kennisdeling']);
    });

    it('is for initiators and admins; others get FORBIDDEN, unknown ids NOT_FOUND', async () => {
      const { id } = await m.make.initiative({ title: 'Voedselbank', initiators: [initiator.id] });
      await expect(service.update(viewerOf(stranger), id, { title: 'Gekaapt' })).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
      expect(await m.db.query(`SELECT title FROM initiative WHERE id = $1`, [id])).toEqual([{ title: 'Voedselbank' }]);

      expect(await service.update(admin, id, { title: 'Voedselbank Noord' })).toMatchObject({ title: 'Voedselbank Noord' });
      await expect(service.update(admin, '00000000-0000-4000-8000-000000000000', { title: 'x' })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(service.update(admin, 'not-a-uuid', { title: 'x' })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(service.update(admin, id, { municipalityCode: 'GM0000' })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    });
  });

  describe('needs and initiators', () => {
    it('adds a need, marks it fulfilled and open again', async () => {
      const { id } = await m.make.initiative({ initiators: [initiator.id] });
      const need = await service.addNeed(viewerOf(initiator), id, { discipline: 'crowdfunding', level: ExpertiseLevel.EXPERIENCED, hoursPerMonth: 2 });
      expect(need).toMatchObject({ initiativeId: id, level: 'EXPERIENCED', hoursPerMonth: 2, fulfilled: false });
      expect(need.disciplineId).toBe(await m.make.disciplineId('crowdfunding'));

      expect(await service.setNeedFulfilled(viewerOf(initiator), need.id, true)).toMatchObject({ id: need.id, fulfilled: true });
      expect(await m.db.query(`SELECT fulfilled FROM expertise_need WHERE id = $1`, [need.id])).toEqual([{ fulfilled: true }]);
      await service.setNeedFulfilled(admin, need.id, false);
      expect(await m.db.query(`SELECT fulfilled FROM expertise_need WHERE id = $1`, [need.id])).toEqual([{ fulfilled: false }]);
    });

    it('refuses needs from others, unknown needs and unknown disciplines', async () => {
      const { id, needIds } = await m.make.initiative({ initiators: [initiator.id], needs: [{ discipline: 'omgevingswet' }] });
      await expect(service.addNeed(viewerOf(stranger), id, { discipline: 'crowdfunding', level: ExpertiseLevel.BASIC })).rejects.toMatchObject({
        code: ErrorCode.FORBIDDEN,
      });
      await expect(service.setNeedFulfilled(viewerOf(stranger), needIds[0], true)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
      await expect(service.setNeedFulfilled(viewerOf(initiator), '00000000-0000-4000-8000-000000000000', true)).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      await expect(service.addNeed(viewerOf(initiator), id, { discipline: 'geen-vak', level: ExpertiseLevel.BASIC })).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
      });
      expect(await m.db.query(`SELECT fulfilled FROM expertise_need WHERE initiative_id = $1`, [id])).toEqual([{ fulfilled: false }]);
    });

    it('adds an initiator once, who may then change the initiative', async () => {
      const { id } = await m.make.initiative({ initiators: [initiator.id] });
      const partner = await m.make.professional({ name: 'Pim Partner' });
      await service.addInitiator(viewerOf(initiator), id, partner.id);
      await service.addInitiator(viewerOf(initiator), id, partner.id);
      expect(await count(`SELECT count(*)::int AS n FROM initiative_initiator WHERE initiative_id = $1`, [id])).toBe(2);

      expect(await service.update(viewerOf(partner), id, { title: 'Samen' })).toMatchObject({ title: 'Samen' });
      await expect(service.addInitiator(viewerOf(initiator), id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      await expect(service.addInitiator(viewerOf(stranger), id, stranger.id)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
      expect(await count(`SELECT count(*)::int AS n FROM initiative_initiator WHERE initiative_id = $1`, [id])).toBe(2);
    });
  });

  describe('list', () => {
    const ids: Record<string, string> = {};

    beforeEach(async () => {
      await m.db.query(`DELETE FROM initiative`);
      const at = (day: number): Date => new Date(Date.UTC(2026, 5, day, 12));
      ids.tuin = (await m.make.initiative({ title: 'Moestuin in de wijk', summary: 'Een tuin om samen te oogsten', themes: ['stadslandbouw'], needs: [{ discipline: 'groenbeheer' }], createdAt: at(1) })).id;
      ids.energie = (
        await m.make.initiative({
          title: 'Energiecoöperatie Zeist',
          summary: 'Zonnepanelen op het dak van de school',
          municipality: 'Zeist',
          themes: ['lokale-energie'],
          needs: [{ discipline: 'subsidies', fulfilled: true }],
          createdAt: at(2),
        })
      ).id;
      ids.zorg = (
        await m.make.initiative({ title: 'Zorgcoöperatie Amsterdam', municipality: 'Amsterdam', status: 'COMPLETED', themes: ['zorgcooperaties'], createdAt: at(3) })
      ).id;
      ids.groen = (
        await m.make.initiative({ title: 'Groene schoolpleinen', summary: 'Tuinen op schoolpleinen, een tuin voor elke school', themes: ['biodiversiteit'], createdAt: at(4) })
      ).id;
    });

    const titles = async (...args: Parameters<InitiativesService['list']>): Promise<string[]> =>
      (await service.list(...args)).rows.map((r) => r.entity.title);

    it('pages newest first with cursors that stay stable when initiatives are added', async () => {
      const first = await service.list(null, 2, null);
      expect(first.rows.map((r) => r.entity.id)).toEqual([ids.groen, ids.zorg]);
      expect(first).toMatchObject({ hasNextPage: true, totalCount: 4 });

      // Newer than every page: it must not shift the next page.
      await m.make.initiative({ title: 'Nieuwste' });
      const second = await service.list(null, 2, first.rows[1].cursor);
      expect(second.rows.map((r) => r.entity.id)).toEqual([ids.energie, ids.tuin]);
      expect(second).toMatchObject({ hasNextPage: false, totalCount: 5 });
      expect(await service.list(null, 2, second.rows[1].cursor)).toMatchObject({ rows: [], hasNextPage: false });
    });

    it('filters by municipality, province, theme (a group includes its children), status and open needs', async () => {
      expect(await titles({ municipalityCode: 'GM0355' }, 10, null)).toEqual(['Energiecoöperatie Zeist']);
      // Utrecht and Zeist are both in the province of Utrecht (PV26).
      expect(await titles({ provinceCode: 'PV26' }, 10, null)).toEqual(['Groene schoolpleinen', 'Energiecoöperatie Zeist', 'Moestuin in de wijk']);
      expect(await titles({ themes: ['openbare-ruimte-en-groen'] }, 10, null)).toEqual(['Groene schoolpleinen', 'Moestuin in de wijk']);
      expect(await titles({ themes: ['stadslandbouw', 'zorgcooperaties'] }, 10, null)).toEqual(['Zorgcoöperatie Amsterdam', 'Moestuin in de wijk']);
      expect(await titles({ statuses: [InitiativeStatus.COMPLETED] }, 10, null)).toEqual(['Zorgcoöperatie Amsterdam']);
      expect(await titles({ needsOpen: true }, 10, null)).toEqual(['Moestuin in de wijk']);
      expect(await titles({ needsOpen: false }, 10, null)).toEqual(['Groene schoolpleinen', 'Zorgcoöperatie Amsterdam', 'Energiecoöperatie Zeist']);
      const both = await service.list({ provinceCode: 'PV26', needsOpen: false }, 1, null);
      expect(both).toMatchObject({ totalCount: 2, hasNextPage: true });
      expect(both.rows.map((r) => r.entity.title)).toEqual(['Groene schoolpleinen']);
    });

    it('searches text (Dutch stemming) by relevance, with cursors over the rank', async () => {
      // "tuinen" stems to "tuin": twice in one summary ranks above once in another.
      const first = await service.list({ text: 'tuinen' }, 1, null);
      expect(first.rows.map((r) => r.entity.id)).toEqual([ids.groen]);
      expect(first).toMatchObject({ totalCount: 2, hasNextPage: true });
      const next = await service.list({ text: 'tuinen' }, 1, first.rows[0].cursor);
      expect(next.rows.map((r) => r.entity.id)).toEqual([ids.tuin]);
      expect(next).toMatchObject({ totalCount: 2, hasNextPage: false });

      expect(await titles({ text: 'zonnepanelen dak' }, 10, null)).toEqual(['Energiecoöperatie Zeist']);
      expect(await titles({ text: 'tuin', municipalityCode: 'GM0355' }, 10, null)).toEqual([]);
    });

    it('refuses a bad cursor, page size, province or theme as BAD_USER_INPUT', async () => {
      await expect(service.list(null, 2, 'bm9uc2Vuc2U')).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'after' } });
      // A text search's cursor holds a rank, not a time: not valid for the newest-first list.
      const ranked = await service.list({ text: 'tuin' }, 1, null);
      await expect(service.list(null, 2, ranked.rows[0].cursor)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      await expect(service.list(null, 101, null)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'first' } });
      await expect(service.list({ provinceCode: 'PV99' }, 2, null)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      await expect(service.list({ themes: ['geen-vak'] }, 2, null)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    });
  });
});
