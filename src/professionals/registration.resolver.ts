import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService } from '../auth/auth.service.js';
import { Public } from '../graphql/access/access.decorators.js';
import { RateLimit, RateLimitBucket } from '../graphql/access/gql-throttler.guard.js';
import { AuthPayload } from './dto/auth-payload.type.js';
import { RegisterInput } from './dto/professional.inputs.js';
import { ProfessionalsService } from './professionals.service.js';

/** The sign-in mutations that create a person or answer with their profile (requestSignInLink is auth's). */
@Resolver()
export class RegistrationResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly professionals: ProfessionalsService,
  ) {}

  @Public()
  @RateLimit(RateLimitBucket.SIGN_IN_EMAIL)
  @Mutation(() => Boolean, { description: 'Always true; sends a sign-in link' })
  async register(@Args('input') input: RegisterInput): Promise<boolean> {
    await this.professionals.register(input);
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
