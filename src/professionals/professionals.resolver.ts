import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Viewer } from '../graphql/viewer.js';
import { Public } from '../graphql/access/access.decorators.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import { toDiscipline } from '../disciplines/dto/discipline.mapper.js';
import { Discipline } from '../disciplines/dto/discipline.type.js';
import { VisibleToAnonymous } from '../graphql/anonymous-visibility.js';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer.decorator.js';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { toInitiative } from '../initiatives/dto/initiative.mapper.js';
import { Initiative } from '../initiatives/dto/initiative.types.js';
import { Municipality } from '../regions/dto/region.types.js';
import { RegionsService } from '../regions/regions.service.js';
import { isUuid } from '../common/ids.js';
import { toProfessional } from './dto/professional.mapper.js';
import { ExpertiseInput, PreferencesInput, ProfileInput } from './dto/professional.inputs.js';
import { Expertise, MatchingPreferences, Me, Professional } from './dto/professional.types.js';
import { ProfessionalsService } from './professionals.service.js';

@Resolver(() => Professional)
export class ProfessionalsResolver {
  constructor(
    private readonly professionals: ProfessionalsService,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
  ) {}

  @Public()
  @Query(() => Me, { nullable: true, description: 'null when anonymous' })
  async me(@CurrentViewer() viewer: Viewer | null): Promise<Me | null> {
    return viewer ? this.professionals.me(viewer.accountId) : null;
  }

  @Query(() => Professional, { nullable: true })
  async professional(@Args('id', { type: () => ID }) id: string, @Context() ctx: GraphQLContext): Promise<Professional | null> {
    if (!isUuid(id)) return null;
    const found = await ctx.loaders.professional.load(id);
    return found ? toProfessional(found) : null;
  }

  @Mutation(() => Professional)
  updateProfile(@SignedIn() viewer: Viewer, @Args('input') input: ProfileInput): Promise<Professional> {
    return this.professionals.updateProfile(viewer.accountId, input);
  }

  @Mutation(() => Professional)
  setExpertise(
    @SignedIn() viewer: Viewer,
    @Args('offers', { type: () => [ExpertiseInput] }) offers: ExpertiseInput[],
    @Args('seeks', { type: () => [String] }) seeks: string[],
  ): Promise<Professional> {
    return this.professionals.setExpertise(viewer.accountId, offers, seeks);
  }

  @Mutation(() => MatchingPreferences)
  updatePreferences(@SignedIn() viewer: Viewer, @Args('input') input: PreferencesInput): Promise<MatchingPreferences> {
    return this.professionals.updatePreferences(viewer.accountId, input);
  }

  @Mutation(() => String, { description: "JSON document of all the caller's data" })
  exportMyData(@SignedIn() viewer: Viewer): Promise<string> {
    return this.professionals.exportData(viewer.accountId);
  }

  @Mutation(() => Boolean)
  async deleteMyAccount(@SignedIn() viewer: Viewer): Promise<boolean> {
    await this.professionals.deleteAccount(viewer.accountId);
    return true;
  }

  // No @Parent(): without parameter decorators @nestjs/graphql calls the method directly with
  // (parent, args, context, info) instead of through its async parameter pipeline. A page of
  // search results resolves this field 20 times (BENCHMARKS.md, issue #3).
  @ResolveField(() => Municipality, { nullable: true })
  @VisibleToAnonymous()
  municipality(p: Professional): Municipality | null {
    return this.regions.municipality(p.municipalityCode);
  }

  @ResolveField(() => [Expertise], { description: 'Empty for anonymous callers' })
  async offers(@Parent() p: Professional, @Context() ctx: GraphQLContext): Promise<Expertise[]> {
    const rows = await ctx.loaders.offers.load(p.id);
    return rows.map((r) => ({ discipline: toDiscipline(this.disciplines.get(r.disciplineId)), level: r.level }));
  }

  @ResolveField(() => [Discipline], { description: 'Empty for anonymous callers' })
  async seeks(@Parent() p: Professional, @Context() ctx: GraphQLContext): Promise<Discipline[]> {
    const ids = await ctx.loaders.seeks.load(p.id);
    return ids.map((id) => toDiscipline(this.disciplines.get(id)));
  }

  @ResolveField(() => [Initiative])
  @VisibleToAnonymous()
  async initiatives(@Parent() p: Professional, @Context() ctx: GraphQLContext): Promise<Initiative[]> {
    return (await ctx.loaders.initiativesOfProfessional.load(p.id)).map(toInitiative);
  }
}

/** Initiative.initiators: professionals' field on an initiative (initiatives knows nothing of professionals). */
@Resolver(() => Initiative)
export class InitiativeInitiatorsResolver {
  @ResolveField(() => [Professional])
  async initiators(@Parent() i: Initiative, @Context() ctx: GraphQLContext): Promise<Professional[]> {
    return (await ctx.loaders.initiators.load(i.id)).map(toProfessional);
  }
}
