import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '../graphql/viewer.js';
import { SignedIn } from '../graphql/current-viewer.decorator.js';
import { toInitiative } from '../initiatives/dto/initiative.mapper.js';
import { toProfessional } from '../professionals/dto/professional.mapper.js';
import { Introduction, IntroductionConnection, IntroductionStatus } from './dto/introduction.types.js';
import { type IntroductionView, IntroductionsService } from './introductions.service.js';

@Resolver()
export class IntroductionsResolver {
  constructor(private readonly introductions: IntroductionsService) {}

  @Query(() => IntroductionConnection, { description: 'Signed in: your suggested introductions, newest first' })
  async myIntroductions(
    @SignedIn() viewer: Viewer,
    @Args('status', { type: () => IntroductionStatus, nullable: true }) status: IntroductionStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<IntroductionConnection> {
    const page = await this.introductions.list(viewer.accountId, status ?? null, first, after);
    const nodes = await this.toGraphQL(page.items);
    return {
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null },
      edges: page.items.map((item, i) => ({ cursor: item.cursor, node: nodes[i] })),
    };
  }

  @Mutation(() => Introduction, { description: 'Signed in: yes or no, once; both yes connects you by email' })
  async respondToIntroduction(@SignedIn() viewer: Viewer, @Args('id', { type: () => ID }) id: string, @Args('accept') accept: boolean): Promise<Introduction> {
    return (await this.toGraphQL([await this.introductions.respond(viewer.accountId, id, accept)]))[0];
  }

  @Mutation(() => Introduction, { description: 'Signed in: whether a connection was useful (CONNECTED only)' })
  async rateIntroduction(
    @SignedIn() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('useful') useful: boolean,
    @Args('comment', { type: () => String, nullable: true }) comment: string | null,
  ): Promise<Introduction> {
    return (await this.toGraphQL([await this.introductions.rate(viewer.accountId, id, useful, comment)]))[0];
  }

  private async toGraphQL(items: IntroductionView[]): Promise<Introduction[]> {
    const { people, initiatives } = await this.introductions.related(items);
    return items.map((item) => {
      const initiative = item.initiativeId ? initiatives.get(item.initiativeId) : undefined;
      return {
        id: item.id,
        kind: item.kind as Introduction['kind'],
        // The counterpart exists: introductions are deleted with either person's account.
        counterpart: toProfessional(people.get(item.counterpartId)!),
        initiative: initiative ? toInitiative(initiative) : null,
        score: item.score,
        reasons: item.reasons,
        status: item.status,
        createdAt: item.createdAt,
        counterpartEmail: item.counterpartEmail,
        myAnswer: item.ownAnswer,
        myRating: item.ownUseful,
      };
    });
  }
}
