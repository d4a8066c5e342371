import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('municipality')
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'province_code', type: 'varchar', length: 4 }) provinceCode!: string;
  @Column({ type: 'double precision' }) latitude!: number;
  @Column({ type: 'double precision' }) longitude!: number;
  @Column({ name: 'search_names', type: 'text', select: false }) searchNames!: string;
}
