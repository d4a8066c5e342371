// Errors that mean "PostgreSQL cannot be reached right now" (a restart, a failover, a full
// connection table), as opposed to a bad query: a request that meets one is answered as
// retryable SERVICE_UNAVAILABLE instead of an internal error.
import { errorCode, isTransientConnectionError } from '../common/startup-wait.js';

/**
 * SQLSTATEs of a lost or refused connection beyond those a starting process retries
 * (startup-wait.ts: the network's codes and 57P03): class 08, shutdowns (57P01, 57P02), too
 * many connections.
 */
const UNAVAILABLE_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '53300']);
/** What the pg driver says, without a code, when a connection is cut or never comes. */
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = errorCode(e);
    const { message } = e as { message?: unknown };
    if (code && (UNAVAILABLE_CODES.has(code) || isTransientConnectionError(e))) return true;
    // A database closed to connections (ALLOW_CONNECTIONS false, as during maintenance).
    if (code === '55000' && typeof message === 'string' && message.includes('not currently accepting connections')) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
    // TypeORM keeps the driver's error as driverError; others chain with cause.
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
