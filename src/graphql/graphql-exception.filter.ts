import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Hands errors of GraphQL operations to Apollo unchanged, where formatError (one place)
 * maps them to codes and logs the unexpected ones. Without it Nest would also log every
 * expected domain error (a wrong password, a forbidden edit) with a stack trace.
 * Plain HTTP routes keep Nest's default handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
