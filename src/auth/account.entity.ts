import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DigestFrequency, type Locale, Role } from '../common/enums.js';

/** Who can sign in, and how they want to be matched. Private: never exposed to others. */
@Entity('account')
export class AccountEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ type: 'text', array: true }) roles!: Role[];
  @Column({ type: 'varchar', length: 2 }) locale!: Locale;
  @Column({ name: 'opted_in', type: 'boolean' }) optedIn!: boolean;
  @Column({ name: 'digest_frequency', type: 'enum', enum: DigestFrequency, enumName: 'digest_frequency' })
  frequency!: DigestFrequency;
  @Column({ name: 'max_introductions_per_digest', type: 'integer' }) maxIntroductionsPerDigest!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true }) lastSignInAt!: Date | null;
}
