import { createHash } from 'node:crypto';
import { applyDecorators, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import type { GraphQLContext } from '../graphql-context.js';
import { RateLimited } from '../../common/domain-error.js';
import { normalizeEmail } from '../../common/email-address.js';

/**
 * A set of mutations that draw on the same counts. Every mutation that emails an address is in
 * SIGN_IN_EMAIL, so together they send at most the per-address limit of links to one address,
 * however the requests are spread over register and requestSignInLink.
 */
export enum RateLimitBucket {
  SIGN_IN_EMAIL = 'sign-in-email',
  SIGN_IN = 'sign-in',
}

const BUCKET = Symbol('rate-limit-bucket');

/** Rate-limits a mutation in a bucket (see RATE_LIMITS for the limits). */
export const RateLimit = (bucket: RateLimitBucket): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(BUCKET, bucket), UseGuards(GqlThrottlerGuard));

/**
 * Rate limits for GraphQL mutations: the "client" throttler counts per IP address, the
 * "address" throttler per email address in the arguments (so one inbox cannot be flooded
 * from many clients), each per bucket rather than per mutation.
 */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    const { req, res } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    return { req: req as unknown as Record<string, unknown>, res: res as unknown as Record<string, unknown> };
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.throttler.name !== 'address') return super.handleRequest(request);
    const args = GqlExecutionContext.create(request.context).getArgs<{ email?: string; input?: { email?: string } }>();
    const email = args.email ?? args.input?.email;
    if (!email) return true;
    return super.handleRequest({ ...request, getTracker: async () => `email:${normalizeEmail(email)}` });
  }

  /** One counter per bucket, throttler and tracker; hashed, so Redis keys show no address. */
  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    const bucket = this.reflector.get<RateLimitBucket | undefined>(BUCKET, context.getHandler()) ?? `${context.getClass().name}-${context.getHandler().name}`;
    return createHash('sha256').update(`${bucket}-${throttlerName}-${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new RateLimited();
  }
}
