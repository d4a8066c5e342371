import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../graphql/access/access.decorators.js';
import type { Viewer } from '../graphql/viewer.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import { toDiscipline } from '../disciplines/dto/discipline.mapper.js';
import { Discipline } from '../disciplines/dto/discipline.type.js';
import { SignedIn } from '../graphql/current-viewer.decorator.js';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { Municipality } from '../regions/dto/region.types.js';
import { RegionsService } from '../regions/regions.service.js';
import { ExpertiseNeedInput, InitiativeInput, InitiativesArgs, InitiativeUpdateInput } from './dto/initiative.inputs.js';
import { toExpertiseNeed, toInitiative } from './dto/initiative.mapper.js';
import { ExpertiseNeed, Initiative, InitiativeConnection } from './dto/initiative.types.js';
import { InitiativesService } from './initiatives.service.js';

@Resolver(() => Initiative)
export class InitiativesResolver {
  constructor(
    private readonly service: InitiativesService,
    private readonly regions: RegionsService,
    private readonly disciplines: DisciplinesService,
  ) {}

  @Public()
  @Query(() => Initiative, { nullable: true, description: 'Public: the knowledge bank' })
  async initiative(@Args('id', { type: () => ID }) id: string): Promise<Initiative | null> {
    const found = await this.service.get(id);
    return found ? toInitiative(found) : null;
  }

  @Public()
  @Query(() => InitiativeConnection, { description: 'Public: the knowledge bank' })
  async initiatives(@Args() { filter, first, after }: InitiativesArgs): Promise<InitiativeConnection> {
    const page = await this.service.list(filter, first, after);
    return {
      edges: page.rows.map((r) => ({ cursor: r.cursor, node: toInitiative(r.entity) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => Initiative)
  async createInitiative(@SignedIn() viewer: Viewer, @Args('input') input: InitiativeInput): Promise<Initiative> {
    return toInitiative(await this.service.create(viewer, input));
  }

  @Mutation(() => Initiative)
  async updateInitiative(
    @SignedIn() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: InitiativeUpdateInput,
  ): Promise<Initiative> {
    return toInitiative(await this.service.update(viewer, id, input));
  }

  @Mutation(() => Initiative)
  async addInitiator(
    @SignedIn() viewer: Viewer,
    @Args('initiativeId', { type: () => ID }) initiativeId: string,
    @Args('professionalId', { type: () => ID }) professionalId: string,
  ): Promise<Initiative> {
    return toInitiative(await this.service.addInitiator(viewer, initiativeId, professionalId));
  }

  @Mutation(() => ExpertiseNeed)
  async addExpertiseNeed(
    @SignedIn() viewer: Viewer,
    @Args('initiativeId', { type: () => ID }) initiativeId: string,
    @Args('input') input: ExpertiseNeedInput,
  ): Promise<ExpertiseNeed> {
    return toExpertiseNeed(await this.service.addNeed(viewer, initiativeId, input));
  }

  @Mutation(() => ExpertiseNeed)
  async setNeedFulfilled(
    @SignedIn() viewer: Viewer,
    @Args('needId', { type: () => ID }) needId: string,
    @Args('fulfilled') fulfilled: boolean,
  ): Promise<ExpertiseNeed> {
    return toExpertiseNeed(await this.service.setNeedFulfilled(viewer, needId, fulfilled));
  }

  @ResolveField(() => Municipality)
  municipality(@Parent() i: Initiative): Municipality {
    return this.regions.requireMunicipality(i.municipalityCode);
  }

  @ResolveField(() => [Discipline])
  async themes(@Parent() i: Initiative, @Context() ctx: GraphQLContext): Promise<Discipline[]> {
    return (await ctx.loaders.themes.load(i.id)).map((id) => toDiscipline(this.disciplines.get(id)));
  }

  @ResolveField(() => [ExpertiseNeed])
  async needs(@Parent() i: Initiative, @Context() ctx: GraphQLContext): Promise<ExpertiseNeed[]> {
    return (await ctx.loaders.needs.load(i.id)).map(toExpertiseNeed);
  }
}

@Resolver(() => ExpertiseNeed)
export class ExpertiseNeedResolver {
  constructor(private readonly disciplines: DisciplinesService) {}

  @ResolveField(() => Discipline)
  discipline(@Parent() need: ExpertiseNeed): Discipline {
    return toDiscipline(this.disciplines.get(need.disciplineId));
  }
}
