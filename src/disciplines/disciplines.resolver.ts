import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../graphql/access/access.decorators.js';
import { DisciplinesService } from './disciplines.service.js';
import { toDiscipline } from './dto/discipline.mapper.js';
import { Discipline } from './dto/discipline.type.js';

@Resolver(() => Discipline)
export class DisciplinesResolver {
  constructor(private readonly taxonomy: DisciplinesService) {}

  @Public()
  @Query(() => [Discipline], {
    description:
      'The whole taxonomy, roots first; with search (at most 100 characters), only the disciplines whose name (nl or en) ' +
      'or slug contains it, ignoring case and accents, flat and in the same order (each has its parent)',
  })
  disciplines(@Args('search', { type: () => String, nullable: true }) search?: string | null): Discipline[] {
    return (search == null ? this.taxonomy.all() : this.taxonomy.search(search)).map(toDiscipline);
  }

  @ResolveField(() => String)
  name(@Parent() discipline: Discipline, @Args('locale', { type: () => String, nullable: true, defaultValue: 'nl' }) locale: string): string {
    return this.taxonomy.name(this.taxonomy.get(Number(discipline.id)), locale);
  }

  @ResolveField(() => Discipline, { nullable: true })
  parent(@Parent() discipline: Discipline): Discipline | null {
    const parent = this.taxonomy.parent(this.taxonomy.get(Number(discipline.id)));
    return parent ? toDiscipline(parent) : null;
  }

  @ResolveField(() => [Discipline])
  children(@Parent() discipline: Discipline): Discipline[] {
    return this.taxonomy.children(this.taxonomy.get(Number(discipline.id))).map(toDiscipline);
  }
}
