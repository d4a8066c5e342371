import { ArgsType, Field } from '@nestjs/graphql';
import { IsEmail, MaxLength } from 'class-validator';
import { NextPath } from '../../common/validation-patterns.js';

@ArgsType()
export class EmailArgs {
  @Field() @IsEmail({}, { message: 'email "$value" is not an email address' }) @MaxLength(254)
  email!: string;
}

@ArgsType()
export class SignInLinkArgs extends EmailArgs {
  @Field(() => String, { nullable: true, description: 'A page of the web app to open after signing in, e.g. /initiatieven/<id>' })
  @NextPath()
  next?: string | null;
}
