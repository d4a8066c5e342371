import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../../graphql/access/access.decorators.js';
import type { Viewer } from '../../graphql/viewer.js';
import { SignedIn } from '../../graphql/current-viewer.decorator.js';
import type { GraphQLContext } from '../../graphql/graphql-context.js';
import { toInitiative } from '../../initiatives/dto/initiative.mapper.js';
import { toProfessional } from '../../professionals/dto/professional.mapper.js';
import { Professional } from '../../professionals/dto/professional.types.js';
import { toMatchRuleSet, toRunStats } from '../dto/matching.mapper.js';
import { MatchPreview, MatchRuleSet, MatchRuleSetInput, PreviewMatchRunArgs } from '../dto/matching.types.js';
import { MatchPreviewService } from '../preview/match-preview.service.js';
import { NO_OUTCOME } from '../runs/match-runs.service.js';
import { MatchSchedule } from '../runs/match-schedule.js';
import { MatchRulesService } from './match-rules.service.js';

@AdminOnly()
@Resolver(() => MatchRuleSet)
export class MatchRulesResolver {
  constructor(
    private readonly rules: MatchRulesService,
    private readonly previews: MatchPreviewService,
    private readonly schedule: MatchSchedule,
  ) {}

  @Query(() => MatchRuleSet, { description: 'Admin: the active version' })
  async matchRuleSet(): Promise<MatchRuleSet> {
    return toMatchRuleSet(await this.rules.active());
  }

  @Query(() => [MatchRuleSet], { description: 'Admin: newest first' })
  async matchRuleSetHistory(): Promise<MatchRuleSet[]> {
    return (await this.rules.history()).map(toMatchRuleSet);
  }

  @Mutation(() => MatchRuleSet, { description: 'Admin: stores a new version' })
  async updateMatchRules(@SignedIn() viewer: Viewer, @Args('input') input: MatchRuleSetInput): Promise<MatchRuleSet> {
    const saved = await this.rules.update(viewer.accountId, input);
    // The new version's cron pattern and time zone take over the schedule of runs.
    await this.schedule.sync();
    return toMatchRuleSet(saved);
  }

  @Mutation(() => MatchPreview, {
    description: 'Admin: no writes, no email. The sample is best first; reasons are those side a would read, in your language.',
  })
  async previewMatchRun(@SignedIn() viewer: Viewer, @Args() { input, sampleSize }: PreviewMatchRunArgs): Promise<MatchPreview> {
    const preview = await this.previews.preview(viewer.accountId, input ?? null, sampleSize);
    return {
      // A preview queues and sends nothing, and nobody answers it.
      stats: toRunStats({ ...preview.stats, emailsQueued: 0, paused: 0 }, NO_OUTCOME),
      sample: preview.sample.map((p) => ({
        a: toProfessional(p.a),
        b: toProfessional(p.b),
        initiative: p.initiative ? toInitiative(p.initiative) : null,
        score: p.score,
        reasons: p.reasons,
      })),
    };
  }

  @ResolveField(() => Professional, { nullable: true, description: 'Who stored this version; null for the defaults or a deleted account' })
  async createdBy(@Parent() rules: MatchRuleSet, @Context() ctx: GraphQLContext): Promise<Professional | null> {
    if (!rules.createdById) return null;
    const found = await ctx.loaders.professional.load(rules.createdById);
    return found ? toProfessional(found) : null;
  }
}
