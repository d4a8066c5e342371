import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../graphql/access/access.decorators.js';
import { Municipality, Province } from './dto/region.types.js';
import { RegionsService } from './regions.service.js';

@Resolver()
export class RegionsResolver {
  constructor(private readonly regions: RegionsService) {}

  @Public()
  @Query(() => [Province])
  provinces(): Province[] {
    return this.regions.provinces();
  }

  @Public()
  @Query(() => [Municipality])
  municipalities(
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('provinceCode', { type: () => String, nullable: true }) provinceCode?: string | null,
  ): Municipality[] {
    if (search && search.length > 100) return [];
    return this.regions.municipalities(search, provinceCode);
  }
}
