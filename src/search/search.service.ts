import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { InvalidInput } from '../common/domain-error.js';
import type { RegionScope, Sector } from '../common/enums.js';
import { isUuid } from '../common/ids.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/pagination.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import type { DisciplineEntity } from '../disciplines/discipline.entity.js';
import type { ProfessionalEntity } from '../professionals/professional.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import type { ExpertSearchInput } from './dto/search.types.js';
import { DISTANCE_HALF_SCORE_KM, HOURS_FOR_FULL_AVAILABILITY, LEVEL_WEIGHT, UNKNOWN_AVAILABILITY, UNKNOWN_PROXIMITY, WEIGHTS } from './expert-score.js';

export interface ExpertHit {
  cursor: string;
  professional: ProfessionalEntity;
  score: number;
  matchedDisciplines: DisciplineEntity[];
  distanceKm: number | null;
}

export interface ExpertPage {
  hits: ExpertHit[];
  hasNextPage: boolean;
  totalCount: number;
}

interface Row {
  id: string;
  name: string;
  headline: string | null;
  bio: string | null;
  organisation: string | null;
  sector: Sector;
  municipality_code: string | null;
  scope: RegionScope;
  available_hours_per_month: number | null;
  created_at: Date;
  updated_at: Date;
  matched: number[];
  distance_km: number | null;
  score: string;
  total: number;
}

/** Great-circle distance in km between a municipality row `m` and the point ($lat, $lon). */
const haversine = (lat: string, lon: string): string =>
  `(2 * 6371 * asin(sqrt(power(sin(radians(m.latitude - ${lat}) / 2), 2) +
     cos(radians(${lat})) * cos(radians(m.latitude)) * power(sin(radians(m.longitude - ${lon}) / 2), 2))))`;

