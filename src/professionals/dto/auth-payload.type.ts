import { Field, ObjectType } from '@nestjs/graphql';
import { Me } from './professional.types.js';

@ObjectType()
export class AuthPayload {
  @Field() token!: string;
  @Field(() => Me) me!: Me;
}
