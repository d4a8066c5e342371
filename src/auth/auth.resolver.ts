import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ProfessionalsService } from '../professionals/professionals.service.js';
import { RegisterInput } from '../professionals/dto/professional.inputs.js';
import { Public } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { AuthPayload } from './dto/auth.types.js';
import { RateLimit, RateLimitBucket } from './gql-throttler.guard.js';
import { EmailArgs } from './dto/email.args.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly professionals: ProfessionalsService,
  ) {}

  @Public()
  @RateLimit(RateLimitBucket.SIGN_IN_EMAIL)
  @Mutation(() => Boolean, { description: 'Always true; sends a sign-in link' })
  async register(@Args('input') input: RegisterInput): Promise<boolean> {
    await this.auth.register(input);
    return true;
  }

  @Public()
  @RateLimit(RateLimitBucket.SIGN_IN_EMAIL)
  @Mutation(() => Boolean, { description: 'Always true; never reveals whether the email exists' })
  async requestSignInLink(@Args() { email }: EmailArgs): Promise<boolean> {
    await this.auth.requestSignInLink(email);
    return true;
  }

  @Public()
  @RateLimit(RateLimitBucket.SIGN_IN)
  @Mutation(() => AuthPayload, { description: 'Token from the emailed link, single use' })
  async signIn(@Args('token') token: string): Promise<AuthPayload> {
    const session = await this.auth.signIn(token.slice(0, 200));
    return { token: session.token, me: await this.professionals.me(session.accountId) };
  }
}
