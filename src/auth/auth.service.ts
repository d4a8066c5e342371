import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotAuthenticated } from '../common/domain-error.js';
import { normalizeEmail } from '../common/email-address.js';
import type { Role } from '../common/enums.js';
import { AppConfig } from '../config/runtime-config.js';
import type { Viewer, ViewerLookup } from '../graphql/viewer.js';
import { EmailQueue } from '../mail/email.queue.js';
import { AccountEntity } from './account.entity.js';
import { rolesFor } from './accounts.service.js';
import { hashSignInToken, newSignInToken, SIGN_IN_TOKEN_MINUTES } from './sign-in-tokens.js';
import { ViewerCache } from './viewer-cache.js';

interface TokenClaims {
  sub: string;
  /** Expiry, seconds since the epoch (jsonwebtoken sets it from JWT_TTL_SECONDS). */
  exp?: number;
}

@Injectable()
export class AuthService implements ViewerLookup {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly emails: EmailQueue,
    private readonly viewers: ViewerCache,
  ) {}

  /** Queues a sign-in link; the worker sends it if the address has an account (see ProfessionalsService.register). */
  async requestSignInLink(rawEmail: string, next: string | null = null): Promise<void> {
    await this.emails.add('sign-in-link', { email: normalizeEmail(rawEmail), next });
  }

  /** The account of a normalised address, if there is one. */
  async accountIdOf(email: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(`SELECT id FROM account WHERE lower(email) = $1`, [email]);
    return row?.id ?? null;
  }

  /** Stores a new single-use token for the account and returns it (for the emailed link). */
  async issueSignInToken(accountId: string): Promise<string> {
    const { token, hash } = newSignInToken();
    await this.db.query(
      `INSERT INTO sign_in_token (token_hash, account_id, expires_at)
       VALUES ($1, $2, now() + make_interval(mins => $3))`,
      [hash, accountId, SIGN_IN_TOKEN_MINUTES],
    );
    return token;
  }

  /** Exchanges an emailed token for a session token; the emailed one works once. */
  async signIn(token: string): Promise<{ token: string; accountId: string }> {
    // TypeORM returns [rows, affected] for UPDATE.
    const [[used]]: [{ account_id: string }[], number] = await this.db.query(
      `UPDATE sign_in_token SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING account_id`,
      [hashSignInToken(token)],
    );
    if (!used) throw new NotAuthenticated('This sign-in link is invalid, was used already or has expired');
    const account = await this.db.getRepository(AccountEntity).findOneByOrFail({ id: used.account_id });
    // Admin rights follow ADMIN_EMAILS at every sign-in, so removing an address revokes them.
    await this.db.getRepository(AccountEntity).update(account.id, {
      roles: rolesFor(account.email, this.config.adminEmails),
      lastSignInAt: new Date(),
    });
    this.viewers.forgetAccount(account.id);
    const claims: TokenClaims = { sub: account.id };
    return { token: await this.jwt.signAsync(claims), accountId: account.id };
  }

  /** Deletes sign-in tokens that expired more than a day ago; returns how many. */
  async purgeSignInTokens(): Promise<number> {
    const [, removed]: [unknown[], number] = await this.db.query(`DELETE FROM sign_in_token WHERE expires_at < now() - interval '1 day'`);
    return removed;
  }

  /**
   * The caller behind a bearer token, or null when the token is invalid or the account is gone.
   * A token that passed these checks less than a few seconds ago is not checked again
   * (ViewerCache says what may be stale meanwhile).
   */
  async viewerFromToken(token: string): Promise<Viewer | null> {
    const known = this.viewers.get(token);
    if (known) return known;
    const ticket = this.viewers.ticket();
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch {
      return null;
    }
    const [account]: { roles: Role[] }[] = await this.db.query(`SELECT roles FROM account WHERE id = $1`, [claims.sub]);
    if (!account) return null;
    const viewer: Viewer = { accountId: claims.sub, roles: account.roles };
    if (claims.exp !== undefined) this.viewers.remember(token, viewer, claims.exp * 1000 - Date.now(), ticket);
    return viewer;
  }
}