@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
  ) {}

  /**
   * Professionals who offer any of the requested disciplines (a parent also finds its
   * descendants), filtered and ranked by the score of expert-score.ts, best first and then
   * by id, so cursor pages never repeat or skip anyone. Never the caller, never someone
   * who opted out.
   */
  async searchExperts(viewer: Viewer, input: ExpertSearchInput, first: number | null | undefined, after: string | null | undefined): Promise<ExpertPage> {
    const size = pageSize(first);
    const requested = [...new Set(input.disciplines)];
    const requestedIds = this.disciplines.requireIds(requested);
    const reference = input.municipalityCode ? this.regions.requireMunicipality(input.municipalityCode) : null;
    if (input.provinceCode) this.regions.requireProvince(input.provinceCode);
    if (input.withinKm != null && !reference) {
      throw new InvalidInput('withinKm needs a municipalityCode to measure from', { field: 'withinKm' });
    }

    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const pairs = requestedIds.flatMap((id, idx) => this.disciplines.withDescendants(id).map((d) => [idx, d] as const));
    const req = `unnest(${p(pairs.map(([idx]) => idx))}::int[], ${p(pairs.map(([, d]) => d))}::int[]) AS r(idx, discipline_id)`;
    const levelFilter = input.minLevel ? `AND o.level >= ${p(input.minLevel)}::expertise_level` : '';
    const k = p(requestedIds.length);

    const where = ['a.opted_in', `p.id <> ${p(viewer.accountId)}::uuid`];
    if (input.sectors?.length) where.push(`p.sector = ANY(${p(input.sectors)}::sector[])`);
    if (input.provinceCode) where.push(`m.province_code = ${p(input.provinceCode)}`);
    const distance = reference ? haversine(p(reference.latitude), p(reference.longitude)) : 'NULL::float8';
    if (reference && input.withinKm != null) where.push(`(d.distance_km <= ${p(input.withinKm)} OR p.scope = 'NATIONAL')`);
    const text = input.text?.trim() ? `websearch_to_tsquery('dutch', ${p(input.text.trim())})` : null;
    if (text) where.push(`p.search_vector @@ ${text}`);

    const terms = [
      `${WEIGHTS.coverage} * pp.coverage`,
      `${WEIGHTS.availability} * coalesce(least(p.available_hours_per_month, ${HOURS_FOR_FULL_AVAILABILITY})::float8 / ${HOURS_FOR_FULL_AVAILABILITY}, ${UNKNOWN_AVAILABILITY})`,
    ];
    let total: number = WEIGHTS.coverage + WEIGHTS.availability;
    if (reference) {
      terms.push(`${WEIGHTS.proximity} * coalesce(1 / (1 + d.distance_km / ${DISTANCE_HALF_SCORE_KM}), ${UNKNOWN_PROXIMITY})`);
      total += WEIGHTS.proximity;
    }
    if (text) {
      terms.push(`${WEIGHTS.text} * ts_rank(p.search_vector, ${text}, 32)`);
      total += WEIGHTS.text;
    }

    let cursorFilter = '';
    if (after) {
      const [score, id] = decodeCursor(after, ['string', 'string'] as const);
      if (!isUuid(id) || !/^\d+(\.\d+)?$/.test(score)) throw new InvalidInput('Invalid cursor', { field: 'after', value: after });
      cursorFilter = `WHERE (s.score < ${p(score)}::numeric OR (s.score = $${params.length}::numeric AND s.id > ${p(id)}::uuid))`;
    }

    const sql = `
      WITH matched AS (
        SELECT o.professional_id, r.idx,
               max(CASE o.level WHEN 'EXPERT' THEN ${LEVEL_WEIGHT.EXPERT} WHEN 'EXPERIENCED' THEN ${LEVEL_WEIGHT.EXPERIENCED} ELSE ${LEVEL_WEIGHT.BASIC} END) AS w
        FROM ${req}
        JOIN professional_offer o ON o.discipline_id = r.discipline_id ${levelFilter}
        GROUP BY o.professional_id, r.idx
      ),
      per_person AS (
        SELECT professional_id, sum(w)::float8 / ${k} AS coverage, array_agg(idx ORDER BY idx) AS matched
        FROM matched GROUP BY professional_id
      ),
      scored AS (
        SELECT p.id, p.name, p.headline, p.bio, p.organisation, p.sector, p.municipality_code, p.scope,
               p.available_hours_per_month, p.created_at, p.updated_at, pp.matched, d.distance_km,
               round(((${terms.join(' + ')}) / ${total})::numeric, 9) AS score
        FROM per_person pp
        JOIN professional p ON p.id = pp.professional_id
        JOIN account a ON a.id = p.id
        LEFT JOIN municipality m ON m.code = p.municipality_code
        CROSS JOIN LATERAL (SELECT ${distance} AS distance_km) d
        WHERE ${where.join(' AND ')}
      )
      -- One row with the count even when the page is empty (past the last result).
      SELECT c.total, s.*
      FROM (SELECT count(*)::int AS total FROM scored) c
      LEFT JOIN LATERAL (
        SELECT * FROM scored s ${cursorFilter} ORDER BY s.score DESC, s.id ASC LIMIT ${p(size + 1)}
      ) s ON true
      ORDER BY s.score DESC, s.id ASC`;

    const result: (Row | (Omit<Row, 'id'> & { id: null }))[] = await this.db.query(sql, params);
    const totalCount = result[0].total;
    const rows = result.filter((r): r is Row => r.id !== null);
    const requestedEntities = requestedIds.map((id) => this.disciplines.get(id));
    return {
      hasNextPage: rows.length > size,
      totalCount,
      hits: rows.slice(0, size).map((r) => ({
        cursor: encodeCursor([r.score, r.id]),
        score: Number(r.score),
        distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
        matchedDisciplines: r.matched.map((idx) => requestedEntities[idx]),
        professional: {
          id: r.id,
          name: r.name,
          headline: r.headline,
          bio: r.bio,
          organisation: r.organisation,
          sector: r.sector,
          municipalityCode: r.municipality_code,
          scope: r.scope,
          availableHoursPerMonth: r.available_hours_per_month,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        },
      })),
    };
  }
}
