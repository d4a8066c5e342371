import pg from 'pg';
import { ATTEMPT_TIMEOUT_MS, STARTUP_WAIT_MS, unreachableMessage, waitForService } from '../common/startup-wait.js';

/** PostgreSQL cannot be reached, or refuses us: the process stops with this one line. */
export class DatabaseUnavailable extends Error {}

/**
 * Waits for the PostgreSQL of DATABASE_URL (STARTUP_WAIT_MS at most, startup-wait.ts) with one
 * plain connection per attempt, so that a server that is away ends the start with one line
 * instead of the data source's retries and stack traces.
 */
export async function waitForDatabase(url: string, waitMs = STARTUP_WAIT_MS): Promise<void> {
  try {
    await waitForService(async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ATTEMPT_TIMEOUT_MS });
      client.on('error', () => undefined);
      try {
        await client.connect();
      } finally {
        await client.end().catch(() => undefined);
      }
    }, waitMs);
  } catch (error) {
    throw new DatabaseUnavailable(unreachableMessage('PostgreSQL', 'DATABASE_URL', url, error));
  }
}
