import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { MatchRules, MatchWeights } from '../engine/types.js';

/** A rule set's weights, embedded in match_rule_set as its weight_* columns. */
export class MatchWeightColumns implements MatchWeights {
  @Column({ name: 'weight_complementarity', type: 'double precision' }) complementarity!: number;
  @Column({ name: 'weight_mutuality', type: 'double precision' }) mutuality!: number;
  @Column({ name: 'weight_proximity', type: 'double precision' }) proximity!: number;
  @Column({ name: 'weight_cross_sector', type: 'double precision' }) crossSector!: number;
  @Column({ name: 'weight_initiative_need', type: 'double precision' }) initiativeNeed!: number;
  @Column({ name: 'weight_availability', type: 'double precision' }) availability!: number;
}

/**
 * One immutable version of the match rules; the highest version is active. In the engine's
 * shape (MatchRules, weights nested), so a stored version is the engine's input as it is.
 */
@Entity('match_rule_set')
export class MatchRuleSetEntity implements MatchRules {
  @PrimaryColumn('integer') version!: number;
  // prefix false: the columns keep the names given above (TypeORM would otherwise prepend "weights").
  @Column(() => MatchWeightColumns, { prefix: false }) weights!: MatchWeightColumns;
  @Column({ name: 'min_score', type: 'double precision' }) minScore!: number;
  @Column({ name: 'max_distance_km', type: 'double precision' }) maxDistanceKm!: number;
  @Column({ name: 'max_introductions_per_person_per_run', type: 'integer' }) maxIntroductionsPerPersonPerRun!: number;
  @Column({ name: 'cooldown_days', type: 'integer' }) cooldownDays!: number;
  @Column({ name: 'exclude_same_organisation', type: 'boolean' }) excludeSameOrganisation!: boolean;
  @Column({ type: 'varchar', length: 100 }) schedule!: string;
  @Column({ type: 'varchar', length: 64 }) timezone!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
