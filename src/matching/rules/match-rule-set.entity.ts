import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One immutable version of the match rules; the highest version is active. */
@Entity('match_rule_set')
export class MatchRuleSetEntity {
  @PrimaryColumn('integer') version!: number;
  @Column({ name: 'weight_complementarity', type: 'double precision' }) weightComplementarity!: number;
  @Column({ name: 'weight_mutuality', type: 'double precision' }) weightMutuality!: number;
  @Column({ name: 'weight_proximity', type: 'double precision' }) weightProximity!: number;
  @Column({ name: 'weight_cross_sector', type: 'double precision' }) weightCrossSector!: number;
  @Column({ name: 'weight_initiative_need', type: 'double precision' }) weightInitiativeNeed!: number;
  @Column({ name: 'weight_availability', type: 'double precision' }) weightAvailability!: number;
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
