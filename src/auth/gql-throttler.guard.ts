import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { RateLimited } from '../common/domain-error.js';
import { normalizeEmail } from './auth.service.js';

/**
 * Rate limits for GraphQL mutations: the "client" throttler counts per IP address, the
 * "address" throttler per email address in the arguments (so one inbox cannot be flooded
 * from many clients).
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

  protected override async throwThrottlingException(): Promise<void> {
    throw new RateLimited();
  }
}

