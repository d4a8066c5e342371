import { ArgsType, Field } from '@nestjs/graphql';
import { IsEmail, MaxLength } from 'class-validator';

@ArgsType()
export class EmailArgs {
  @Field() @IsEmail({}, { message: 'email "$value" is not an email address' }) @MaxLength(254)
  email!: string;
}
