import { Injectable } from '@nestjs/common';
import { SignInLinkMailer } from '../auth/sign-in-link.mailer.js';
import { OnJob } from '../jobs/job-handlers.js';
import type { JobPayloads } from '../jobs/jobs.js';
import { ProfessionalsService } from './professionals.service.js';

/** The worker side of `register`: the account and profile, unless the address has them, then a sign-in link either way. */
@Injectable()
export class RegistrationJobs {
  constructor(
    private readonly professionals: ProfessionalsService,
    private readonly signInLinks: SignInLinkMailer,
  ) {}

  @OnJob('email', 'registration')
  async registration(registration: JobPayloads['email']['registration']): Promise<void> {
    await this.signInLinks.send(await this.professionals.accountForRegistration(registration), registration.next ?? null);
  }
}
