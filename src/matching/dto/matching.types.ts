// Types of match rules, runs and previews (issues #4 and #5).
import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Trim } from '../../common/validation-patterns.js';
import type { MatchRules, MatchWeights as EngineWeights } from '../engine/types.js';
import { RULE_LIMITS } from '../rules/rule-limits.js';

/** Proposals a preview returns at most. */
export const MAX_PREVIEW_SAMPLE = 100;
import { Connection, Edge } from '../../common/connection.type.js';
import { Initiative } from '../../initiatives/dto/initiative.types.js';
import { MatchReason } from '../../introductions/dto/introduction.types.js';
import { Professional } from '../../professionals/dto/professional.types.js';

export enum MatchRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(MatchRunStatus, { name: 'MatchRunStatus' });

@ObjectType()
export class MatchWeights implements EngineWeights {
  @Field(() => Float) complementarity!: number;
  @Field(() => Float) mutuality!: number;
  @Field(() => Float) proximity!: number;
  @Field(() => Float) crossSector!: number;
  @Field(() => Float) initiativeNeed!: number;
  @Field(() => Float) availability!: number;
}

/** The stored rule set's shape, which is the engine's (MatchRules) with the version's identity and schedule. */
@ObjectType()
export class MatchRuleSet implements MatchRules {
  @Field(() => Int) version!: number;
  @Field(() => MatchWeights) weights!: MatchWeights;
  @Field(() => Float) minScore!: number;
  @Field(() => Float) maxDistanceKm!: number;
  @Field(() => Int) maxIntroductionsPerPersonPerRun!: number;
  @Field(() => Int) cooldownDays!: number;
  @Field() excludeSameOrganisation!: boolean;
  @Field({ description: 'cron pattern' }) schedule!: string;
  @Field({ description: 'IANA, default Europe/Amsterdam' }) timezone!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() createdAt!: Date;
  /** Resolved by MatchRuleSetResolver; null for the default version and once the author's account is deleted. */
  createdById!: string | null;
}

@ObjectType({ description: 'One shard of a run that fanned out over the workers' })
export class MatchRunShard {
  @Field(() => Int) shard!: number;
  @Field({ description: 'host:pid of the worker process that computed it' }) worker!: string;
  @Field(() => Int, { nullable: true, description: 'Null when a retry found them stored already' }) candidateEdges!: number | null;
  @Field(() => Int) durationMs!: number;
}

@ObjectType()
export class MatchRunStats {
  @Field(() => Int) eligiblePeople!: number;
  @Field(() => Int) candidatePairs!: number;
  @Field(() => Int) proposed!: number;
  @Field(() => Int) peopleWithIntroduction!: number;
  @Field(() => Float) meanScore!: number;
  @Field(() => Int) emailsQueued!: number;
  @Field(() => Int) emailsSent!: number;
  @Field(() => Int, { description: 'Digests that failed after every retry (see failedEmails)' }) emailsFailed!: number;
  @Field(() => Int, { description: 'People paused by this run after three unanswered digests' }) paused!: number;
  @Field(() => Int, { description: 'Introductions at least one side said yes to' }) accepted!: number;
  @Field(() => Int) declined!: number;
  @Field(() => Int, { description: 'Introductions both sides said yes to' }) connected!: number;
  @Field(() => Int) expired!: number;
  @Field(() => Float, { description: 'accepted / proposed' }) acceptanceRate!: number;
  @Field(() => Float, { description: 'connected / proposed' }) connectionRate!: number;
  @Field(() => Float, { description: 'Of the rated connections, the share someone found useful' }) usefulnessRate!: number;
  @Field(() => [MatchRunShard], { description: 'Empty when one job computed the run' }) shards!: MatchRunShard[];
}

@ObjectType()
export class MatchRun {
  @Field(() => ID) id!: string;
  @Field(() => MatchRunStatus) status!: MatchRunStatus;
  @Field() dryRun!: boolean;
  @Field(() => Int) ruleSetVersion!: number;
  @Field(() => Int, { nullable: true, description: 'Shards the run fanned out into over the workers; null when one job computes it' })
  shards!: number | null;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => MatchRunStats, { nullable: true }) stats!: MatchRunStats | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType()
export class MatchRunEdge extends Edge(MatchRun) {}

@ObjectType()
export class MatchRunConnection extends Connection(MatchRunEdge) {}

@ObjectType()
export class PreviewPair {
  @Field(() => Professional) a!: Professional;
  @Field(() => Professional) b!: Professional;
  @Field(() => Initiative, { nullable: true }) initiative!: Initiative | null;
  @Field(() => Float) score!: number;
  @Field(() => [MatchReason]) reasons!: MatchReason[];
}

@ObjectType()
export class MatchPreview {
  @Field(() => MatchRunStats) stats!: MatchRunStats;
  @Field(() => [PreviewPair]) sample!: PreviewPair[];
}

const { weight: W, minScore: S, maxDistanceKm: D, maxIntroductionsPerPersonPerRun: C, cooldownDays: K } = RULE_LIMITS;
const Weight = (): PropertyDecorator & MethodDecorator & ClassDecorator =>
  applyDecorators(Field(() => Float, { nullable: true }), IsOptional(), IsNumber(), Min(W.min), Max(W.max));

/** Omitted or null fields keep the active version's value. */
@InputType()
export class MatchWeightsInput {
  @Weight() complementarity?: number | null;
  @Weight() mutuality?: number | null;
  @Weight() proximity?: number | null;
  @Weight() crossSector?: number | null;
  @Weight() initiativeNeed?: number | null;
  @Weight() availability?: number | null;
}

/**
 * Changes to the active rule set: omitted or null fields keep the active value (the note is
 * per version). The cron pattern and time zone are checked together by the rules service.
 */
@InputType()
export class MatchRuleSetInput {
  @Field(() => MatchWeightsInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => MatchWeightsInput)
  weights?: MatchWeightsInput | null;

  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(S.min) @Max(S.max)
  minScore?: number | null;

  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(D.min) @Max(D.max)
  maxDistanceKm?: number | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(C.min) @Max(C.max)
  maxIntroductionsPerPersonPerRun?: number | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(K.min) @Max(K.max)
  cooldownDays?: number | null;

  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean()
  excludeSameOrganisation?: boolean | null;

  @Field(() => String, { nullable: true, description: 'cron pattern, e.g. "0 8 * * 1" (Mondays 08:00)' })
  @IsOptional() @Trim() @IsString() @MaxLength(RULE_LIMITS.scheduleLength)
  schedule?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Amsterdam' })
  @IsOptional() @Trim() @IsString() @MaxLength(64)
  timezone?: string | null;

  @Field(() => String, { nullable: true, description: 'Why this version: shown in the history' })
  @IsOptional() @Trim() @IsString() @MaxLength(RULE_LIMITS.noteLength)
  note?: string | null;
}

/** An ArgsType rather than two @Args: a nullable input typed `X | null` is emitted as Object and would skip validation. */
@ArgsType()
export class PreviewMatchRunArgs {
  @Field(() => MatchRuleSetInput, { nullable: true, description: 'Changes to try on top of the active rules' })
  @IsOptional() @ValidateNested() @Type(() => MatchRuleSetInput)
  input?: MatchRuleSetInput | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 }) @IsInt() @Min(0) @Max(MAX_PREVIEW_SAMPLE)
  sampleSize!: number;
}
