import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ExpertiseLevel, InitiativeStatus } from '../common/enums.js';

@Entity('initiative')
export class InitiativeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 1000 }) summary!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'lessons_learned', type: 'text', nullable: true }) lessonsLearned!: string | null;
  @Column({ type: 'enum', enum: InitiativeStatus, enumName: 'initiative_status' }) status!: InitiativeStatus;
  @Column({ name: 'municipality_code', type: 'varchar', length: 6 }) municipalityCode!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('initiative_initiator')
export class InitiativeInitiatorEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid' }) initiativeId!: string;
  @PrimaryColumn({ name: 'professional_id', type: 'uuid' }) professionalId!: string;
  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' }) addedAt!: Date;
}

@Entity('initiative_theme')
export class InitiativeThemeEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid' }) initiativeId!: string;
  @PrimaryColumn({ name: 'discipline_id', type: 'integer' }) disciplineId!: number;
}

@Entity('expertise_need')
export class ExpertiseNeedEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'initiative_id', type: 'uuid' }) initiativeId!: string;
  @Column({ name: 'discipline_id', type: 'integer' }) disciplineId!: number;
  @Column({ type: 'enum', enum: ExpertiseLevel, enumName: 'expertise_level' }) level!: ExpertiseLevel;
  @Column({ name: 'hours_per_month', type: 'integer', nullable: true }) hoursPerMonth!: number | null;
  @Column({ type: 'boolean' }) fulfilled!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
