// How a starting process waits for a service it cannot run without (PostgreSQL, Redis): a
// service that is still coming up (a container started together with the app) gets a few
// seconds; one that stays away, or refuses us for good, ends the start with one line that
// names the setting, instead of hanging or retrying for ever.

/** How long a starting process retries a service that does not answer. */
export const STARTUP_WAIT_MS = 10_000;
/** One connection attempt, DNS lookup included; the last attempt starts before the wait is over. */
export const ATTEMPT_TIMEOUT_MS = 2_000;
const RETRY_DELAY_MS = 500;

/** Error codes of a service that is away or still starting, worth another attempt. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: cannot_connect_now ("the database system is starting up").
  '57P03',
]);

/** The code of a connection error (Node's errno code or PostgreSQL's SQLSTATE), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isTransientConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  if (code) return TRANSIENT_CODES.has(code);
  // Without a code: a pg connect that timed out, or Redis still loading its dataset.
  const message = error instanceof Error ? error.message : String(error);
  return /timeout|timed out|^LOADING\b|Connection is closed/i.test(message);
}

/** A URL as it may be shown: without its password (and without a query, which may hold secrets). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.search = '';
    return u.toString();
  } catch {
    return '(not a valid URL)';
  }
}

/** Why a connection failed, in a few words: the error code, else the first line of the message. */
export function describeConnectionError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const code = errorCode(error);
  return code && /^E[A-Z_]+$/.test(code) ? code : message.slice(0, 200);
}

/**
 * The one line a start that gave up on a service ends with, e.g.
 * `Cannot reach Redis at REDIS_URL=redis://127.0.0.1:6379 (ECONNREFUSED); is it running?`.
 */
export function unreachableMessage(service: string, setting: string, url: string, error: unknown): string {
  const where = `${service} at ${setting}=${maskUrl(url)}`;
  return isTransientConnectionError(error)
    ? `Cannot reach ${where} (${describeConnectionError(error)}); is it running?`
    : `${where} refused the connection: ${describeConnectionError(error)}`;
}

/**
 * Calls `attempt` until it succeeds, fails with an error that is not transient, or
 * STARTUP_WAIT_MS have passed; then rethrows the last error. Quiet: the caller turns the
 * error into the one line a person reads.
 */
export async function waitForService<T>(attempt: () => Promise<T>, waitMs = STARTUP_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransientConnectionError(error) || Date.now() + RETRY_DELAY_MS >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}
