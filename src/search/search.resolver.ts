import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '../auth/viewer.js';
import { toDiscipline } from '../disciplines/dto/discipline.mapper.js';
import { SignedIn } from '../graphql/current-viewer.decorator.js';
import { toExpertiseNeed } from '../initiatives/dto/initiative.mapper.js';
import { docToProfessional } from './dto/expert-doc.mapper.js';
import { ExpertConnection, ExpertSearchInput, TeamSuggestion } from './dto/search.types.js';
import { SearchService } from './search.service.js';
import { TeamService } from './team.service.js';

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
      edges: page.hits.map((hit) => ({
        cursor: hit.cursor,
        node: docToProfessional(hit.professional),
        score: hit.score,
        matchedDisciplines: hit.matchedDisciplines.map(toDiscipline),
        distanceKm: hit.distanceKm,
      })),
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
      members: team.members.map((m) => ({ professional: docToProfessional(m.professional), covers: m.covers.map(toExpertiseNeed) })),
      uncovered: team.uncovered.map(toExpertiseNeed),
    };
  }
}
