import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('province')
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 }) code!: string;
  @Column({ type: 'text' }) name!: string;
}
