import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { In } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { SignedIn } from '../graphql/current-viewer.decorator.js';
import { toInitiative } from '../initiatives/dto/initiative.mapper.js';
import { InitiativeEntity } from '../initiatives/initiative.entity.js';
import { toProfessional } from '../professionals/dto/professional.mapper.js';
import { ProfessionalEntity } from '../professionals/professional.entity.js';
import { Introduction, IntroductionConnection, IntroductionStatus } from './dto/introduction.types.js';
import { type IntroductionView, IntroductionsService } from './introductions.service.js';

@Resolver()
export class IntroductionsResolver {
  constructor(
    private readonly introductions: IntroductionsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

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

  /** Counterparts and initiatives of a page in two queries. */
  private async toGraphQL(items: IntroductionView[]): Promise<Introduction[]> {
    const people = new Map(
      (items.length ? await this.db.getRepository(ProfessionalEntity).findBy({ id: In([...new Set(items.map((i) => i.counterpartId))]) }) : []).map((p) => [p.id, p]),
    );
    const initiativeIds = [...new Set(items.flatMap((i) => (i.initiativeId ? [i.initiativeId] : [])))];
    const initiatives = new Map(
      (initiativeIds.length ? await this.db.getRepository(InitiativeEntity).findBy({ id: In(initiativeIds) }) : []).map((i) => [i.id, i]),
    );
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
      };
    });
  }
}
