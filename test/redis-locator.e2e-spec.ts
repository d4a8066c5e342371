// Finding Redis without configuration (medium tier: real Redis and redis-server binaries).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { locateRedis, RedisUnavailable, redisOptions, startLocalRedis, waitForRedis } from '../src/redis/redis-locator.js';
import { freePort } from './support/test-app.js';
import { TEST_REDIS_URL } from './support/test-env.js';

describe('locating Redis', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verbinder-redis-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('uses REDIS_URL when it is set and answers', async () => {
    const url = `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/2`;
    const location = await locateRedis(url, dataDir);
    expect(location.url).toBe(url);
    expect(redisOptions('redis://user:p%40ss@redis.example:6390/2')).toMatchObject({ host: 'redis.example', port: 6390, db: 2, username: 'user', password: 'p@ss' });
  });

  it('stops with one line naming REDIS_URL, its password masked, when that Redis does not answer', async () => {
    const port = await freePort();
    const started = Date.now();
    const failure = waitForRedis(`redis://:hunter2@127.0.0.1:${port}`, 1_500);
    await expect(failure).rejects.toBeInstanceOf(RedisUnavailable);
    await expect(failure).rejects.toThrow(`Cannot reach Redis at REDIS_URL=redis://:***@127.0.0.1:${port} (ECONNREFUSED); is it running?`);
    // Retried until the wait is over, not longer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('starts a redis-server from PATH on a free port with its files under DATA_DIR, and stops it', async () => {
    const location = await startLocalRedis(dataDir);
    const client = new Redis(location.url);
    try {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      client.disconnect();
      await location.stop();
    }
    expect(existsSync(join(dataDir, 'redis'))).toBe(true);
    const probe = new Redis(location.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    await expect(probe.connect()).rejects.toThrow();
    probe.disconnect();
  });
});
