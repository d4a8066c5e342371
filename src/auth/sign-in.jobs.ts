import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/job-handlers.js';
import type { JobPayloads } from '../jobs/jobs.js';
import { AuthService } from './auth.service.js';
import { SignInLinkMailer } from './sign-in-link.mailer.js';

/** The worker side of sign-in: sign-in links and the purge of old tokens (registrations: professionals/registration.jobs.ts). */
@Injectable()
export class SignInJobs {
  constructor(
    private readonly auth: AuthService,
    private readonly signInLinks: SignInLinkMailer,
  ) {}

  @OnJob('email', 'sign-in-link')
  async signInLink({ email, next }: JobPayloads['email']['sign-in-link']): Promise<void> {
    const accountId = await this.auth.accountIdOf(email);
    // An unknown address gets nothing, and the requester never learns which it was. A request
    // that overtakes the queued registration of its address is unknown too: the registration
    // sends the link itself, so the person still gets one.
    if (accountId) await this.signInLinks.send(accountId, next ?? null);
  }

  @OnJob('maintenance', 'purge-sign-in-tokens', { every: '17 3 * * *', why: 'expired sign-in links are of no use to anyone' })
  purgeTokens(): Promise<number> {
    return this.auth.purgeSignInTokens();
  }
}
