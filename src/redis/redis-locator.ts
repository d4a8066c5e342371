// Finds a Redis to use: REDIS_URL, else one answering on 127.0.0.1:6379, else a
// redis-server from PATH started on a free port with its files under DATA_DIR. Redis has
// no embedded form, so without any of these the process stops with a one-line hint.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ATTEMPT_TIMEOUT_MS, STARTUP_WAIT_MS, unreachableMessage, waitForService } from '../common/startup-wait.js';

export interface RedisLocation {
  url: string;
  /** Stops the redis-server this process started, if any. */
  stop(): Promise<void>;
}

/** The injection token of the RedisLocation the process uses. */
export const REDIS_LOCATION = Symbol('REDIS_LOCATION');

export class RedisUnavailable extends Error {}

const DEFAULT_URL = 'redis://127.0.0.1:6379';

export async function locateRedis(redisUrl: string | undefined, dataDir: string): Promise<RedisLocation> {
  const none = async (): Promise<void> => {};
  if (redisUrl) {
    await waitForRedis(redisUrl);
    return { url: redisUrl, stop: none };
  }
  if (await answers(DEFAULT_URL)) return { url: DEFAULT_URL, stop: none };
  const started = await startLocalRedis(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!started) {
    throw new RedisUnavailable(
      'Verbinder needs Redis: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server (apt-get install redis-server, brew install redis).',
    );
  }
  return started;
}

/**
 * Waits for the Redis of REDIS_URL (STARTUP_WAIT_MS at most, startup-wait.ts): without it the
 * queues' connections would retry for ever, and the process would neither start nor stop.
 */
export async function waitForRedis(url: string, waitMs = STARTUP_WAIT_MS): Promise<void> {
  try {
    await waitForService(() => ping(url, ATTEMPT_TIMEOUT_MS), waitMs);
  } catch (error) {
    throw new RedisUnavailable(unreachableMessage('Redis', 'REDIS_URL', url, error));
  }
}

/** One connection and PING, no retries; rejects with the reason it failed. */
async function ping(url: string, timeoutMs: number): Promise<void> {
  let failure: unknown;
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // ioredis reports why a connection failed (refused, wrong password) as an event; the promise only says it closed.
  client.on('error', (error: unknown) => (failure ??= error));
  try {
    await client.connect();
    const answer = await client.ping();
    if (answer !== 'PONG') throw new Error(`unexpected answer to PING: ${answer}`);
  } catch (error) {
    throw failure ?? error;
  } finally {
    client.disconnect();
  }
}

async function answers(url: string): Promise<boolean> {
  return ping(url, 500).then(
    () => true,
    () => false,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server from PATH on a free loopback port, its files under DATA_DIR/redis. */
export async function startLocalRedis(dataDir: string): Promise<RedisLocation> {
  const dir = join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  // Append-only file under DATA_DIR: queued jobs survive a restart of this process.
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => resolve());
  });
  // Whatever ends this process (a failed start, a shutdown deadline), the server goes with it.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50 && !(await answers(url)); attempt++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await answers(url))) {
    child.kill('SIGKILL');
    throw new RedisUnavailable(`redis-server did not answer on port ${port}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** ioredis options from a redis:// or rediss:// URL (BullMQ takes options, not a URL). */
export function redisOptions(url: string): { host: string; port: number; username?: string; password?: string; db: number; tls?: object } {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number(u.pathname.slice(1) || 0),
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * ioredis options for connections that serve a request (rate limits, adding a sign-in job):
 * during a Redis outage a command fails at once, or within a second when Redis hangs, instead of
 * waiting in ioredis' offline queue until Redis returns; the caller answers a retryable error.
 * The connection tries again every 0.1–1 s, so requests work again about a second after Redis
 * is back. Workers keep waiting connections instead (BullMQ's advice for each side).
 */
export function failFastRedisOptions(url: string) {
  return {
    ...redisOptions(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
  };
}
