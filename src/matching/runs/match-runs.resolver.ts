import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../../graphql/access/access.decorators.js';
import type { Viewer } from '../../graphql/viewer.js';
import { SignedIn } from '../../graphql/current-viewer.decorator.js';
import { toRunStats } from '../dto/matching.mapper.js';
import { MatchRun, MatchRunConnection, MatchRunStatus } from '../dto/matching.types.js';
import { type MatchRunRow, MatchRunsService, type RunOutcome, runCursor } from './match-runs.service.js';

@AdminOnly()
@Resolver()
export class MatchRunsResolver {
  constructor(private readonly runs: MatchRunsService) {}

  @Query(() => MatchRunConnection, { description: 'Admin: newest first' })
  async matchRuns(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<MatchRunConnection> {
    const page = await this.runs.list(first, after);
    const outcomes = await this.runs.outcomes(page.runs.map((r) => r.id));
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.runs.length ? runCursor(page.runs.at(-1)!) : null },
      edges: page.runs.map((run) => ({ cursor: runCursor(run), node: toMatchRun(run, outcomes.get(run.id)!) })),
    };
  }

  @Query(() => MatchRun, { nullable: true, description: 'Admin' })
  async matchRun(@Args('id', { type: () => ID }) id: string): Promise<MatchRun | null> {
    const run = await this.runs.get(id);
    return run ? toMatchRun(run, (await this.runs.outcomes([run.id])).get(run.id)!) : null;
  }

  @Mutation(() => MatchRun, { description: 'Admin: enqueues a run now; while one is queued or running, returns that one' })
  async triggerMatchRun(
    @SignedIn() viewer: Viewer,
    @Args('dryRun', { type: () => Boolean, nullable: true, defaultValue: false }) dryRun: boolean,
  ): Promise<MatchRun> {
    const { run } = await this.runs.trigger(viewer.accountId, dryRun ?? false);
    return toMatchRun(run, (await this.runs.outcomes([run.id])).get(run.id)!);
  }
}

function toMatchRun(run: MatchRunRow, outcome: RunOutcome): MatchRun {
  return {
    id: run.id,
    status: run.status as MatchRunStatus,
    dryRun: run.dry_run,
    ruleSetVersion: run.rule_set_version,
    shards: run.shards,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    error: run.error,
    stats: run.stats && toRunStats(run.stats, outcome),
  };
}
