import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '../graphql/viewer.js';
import { toDiscipline } from '../disciplines/dto/discipline.mapper.js';
import type { Discipline } from '../disciplines/dto/discipline.type.js';
import { SignedIn } from '../graphql/current-viewer.decorator.js';
import { toExpertiseNeed } from '../initiatives/dto/initiative.mapper.js';
import type { Professional } from '../professionals/dto/professional.types.js';
import { profileToProfessional } from './dto/expert-profile.mapper.js';
import { ExpertConnection, type ExpertEdge, ExpertSearchInput, TeamSuggestion } from './dto/search.types.js';
import { type ExpertHit, SearchService } from './search.service.js';
import { TeamService } from './team.service.js';

/** An edge whose cursor is encoded only if the query asks for it (ExpertHit.cursor is lazy too). */
class Edge implements ExpertEdge {
  readonly node: Professional;
  readonly score: number;
  readonly matchedDisciplines: Discipline[];
  readonly distanceKm: number | null;

  constructor(private readonly hit: ExpertHit) {
    this.node = profileToProfessional(hit.professional);
    this.score = hit.score;
    this.matchedDisciplines = hit.matchedDisciplines.map(toDiscipline);
    this.distanceKm = hit.distanceKm;
  }

  get cursor(): string {
    return this.hit.cursor;
  }
}

@Resolver()
export class SearchResolver {
  constructor(
    private readonly search: SearchService,
    private readonly teams: TeamService,
  ) {}

  @Query(() => ExpertConnection, { description: 'Signed in' })
  async searchExperts(
    @SignedIn() viewer: Viewer,
    @Args('input') input: ExpertSearchInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ExpertConnection> {
    const page = await this.search.searchExperts(viewer, input, first, after);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.hits.at(-1)?.cursor ?? null },
      edges: page.hits.map((hit) => new Edge(hit)),
    };
  }

  @Query(() => TeamSuggestion, { description: 'Initiator of it, or admin' })
  async suggestTeam(
    @SignedIn() viewer: Viewer,
    @Args('initiativeId', { type: () => ID }) initiativeId: string,
    @Args('maxMembers', { type: () => Int, nullable: true, defaultValue: 5 }) maxMembers: number,
  ): Promise<TeamSuggestion> {
    const team = await this.teams.suggest(viewer, initiativeId, maxMembers);
    return {
      members: team.members.map((m) => ({
        professional: profileToProfessional(m.professional),
        covers: m.covers.map(toExpertiseNeed),
        reasons: m.reasons,
      })),
      uncovered: team.uncovered.map(toExpertiseNeed),
    };
  }
}
