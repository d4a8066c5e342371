import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DigestFrequency, ExpertiseLevel, RegionScope, Role, Sector } from '../../common/graphql-enums.js';
import { Discipline } from '../../disciplines/dto/discipline.type.js';
import { PrivateByDefault, VisibleToAnonymous } from '../../graphql/anonymous-visibility.js';

@ObjectType()
export class Expertise {
  @Field(() => Discipline) discipline!: Discipline;
  @Field(() => ExpertiseLevel) level!: ExpertiseLevel;
}

/**
 * What anyone signed in may see of a person: never email or phone. Anonymous callers meet
 * people only as initiators in the public knowledge bank; they see who it is (name, headline,
 * organisation, sector, municipality, scope and initiatives) and none of the profile's detail:
 * every field not marked @VisibleToAnonymous() is null or empty for them (anonymous-visibility.ts).
 * municipality, offers, seeks and initiatives are resolved by ProfessionalResolver.
 */
@ObjectType({
  description:
    'A person as anyone signed in sees them (never email or phone). Anonymous callers see who it is, not the profile: ' +
    'a field described "for anonymous callers" answers them null or empty',
})
@PrivateByDefault()
export class Professional {
  @Field(() => ID) @VisibleToAnonymous() id!: string;
  @Field() @VisibleToAnonymous() name!: string;
  @Field(() => String, { nullable: true }) @VisibleToAnonymous() headline!: string | null;
  @Field(() => String, { nullable: true, description: 'null for anonymous callers' }) bio!: string | null;
  @Field(() => String, { nullable: true }) @VisibleToAnonymous() organisation!: string | null;
  @Field(() => Sector) @VisibleToAnonymous() sector!: Sector;
  @Field(() => RegionScope) @VisibleToAnonymous() scope!: RegionScope;
  @Field(() => Int, { nullable: true, description: 'null for anonymous callers' }) availableHoursPerMonth!: number | null;
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
