import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DigestFrequency, type Locale, Role } from '../common/enums.js';
import { AppConfig } from '../config/runtime-config.js';
import { AccountEntity } from './account.entity.js';

/** An account as this service returns it to other features (the entity's fields). */
export type AccountRecord = AccountEntity;

/** What a person may change about their account (the matching preferences). */
export type AccountPreferences = Partial<Pick<AccountEntity, 'optedIn' | 'frequency' | 'maxIntroductionsPerDigest' | 'locale'>>;

export function rolesFor(email: string, adminEmails: ReadonlySet<string>): Role[] {
  return adminEmails.has(email.toLowerCase()) ? [Role.PROFESSIONAL, Role.ADMIN] : [Role.PROFESSIONAL];
}

/**
 * Every write to the account table. Writes that must be atomic with another feature's take the
 * caller's transaction manager (tx).
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async find(id: string): Promise<AccountRecord | null> {
    return this.db.getRepository(AccountEntity).findOneBy({ id });
  }

  /** A new account with the default preferences (weekly digests of at most 3), in the caller's transaction. */
  async create(tx: EntityManager, account: { id: string; email: string; locale: Locale }): Promise<void> {
    await tx.getRepository(AccountEntity).insert({
      id: account.id,
      email: account.email,
      roles: rolesFor(account.email, this.config.adminEmails),
      locale: account.locale,
      optedIn: true,
      frequency: DigestFrequency.WEEKLY,
      maxIntroductionsPerDigest: 3,
    });
  }

  /** Applies the changes and returns the account, or null when it is gone. */
  async updatePreferences(id: string, changes: AccountPreferences): Promise<AccountRecord | null> {
    const repo = this.db.getRepository(AccountEntity);
    if (Object.keys(changes).length > 0) await repo.update(id, changes);
    return repo.findOneBy({ id });
  }

  /** Deletes the account; cascades to professional, offers, seeks, initiator rows and sign-in tokens. */
  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM account WHERE id = $1`, [id]);
  }

  /** No more digests (one-click unsubscribe). */
  async optOut(id: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.query(`UPDATE account SET opted_in = false, updated_at = now() WHERE id = $1 AND opted_in`, [id]);
  }

  /** Weekly digests again for an account paused for unanswered digests; a no-op otherwise. */
  async resumeDigests(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE account SET digest_frequency = 'WEEKLY', opted_in = true, updated_at = now() WHERE id = $1 AND digest_frequency = 'PAUSED'`, [id]);
  }

  /**
   * Pauses the opted-in accounts that let `unansweredInRow` digests in a row go unanswered
   * (digest_state, read only here) and returns their ids, in the caller's transaction.
   */
  async pauseUnansweredDigests(tx: EntityManager, unansweredInRow: number): Promise<string[]> {
    const [paused]: [{ id: string }[], number] = await tx.query(
      `UPDATE account a SET digest_frequency = 'PAUSED', updated_at = now()
       FROM digest_state d
       WHERE d.account_id = a.id AND d.unanswered_in_row >= $1 AND a.digest_frequency <> 'PAUSED' AND a.opted_in
       RETURNING a.id`,
      [unansweredInRow],
    );
    return paused.map(({ id }) => id);
  }
}
