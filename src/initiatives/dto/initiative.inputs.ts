import { ArgsType, Field, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ExpertiseLevel, InitiativeStatus } from '../../common/graphql-enums.js';
import {
  MUNICIPALITY_CODE,
  MUNICIPALITY_MESSAGE,
  PROVINCE_CODE,
  PROVINCE_MESSAGE,
  SearchText,
  SLUG,
  SLUG_MESSAGE,
  Trim,
} from '../../common/validation-patterns.js';

@InputType()
export class ExpertiseNeedInput {
  @Field() @IsString() @Matches(SLUG, { message: SLUG_MESSAGE })
  discipline!: string;

  @Field(() => ExpertiseLevel) @IsEnum(ExpertiseLevel)
  level!: ExpertiseLevel;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(160)
  hoursPerMonth?: number | null;
}

@InputType()
export class InitiativeInput {
  @Field() @Trim() @IsString() @MinLength(3) @MaxLength(200)
  title!: string;

  @Field() @Trim() @IsString() @MinLength(10) @MaxLength(1000)
  summary!: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20_000)
  lessonsLearned?: string | null;

  @Field(() => InitiativeStatus, { nullable: true }) @IsOptional() @IsEnum(InitiativeStatus)
  status?: InitiativeStatus | null;

  @Field() @Matches(MUNICIPALITY_CODE, { message: MUNICIPALITY_MESSAGE })
  municipalityCode!: string;

  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(SLUG, { each: true, message: SLUG_MESSAGE })
  themes?: string[] | null;

  @Field(() => [ExpertiseNeedInput], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ExpertiseNeedInput)
  needs?: ExpertiseNeedInput[] | null;
}

/** Every field of InitiativeInput but the needs (they have their own mutations), all optional. */
@InputType()
export class InitiativeUpdateInput extends PartialType(OmitType(InitiativeInput, ['needs'] as const)) {}

@InputType()
export class InitiativeFilter {
  @Field(() => String, { nullable: true })
  @SearchText()
  text?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(MUNICIPALITY_CODE, { message: MUNICIPALITY_MESSAGE })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(PROVINCE_CODE, { message: PROVINCE_MESSAGE })
  provinceCode?: string | null;

  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(SLUG, { each: true, message: SLUG_MESSAGE })
  themes?: string[] | null;

  @Field(() => [InitiativeStatus], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(Object.keys(InitiativeStatus).length) @IsEnum(InitiativeStatus, { each: true })
  statuses?: InitiativeStatus[] | null;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  needsOpen?: boolean | null;
}

/** An ArgsType rather than three @Args: a nullable input typed `X | null` is emitted as Object and would skip validation. */
@ArgsType()
export class InitiativesArgs {
  @Field(() => InitiativeFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => InitiativeFilter)
  filter?: InitiativeFilter | null;

  /** Checked by pageSize, as for every list. */
  @Field(() => Int, { nullable: true, defaultValue: 20 }) @Allow()
  first!: number | null;

  /** Checked by the cursor decoder. */
  @Field(() => String, { nullable: true }) @Allow()
  after?: string | null;
}
