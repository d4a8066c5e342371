import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ExpertiseLevel, InitiativeStatus } from '../../common/graphql-enums.js';
import { PageInfo } from '../../common/page-info.type.js';

/** `discipline` is resolved by ExpertiseNeedResolver. */
@ObjectType()
export class ExpertiseNeed {
  @Field(() => ID) id!: string;
  @Field(() => ExpertiseLevel) level!: ExpertiseLevel;
  @Field(() => Int, { nullable: true }) hoursPerMonth!: number | null;
  @Field() fulfilled!: boolean;
  initiativeId!: string;
  disciplineId!: number;
}

/** municipality, themes, needs and initiators are resolved by InitiativeResolver. */
@ObjectType()
export class Initiative {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() summary!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) lessonsLearned!: string | null;
  @Field(() => InitiativeStatus) status!: InitiativeStatus;
  @Field() createdAt!: Date;
  municipalityCode!: string;
}

@ObjectType()
export class InitiativeEdge {
  @Field() cursor!: string;
  @Field(() => Initiative) node!: Initiative;
}

@ObjectType()
export class InitiativeConnection {
  @Field(() => [InitiativeEdge]) edges!: InitiativeEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
