import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../graphql/access/access.decorators.js';
import { RateLimit, RateLimitBucket } from '../graphql/access/gql-throttler.guard.js';
import { AuthService } from './auth.service.js';
import { SignInLinkArgs } from './dto/email.args.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimit(RateLimitBucket.SIGN_IN_EMAIL)
  @Mutation(() => Boolean, { description: 'Always true; never reveals whether the email exists' })
  async requestSignInLink(@Args() { email, next }: SignInLinkArgs): Promise<boolean> {
    await this.auth.requestSignInLink(email, next ?? null);
    return true;
  }
}
