import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DigestFrequency, type ExpertiseLevel, LEVEL_RANK, type RegionScope, type Sector } from '../common/enums.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import { RegionsService } from '../regions/regions.service.js';
import type {
  HistoryEntry,
  HistoryStatus,
  MatchDiscipline,
  MatchInitiative,
  MatchInput,
  MatchNeed,
  MatchPerson,
  MatchPlace,
  MatchRules,
} from './engine/types.js';

/**
 * Days between digests per frequency. Someone is due when none of their introductions was
 * created within the period less DUE_SLACK_DAYS, so that a run starting a little earlier than
 * last week's still reaches them.
 */
export const DIGEST_PERIOD_DAYS: Readonly<Record<Exclude<DigestFrequency, DigestFrequency.PAUSED>, number>> = {
  [DigestFrequency.WEEKLY]: 7,
  [DigestFrequency.BIWEEKLY]: 14,
  [DigestFrequency.MONTHLY]: 28,
};
export const DUE_SLACK_DAYS = 1;

/** Initiatives in these states look for people; COMPLETED and STOPPED ones do not. */
const ACTIVE_INITIATIVE = `i.status IN ('IDEA', 'STARTING', 'RUNNING')`;

const dueDays = `CASE a.digest_frequency ${Object.entries(DIGEST_PERIOD_DAYS)
  .map(([frequency, days]) => `WHEN '${frequency}' THEN ${days - DUE_SLACK_DAYS}`)
  .join(' ')} END`;

/**
 * Eligible: opted in, not paused, signed in at least once (so the address is theirs: nobody
 * gets digests because someone else registered their email), and due for a digest.
 * `$1` is the run's moment.
 */
const ELIGIBLE_PEOPLE = `
  SELECT p.id, p.name, p.municipality_code, p.scope, p.sector, p.organisation,
         p.available_hours_per_month, a.max_introductions_per_digest
  FROM professional p JOIN account a ON a.id = p.id
  WHERE a.opted_in AND a.digest_frequency <> 'PAUSED' AND a.last_sign_in_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM introduction i WHERE i.a_id = p.id AND i.created_at > $1::timestamptz - make_interval(days => ${dueDays}))
    AND NOT EXISTS (SELECT 1 FROM introduction i WHERE i.b_id = p.id AND i.created_at > $1::timestamptz - make_interval(days => ${dueDays}))
  ORDER BY p.id`;

interface PersonRow {
  id: string;
  name: string;
  municipality_code: string | null;
  scope: RegionScope;
  sector: Sector;
  organisation: string | null;
  available_hours_per_month: number | null;
  max_introductions_per_digest: number;
}

/**
 * Reads everything the matching engine needs from PostgreSQL, in one REPEATABLE READ
 * transaction so that people, needs and history come from one snapshot.
 */
@Injectable()
export class MatchInputLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
  ) {}

  async load(rules: MatchRules, now: Date): Promise<MatchInput> {
    const { people, initiatives, history } = await this.db.transaction('REPEATABLE READ', async (tx) => ({
      people: await loadPeople(tx, now),
      initiatives: await loadInitiatives(tx),
      history: await loadHistory(tx, now, rules.cooldownDays),
    }));
    return { people, initiatives, history, places: this.places(), disciplines: this.disciplineMap(), rules, now };
  }

  private places(): MatchPlace[] {
    return this.regions.municipalities().map((m) => ({
      code: m.code,
      provinceCode: m.province.code,
      provinceName: m.province.name,
      latitude: m.latitude,
      longitude: m.longitude,
    }));
  }

  private disciplineMap(): Map<number, MatchDiscipline> {
    return new Map(this.disciplines.all().map((d) => [d.id, { parentId: d.parentId, nl: d.nameNl, en: d.nameEn }]));
  }
}

