// Types of expertise search and team suggestion (issue #3).
import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { Connection, Edge } from '../../common/connection.type.js';
import { ExpertiseLevel, Sector } from '../../common/graphql-enums.js';
import {
  MUNICIPALITY_CODE,
  MUNICIPALITY_MESSAGE,
  PROVINCE_CODE,
  PROVINCE_MESSAGE,
  SearchText,
  SLUG,
  SLUG_MESSAGE,
} from '../../common/validation-patterns.js';
import { Discipline } from '../../disciplines/dto/discipline.type.js';
import { ExpertiseNeed } from '../../initiatives/dto/initiative.types.js';
import { MatchReason } from '../../introductions/dto/introduction.types.js';
import { Professional } from '../../professionals/dto/professional.types.js';

@ObjectType()
export class ExpertEdge extends Edge(Professional) {
  @Field(() => Float) score!: number;
  @Field(() => [Discipline]) matchedDisciplines!: Discipline[];
  @Field(() => Float, { nullable: true }) distanceKm!: number | null;
}

@ObjectType()
export class ExpertConnection extends Connection(ExpertEdge) {}

@ObjectType()
export class TeamMember {
  @Field(() => Professional) professional!: Professional;
  @Field(() => [ExpertiseNeed]) covers!: ExpertiseNeed[];
  @Field(() => [MatchReason], {
    description:
      "Why this person is in the team, in the viewer's language: each need covered and at what level (COVERS_NEED, weight 1), " +
      'the distance to the initiative (DISTANCE or DISTANCE_UNKNOWN) and the hours (HOURS or HOURS_UNKNOWN). ' +
      'weight: how well that aspect fits, 0 to 1.',
  })
  reasons!: MatchReason[];
}

@ObjectType()
export class TeamSuggestion {
  @Field(() => [TeamMember]) members!: TeamMember[];
  @Field(() => [ExpertiseNeed]) uncovered!: ExpertiseNeed[];
}

@InputType()
export class ExpertSearchInput {
  @Field(() => [String], { description: 'slugs; a parent slug also finds its children. May be empty when text is given' })
  @IsArray() @ArrayMaxSize(10) @Matches(SLUG, { each: true, message: SLUG_MESSAGE })
  disciplines!: string[];

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(MUNICIPALITY_CODE, { message: MUNICIPALITY_MESSAGE })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @Matches(PROVINCE_CODE, { message: PROVINCE_MESSAGE })
  provinceCode?: string | null;

  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(400)
  withinKm?: number | null;

  @Field(() => [Sector], { nullable: true }) @IsOptional() @IsArray() @IsEnum(Sector, { each: true })
  sectors?: Sector[] | null;

  @Field(() => ExpertiseLevel, { nullable: true }) @IsOptional() @IsEnum(ExpertiseLevel)
  minLevel?: ExpertiseLevel | null;

  @Field(() => String, { nullable: true, description: 'free text over name, headline, bio (Dutch stemming)' })
  @SearchText()
  text?: string | null;
}
