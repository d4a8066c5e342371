import { Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LOCALES } from '../../common/enums.js';
import { DigestFrequency, ExpertiseLevel, RegionScope, Sector } from '../../common/graphql-enums.js';
import { MUNICIPALITY_CODE, MUNICIPALITY_MESSAGE, NextPath, SLUG, SLUG_MESSAGE, Trim } from '../../common/validation-patterns.js';

const LOCALE_MESSAGE = `locale "$value" is not one of ${LOCALES.join(', ')}`;

@InputType()
export class RegisterInput {
  @Field() @IsEmail({}, { message: 'email "$value" is not an email address' }) @MaxLength(254)
  email!: string;

  @Field() @Trim() @IsString() @MinLength(2) @MaxLength(120)
  name!: string;

  @Field(() => Sector) @IsEnum(Sector)
  sector!: Sector;

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(MUNICIPALITY_CODE, { message: MUNICIPALITY_MESSAGE })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(LOCALES, { message: LOCALE_MESSAGE })
  locale?: string | null;

  @Field(() => String, { nullable: true, description: 'A page of the web app to open after signing in, e.g. /initiatieven/<id>' })
  @NextPath()
  next?: string | null;
}

@InputType()
export class ProfileInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MinLength(2) @MaxLength(120)
  name?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200)
  headline?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000)
  bio?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200)
  organisation?: string | null;

  @Field(() => Sector, { nullable: true }) @IsOptional() @IsEnum(Sector)
  sector?: Sector | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(MUNICIPALITY_CODE, { message: MUNICIPALITY_MESSAGE })
  municipalityCode?: string | null;

  @Field(() => RegionScope, { nullable: true }) @IsOptional() @IsEnum(RegionScope)
  scope?: RegionScope | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(160)
  availableHoursPerMonth?: number | null;
}

@InputType()
export class PreferencesInput {
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  optedIn?: boolean | null;

  @Field(() => DigestFrequency, { nullable: true }) @IsOptional() @IsEnum(DigestFrequency)
  frequency?: DigestFrequency | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(10)
  maxIntroductionsPerDigest?: number | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(LOCALES, { message: LOCALE_MESSAGE })
  locale?: string | null;
}

@InputType()
export class ExpertiseInput {
  @Field() @IsString() @Matches(SLUG, { message: SLUG_MESSAGE })
  discipline!: string;

  @Field(() => ExpertiseLevel) @IsEnum(ExpertiseLevel)
  level!: ExpertiseLevel;
}