async function loadPeople(tx: EntityManager, now: Date): Promise<MatchPerson[]> {
  const rows: PersonRow[] = await tx.query(ELIGIBLE_PEOPLE, [now]);
  const people = new Map<string, MatchPerson & { offers: MatchPerson['offers'][number][]; seeks: number[] }>();
  for (const r of rows) {
    people.set(r.id, {
      id: r.id,
      name: r.name,
      offers: [],
      seeks: [],
      municipalityCode: r.municipality_code,
      scope: r.scope,
      sector: r.sector,
      organisation: r.organisation,
      availableHoursPerMonth: r.available_hours_per_month,
      maxIntroductionsPerDigest: r.max_introductions_per_digest,
    });
  }
  // Whole tables, filtered here: cheaper than sending every eligible id back to the server.
  const offers: { professional_id: string; discipline_id: number; level: ExpertiseLevel }[] = await tx.query(
    `SELECT professional_id, discipline_id, level FROM professional_offer ORDER BY professional_id, discipline_id`,
  );
  for (const o of offers) people.get(o.professional_id)?.offers.push({ disciplineId: o.discipline_id, levelRank: LEVEL_RANK[o.level] });
  const seeks: { professional_id: string; discipline_id: number }[] = await tx.query(
    `SELECT professional_id, discipline_id FROM professional_seek ORDER BY professional_id, discipline_id`,
  );
  for (const s of seeks) people.get(s.professional_id)?.seeks.push(s.discipline_id);
  return [...people.values()];
}

async function loadInitiatives(tx: EntityManager): Promise<MatchInitiative[]> {
  const rows: { id: string; title: string; municipality_code: string }[] = await tx.query(
    `SELECT i.id, i.title, i.municipality_code FROM initiative i
     WHERE ${ACTIVE_INITIATIVE} AND EXISTS (SELECT 1 FROM expertise_need n WHERE n.initiative_id = i.id AND NOT n.fulfilled)
     ORDER BY i.id`,
  );
  const initiatives = new Map<string, MatchInitiative & { initiatorIds: string[]; needs: MatchNeed[] }>();
  for (const r of rows) initiatives.set(r.id, { id: r.id, title: r.title, municipalityCode: r.municipality_code, initiatorIds: [], needs: [] });
  const needs: { id: string; initiative_id: string; discipline_id: number; level: ExpertiseLevel; hours_per_month: number | null }[] = await tx.query(
    `SELECT n.id, n.initiative_id, n.discipline_id, n.level, n.hours_per_month FROM expertise_need n
     JOIN initiative i ON i.id = n.initiative_id
     WHERE NOT n.fulfilled AND ${ACTIVE_INITIATIVE} ORDER BY n.initiative_id, n.created_at, n.id`,
  );
  for (const n of needs) {
    initiatives.get(n.initiative_id)?.needs.push({ id: n.id, disciplineId: n.discipline_id, minLevelRank: LEVEL_RANK[n.level], hoursPerMonth: n.hours_per_month });
  }
  const initiators: { initiative_id: string; professional_id: string }[] = await tx.query(
    `SELECT ii.initiative_id, ii.professional_id FROM initiative_initiator ii
     JOIN initiative i ON i.id = ii.initiative_id
     WHERE ${ACTIVE_INITIATIVE} ORDER BY ii.initiative_id, ii.added_at, ii.professional_id`,
  );
  for (const i of initiators) initiatives.get(i.initiative_id)?.initiatorIds.push(i.professional_id);
  return [...initiatives.values()];
}

/** Declined pairs of any age, and every introduction within the cool-down. */
async function loadHistory(tx: EntityManager, now: Date, cooldownDays: number): Promise<HistoryEntry[]> {
  const rows: { a_id: string; b_id: string; status: HistoryStatus; created_at: Date }[] = await tx.query(
    `SELECT a_id, b_id, status, created_at FROM introduction WHERE status = 'DECLINED'
     UNION ALL
     SELECT a_id, b_id, status, created_at FROM introduction
     WHERE created_at > $1::timestamptz - make_interval(days => $2) AND status <> 'DECLINED'`,
    [now, cooldownDays],
  );
  return rows.map((r) => ({ a: r.a_id, b: r.b_id, status: r.status, date: r.created_at }));
}
