import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Edge } from '../../common/connection.type.js';
import { ExpertiseLevel, InitiativeStatus } from '../../common/graphql-enums.js';

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
export class InitiativeEdge extends Edge(Initiative) {}

@ObjectType()
export class InitiativeConnection extends Connection(InitiativeEdge) {}
