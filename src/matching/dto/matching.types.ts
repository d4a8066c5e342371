// Types of match rules, runs and previews (issues #4 and #5).
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../../common/page-info.type.js';
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
export class MatchWeights {
  @Field(() => Float) complementarity!: number;
  @Field(() => Float) mutuality!: number;
  @Field(() => Float) proximity!: number;
  @Field(() => Float) crossSector!: number;
  @Field(() => Float) initiativeNeed!: number;
  @Field(() => Float) availability!: number;
}

@ObjectType()
export class MatchRuleSet {
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
}

@ObjectType()
export class MatchRun {
  @Field(() => ID) id!: string;
  @Field(() => MatchRunStatus) status!: MatchRunStatus;
  @Field() dryRun!: boolean;
  @Field(() => Int) ruleSetVersion!: number;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => MatchRunStats, { nullable: true }) stats!: MatchRunStats | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType()
export class MatchRunEdge {
  @Field() cursor!: string;
  @Field(() => MatchRun) node!: MatchRun;
}

@ObjectType()
export class MatchRunConnection {
  @Field(() => [MatchRunEdge]) edges!: MatchRunEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

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

@InputType()
export class MatchWeightsInput {
  @Field(() => Float, { nullable: true }) complementarity?: number | null;
  @Field(() => Float, { nullable: true }) mutuality?: number | null;
  @Field(() => Float, { nullable: true }) proximity?: number | null;
  @Field(() => Float, { nullable: true }) crossSector?: number | null;
  @Field(() => Float, { nullable: true }) initiativeNeed?: number | null;
  @Field(() => Float, { nullable: true }) availability?: number | null;
}

/** Validation of rule values belongs to issue #4, with the rules service. */
@InputType()
export class MatchRuleSetInput {
  @Field(() => MatchWeightsInput, { nullable: true }) weights?: MatchWeightsInput | null;
  @Field(() => Float, { nullable: true }) minScore?: number | null;
  @Field(() => Float, { nullable: true }) maxDistanceKm?: number | null;
  @Field(() => Int, { nullable: true }) maxIntroductionsPerPersonPerRun?: number | null;
  @Field(() => Int, { nullable: true }) cooldownDays?: number | null;
  @Field(() => Boolean, { nullable: true }) excludeSameOrganisation?: boolean | null;
  @Field(() => String, { nullable: true }) schedule?: string | null;
  @Field(() => String, { nullable: true }) timezone?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
