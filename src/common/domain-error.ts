// Domain errors carry one of the contract's error codes; one place (graphql-errors.ts)
// maps them to GraphQL `extensions.code`. Services never throw HTTP exceptions.
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A service the request needs (Redis, PostgreSQL) is down for a moment: try again. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra machine-readable details for the client (never secrets). */
  readonly details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class NotAuthenticated extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'Sign in to do this') {
    super(message);
  }
}

export class Forbidden extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'You may not do this') {
    super(message);
  }
}

export class InvalidInput extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
}

export class NotFound extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
}

export class Conflict extends DomainError {
  readonly code = ErrorCode.CONFLICT;
}

export class UnknownDiscipline extends InvalidInput {
  constructor(slug: string) {
    super(`Unknown discipline "${slug}"`, { field: 'discipline', value: slug });
  }
}

export class UnknownMunicipality extends InvalidInput {
  constructor(code: string) {
    super(`Unknown municipality "${code}"`, { field: 'municipalityCode', value: code });
  }
}

export class UnknownProvince extends InvalidInput {
  constructor(code: string) {
    super(`Unknown province "${code}"`, { field: 'provinceCode', value: code });
  }
}

export class RateLimited extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor() {
    super('Too many requests; try again later');
  }
}

/** Redis or PostgreSQL is unreachable: the request may be sent again in a moment. */
export class ServiceUnavailable extends DomainError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(message = 'Verbinder is briefly unavailable; nothing was done. Try again in a minute.') {
    super(message, { retryable: true });
  }
}
