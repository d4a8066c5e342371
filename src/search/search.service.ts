import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../graphql/viewer.js';
import { InvalidInput } from '../common/domain-error.js';
import { LEVEL_RANK } from '../common/enums.js';
import { isUuid } from '../common/ids.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/pagination.js';
import { type DisciplineRecord, DisciplinesService } from '../disciplines/disciplines.service.js';
import { RegionsService } from '../regions/regions.service.js';
import type { ExpertSearchInput } from './dto/search.types.js';
import type { ExpertProfile } from './expert-index.js';
import { ExpertIndexSync } from './expert-index.sync.js';

export interface ExpertHit {
  readonly cursor: string;
  readonly professional: ExpertProfile;
  readonly score: number;
  readonly matchedDisciplines: DisciplineRecord[];
  readonly distanceKm: number | null;
}

/** A hit whose cursor is encoded when read: a result list reads only the last one (pageInfo.endCursor). */
class Hit implements ExpertHit {
  constructor(
    readonly professional: ExpertProfile,
    readonly score: number,
    readonly matchedDisciplines: DisciplineRecord[],
    readonly distanceKm: number | null,
  ) {}

  get cursor(): string {
    return encodeCursor([this.score, this.professional.id]);
  }
}

export interface ExpertPage {
  hits: ExpertHit[];
  hasNextPage: boolean;
  totalCount: number;
}

const LEXEME_CACHE_SIZE = 1_000;

@Injectable()
export class SearchService {
  /** Search text → its lexemes as PostgreSQL's Dutch configuration stems them. */
  private readonly lexemeCache = new Map<string, string[]>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
    private readonly experts: ExpertIndexSync,
  ) {}

  /**
   * Professionals who offer any of the requested disciplines (a parent also finds its
   * descendants), or with no disciplines everyone whose text matches, filtered and ranked by the score of expert-score.ts, best first and then
   * by id, so cursor pages never repeat or skip anyone. Never the caller, never someone
   * who opted out. Text must match every word (Dutch stemming: "wijken" finds "wijk").
   */
  async searchExperts(viewer: Viewer, input: ExpertSearchInput, first: number | null | undefined, after: string | null | undefined): Promise<ExpertPage> {
    const size = pageSize(first);
    const text = input.text?.trim();
    if (input.disciplines.length === 0 && !text) {
      throw new InvalidInput('Search by disciplines, by text or both: give at least one discipline or a non-blank text', { field: 'disciplines' });
    }
    if (input.disciplines.length === 0 && input.minLevel) {
      throw new InvalidInput('minLevel applies to disciplines: give at least one', { field: 'minLevel' });
    }
    const requestedIds = this.disciplines.requireIds([...new Set(input.disciplines)]);
    if (input.municipalityCode) this.regions.requireMunicipality(input.municipalityCode);
    if (input.provinceCode) this.regions.requireProvince(input.provinceCode);
    if (input.withinKm != null && !input.municipalityCode) {
      throw new InvalidInput('withinKm needs a municipalityCode to measure from', { field: 'withinKm' });
    }
    let cursor: { score: number; id: string } | null = null;
    if (after) {
      const [score, id] = decodeCursor(after, ['number', 'string'] as const);
      if (!isUuid(id)) throw new InvalidInput('Invalid cursor', { field: 'after', value: after });
      cursor = { score, id };
    }
    const lexemes = text ? await this.lexemes(text) : null;
    if (lexemes?.length === 0) return { hits: [], hasNextPage: false, totalCount: 0 }; // only stop words

    const index = await this.experts.current();
    const result = await index.search({
      requested: requestedIds.map((id) => this.disciplines.withDescendants(id)),
      minLevelRank: input.minLevel ? LEVEL_RANK[input.minLevel] : 1,
      sectors: input.sectors?.length ? new Set(input.sectors) : null,
      provinceCode: input.provinceCode ?? null,
      near: input.municipalityCode ?? null,
      withinKm: input.withinKm ?? null,
      lexemes,
      excludeId: viewer.accountId,
      after: cursor,
      first: size,
    });
    const requested = requestedIds.map((id) => this.disciplines.get(id));
    return {
      totalCount: result.total,
      hasNextPage: result.hasNextPage,
      hits: result.hits.map(({ profile, score, matched, distanceKm }) => new Hit(profile, score, matched.map((i) => requested[i]), distanceKm)),
    };
  }

  private async lexemes(text: string): Promise<string[]> {
    const cached = this.lexemeCache.get(text);
    if (cached) return cached;
    const [{ lexemes }]: { lexemes: string[] }[] = await this.db.query(
      `SELECT array(SELECT lexeme FROM unnest(to_tsvector('dutch', $1))) AS lexemes`,
      [text],
    );
    if (this.lexemeCache.size >= LEXEME_CACHE_SIZE) this.lexemeCache.delete(this.lexemeCache.keys().next().value!);
    this.lexemeCache.set(text, lexemes);
    return lexemes;
  }
}
