import { Field, ID, ObjectType } from '@nestjs/graphql';

/** Fields `name`, `parent` and `children` are resolved by DisciplinesResolver. */
@ObjectType()
export class Discipline {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
}
