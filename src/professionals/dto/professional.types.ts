import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DigestFrequency, ExpertiseLevel, RegionScope, Role, Sector } from '../../common/graphql-enums.js';
import { Discipline } from '../../disciplines/dto/discipline.type.js';

@ObjectType()
export class Expertise {
  @Field(() => Discipline) discipline!: Discipline;
  @Field(() => ExpertiseLevel) level!: ExpertiseLevel;
}

/**
 * What anyone signed in may see of a person: never email or phone.
 * municipality, offers, seeks and initiatives are resolved by ProfessionalResolver.
 */
@ObjectType()
export class Professional {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) headline!: string | null;
  @Field(() => String, { nullable: true }) bio!: string | null;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field(() => Sector) sector!: Sector;
  @Field(() => RegionScope) scope!: RegionScope;
  @Field(() => Int, { nullable: true }) availableHoursPerMonth!: number | null;
  /** Not exposed: used by field resolvers. */
  municipalityCode!: string | null;
}

@ObjectType()
export class MatchingPreferences {
  @Field() optedIn!: boolean;
  @Field(() => DigestFrequency) frequency!: DigestFrequency;
  @Field(() => Int) maxIntroductionsPerDigest!: number;
  @Field() locale!: string;
}

@ObjectType()
export class Me {
  @Field(() => Professional) professional!: Professional;
  @Field() email!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => MatchingPreferences) preferences!: MatchingPreferences;
}
