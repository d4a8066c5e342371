import { Field, ObjectType } from '@nestjs/graphql';
import { Me } from '../../professionals/dto/professional.types.js';

@ObjectType()
export class AuthPayload {
  @Field() token!: string;
  @Field(() => Me) me!: Me;
}
