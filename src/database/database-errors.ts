// Errors that mean "PostgreSQL cannot be reached right now" (a restart, a failover, a full
// connection table), as opposed to a bad query: a request that meets one is answered as
// retryable SERVICE_UNAVAILABLE instead of an internal error.

/** SQLSTATEs of a lost or refused connection: class 08, shutdowns and restarts (57P01–57P03), too many connections. */
const UNAVAILABLE_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);
/** What node and the pg driver say when a socket is refused, cut or never answers. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const DRIVER_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || NETWORK_CODES.has(code))) return true;
    // A database closed to connections (ALLOW_CONNECTIONS false, as during maintenance).
    if (code === '55000' && typeof message === 'string' && message.includes('not currently accepting connections')) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
    // TypeORM keeps the driver's error as driverError; others chain with cause.
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
