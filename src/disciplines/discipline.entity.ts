import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('discipline')
export class DisciplineEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' }) id!: number;
  @Column({ type: 'varchar', length: 64 }) slug!: string;
  @Column({ name: 'parent_id', type: 'integer', nullable: true }) parentId!: number | null;
  @Column({ name: 'name_nl', type: 'text' }) nameNl!: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn!: string;
  @Column({ type: 'integer' }) position!: number;
}
