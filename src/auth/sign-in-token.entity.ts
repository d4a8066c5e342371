import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A single-use sign-in link; only the SHA-256 of the token is stored. */
@Entity('sign_in_token')
export class SignInTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 }) tokenHash!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
