import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ExpertiseLevel, RegionScope, Sector } from '../common/enums.js';

/** The public profile of an account (same id). */
@Entity('professional')
export class ProfessionalEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) headline!: string | null;
  @Column({ type: 'text', nullable: true }) bio!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) organisation!: string | null;
  @Column({ type: 'enum', enum: Sector, enumName: 'sector' }) sector!: Sector;
  @Column({ name: 'municipality_code', type: 'varchar', length: 6, nullable: true }) municipalityCode!: string | null;
  @Column({ type: 'enum', enum: RegionScope, enumName: 'region_scope' }) scope!: RegionScope;
  @Column({ name: 'available_hours_per_month', type: 'integer', nullable: true }) availableHoursPerMonth!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('professional_offer')
export class ProfessionalOfferEntity {
  @PrimaryColumn({ name: 'professional_id', type: 'uuid' }) professionalId!: string;
  @PrimaryColumn({ name: 'discipline_id', type: 'integer' }) disciplineId!: number;
  @Column({ type: 'enum', enum: ExpertiseLevel, enumName: 'expertise_level' }) level!: ExpertiseLevel;
}

@Entity('professional_seek')
export class ProfessionalSeekEntity {
  @PrimaryColumn({ name: 'professional_id', type: 'uuid' }) professionalId!: string;
  @PrimaryColumn({ name: 'discipline_id', type: 'integer' }) disciplineId!: number;
}
