import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../auth/access.decorators.js';
import { NotImplemented } from '../common/domain-error.js';
import { MatchRun, MatchRunConnection } from './dto/matching.types.js';

/**
 * Match runs (issue #5); admin only, and they answer NOT_IMPLEMENTED until that issue is built.
 */
@AdminOnly()
@Resolver()
export class MatchingResolver {
  @Query(() => MatchRunConnection)
  matchRuns(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) _first: number,
    @Args('after', { type: () => String, nullable: true }) _after: string | null,
  ): MatchRunConnection {
    throw new NotImplemented('matchRuns', 5);
  }

  @Query(() => MatchRun, { nullable: true })
  matchRun(@Args('id', { type: () => ID }) _id: string): MatchRun | null {
    throw new NotImplemented('matchRun', 5);
  }

  @Mutation(() => MatchRun, { description: 'Admin: enqueues a run now' })
  triggerMatchRun(@Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) _dryRun: boolean): MatchRun {
    throw new NotImplemented('triggerMatchRun', 5);
  }
}
