// The one place where errors become what a GraphQL client sees: a message and one of the
// contract's `extensions.code` values. Never a stack trace; unexpected errors are logged
// here and reach the client as INTERNAL_SERVER_ERROR without details.
import { HttpException, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode, ServiceUnavailable } from '../common/domain-error.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';

/** Prefix of the messages our query-limit rules produce (see query-limits.ts). */
export const QUERY_TOO_COMPLEX_MARKER = 'Query too complex';

/** graphql-js's parse error for a document over the token limit (query-limits.ts); "that" is its typo. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\b/;

const logger = new Logger('GraphQL');

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.RATE_LIMITED,
};

/** Codes Apollo assigns to requests it rejects before execution; passed through as they are. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  const domain = asDomainError(original, formatted);
  if (domain) {
    return { ...base, message: domain.message, extensions: { code: domain.code, ...domain.details } };
  }
  // Only errors raised while the query is parsed and validated (they have no path), so a
  // message from elsewhere that happens to contain the marker is never passed through.
  if (!formatted.path && formatted.message.includes(QUERY_TOO_COMPLEX_MARKER)) {
    // graphql-armor's rules word their errors as syntax errors.
    return { ...base, message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    return { ...base, message: `${QUERY_TOO_COMPLEX_MARKER}: more than ${tokens[1]} tokens`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (original instanceof HttpException) {
    const code = HTTP_CODES[original.getStatus()];
    if (code) return { ...base, message: original.message, extensions: { code } };
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && REQUEST_ERROR_CODES.has(apolloCode)) {
    return { ...base, extensions: { code: apolloCode } };
  }
  logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * The domain error an error stands for: one thrown by a resolver, one wrapped by a plugin that
 * rejects a request before execution, or a lost database connection, which is not a bug but an
 * outage (a PostgreSQL restart): readiness reports it, and the client may retry.
 */
function asDomainError(original: unknown, formatted: GraphQLFormattedError): DomainError | null {
  const error = original instanceof GraphQLError && original.originalError instanceof DomainError ? original.originalError : original;
  if (error instanceof DomainError) return error;
  if (!isDatabaseUnavailable(original)) return null;
  logger.warn({ err: original, path: formatted.path }, 'database unavailable during a GraphQL operation');
  return new ServiceUnavailable('Verbinder is briefly unavailable. Try again in a minute.');
}

/**
 * The error without graphql-js's "Did you mean …?" hint. Apollo's hideSchemaDetailsFromClientErrors
 * removes it from validation errors only; variable values (an enum misspelt in `variables`) carry it too.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return { ...formatted, message: formatted.message.replace(/ ?Did you mean(.+?)\?$/, '') };
}
