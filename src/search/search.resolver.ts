import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { NotImplemented } from '../common/domain-error.js';
import { ExpertConnection, ExpertSearchInput, TeamSuggestion } from './dto/search.types.js';

/** Contract operations of issue #3; they answer NOT_IMPLEMENTED until it is built. */
@Resolver()
export class SearchResolver {
  @Query(() => ExpertConnection)
  searchExperts(
    @Args('input') _input: ExpertSearchInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) _first: number,
    @Args('after', { type: () => String, nullable: true }) _after: string | null,
  ): ExpertConnection {
    throw new NotImplemented('searchExperts', 3);
  }

  @Query(() => TeamSuggestion, { description: 'Initiator of it, or admin' })
  suggestTeam(
    @Args('initiativeId', { type: () => ID }) _initiativeId: string,
    @Args('maxMembers', { type: () => Int, nullable: true, defaultValue: 5 }) _maxMembers: number,
  ): TeamSuggestion {
    throw new NotImplemented('suggestTeam', 3);
  }
}
