import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../auth/access.decorators.js';
import { NotImplemented } from '../common/domain-error.js';
import { MatchPreview, MatchRuleSet, MatchRuleSetInput, MatchRun, MatchRunConnection } from './dto/matching.types.js';

/**
 * Contract operations of issues #4 (rules, preview) and #5 (runs); admin only, and they
 * answer NOT_IMPLEMENTED until those issues are built.
 */
@AdminOnly()
@Resolver()
export class MatchingResolver {
  @Query(() => MatchRuleSet, { description: 'Admin: the active version' })
  matchRuleSet(): MatchRuleSet {
    throw new NotImplemented('matchRuleSet', 4);
  }

  @Query(() => [MatchRuleSet], { description: 'Admin: newest first' })
  matchRuleSetHistory(): MatchRuleSet[] {
    throw new NotImplemented('matchRuleSetHistory', 4);
  }

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

  @Mutation(() => MatchRuleSet, { description: 'Admin: stores a new version' })
  updateMatchRules(@Args('input') _input: MatchRuleSetInput): MatchRuleSet {
    throw new NotImplemented('updateMatchRules', 4);
  }

  @Mutation(() => MatchPreview, { description: 'Admin: no writes, no email' })
  previewMatchRun(
    @Args('input', { type: () => MatchRuleSetInput, nullable: true }) _input: MatchRuleSetInput | null,
    @Args('sampleSize', { type: () => Int, nullable: true, defaultValue: 20 }) _sampleSize: number,
  ): MatchPreview {
    throw new NotImplemented('previewMatchRun', 4);
  }

  @Mutation(() => MatchRun, { description: 'Admin: enqueues a run now' })
  triggerMatchRun(@Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) _dryRun: boolean): MatchRun {
    throw new NotImplemented('triggerMatchRun', 5);
  }
}
