import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isWebAppPath } from '../common/validation-patterns.js';
import { AppConfig } from '../config/runtime-config.js';
import { MailService } from '../mail/mail.service.js';
import { render } from '../mail/templates/render.js';
import { SIGN_IN_LINK } from './sign-in-link.template.js';
import { AuthService } from './auth.service.js';
import { SIGN_IN_TOKEN_MINUTES } from './sign-in-tokens.js';

/** Worker side of sign-in: makes a fresh token and emails the link. */
@Injectable()
export class SignInLinkMailer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  /** `next`: the web app's page to open after signing in (validated by the API; re-checked, as a job may be old). */
  async send(accountId: string, next: string | null = null): Promise<void> {
    const [account]: { email: string; locale: string; name: string }[] = await this.db.query(
      `SELECT a.email, a.locale, p.name FROM account a JOIN professional p ON p.id = a.id WHERE a.id = $1`,
      [accountId],
    );
    if (!account) return; // deleted since the request: nothing to send
    const token = await this.auth.issueSignInToken(accountId);
    const back = next && isWebAppPath(next) ? `&next=${encodeURIComponent(next)}` : '';
    const link = `${this.config.publicUrl}/aanmelden?token=${encodeURIComponent(token)}${back}`;
    const message = render(SIGN_IN_LINK, account.locale, { name: account.name, link, minutes: SIGN_IN_TOKEN_MINUTES });
    await this.mail.send({ to: account.email, ...message });
  }
}
