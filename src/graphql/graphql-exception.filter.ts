import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { GRAPHQL_PATH } from './graphql-context.js';

/**
 * Hands errors of GraphQL operations to Apollo unchanged, where formatError (one place)
 * maps them to codes and logs the unexpected ones. Without it Nest would also log every
 * expected domain error (a wrong password, a forbidden edit) with a stack trace.
 * A request to /graphql that fails before Apollo sees it (a body that is not JSON, or too
 * large) gets a GraphQL-shaped answer with its 4xx status, as Apollo's own BAD_REQUEST
 * answers are. Plain HTTP routes keep Nest's default handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const http = host.switchToHttp();
    const request = http.getRequest<{ path: string }>();
    if (exception instanceof HttpException && exception.getStatus() < 500 && request.path === GRAPHQL_PATH) {
      const status = exception.getStatus();
      // body-parser's own message quotes the body back ("Unexpected token …").
      const message = exception.cause instanceof SyntaxError ? 'The request body is not valid JSON' : exception.message;
      http.getResponse<{ status(code: number): { json(body: unknown): void } }>().status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      return undefined;
    }
    return super.catch(exception, host);
  }
}
