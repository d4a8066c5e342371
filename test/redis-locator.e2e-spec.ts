// Finding Redis without configuration (medium tier: real Redis and redis-server binaries).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { locateRedis, redisOptions, startLocalRedis } from '../src/redis/redis-locator.js';

describe('locating Redis', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verbinder-redis-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('uses REDIS_URL when it is set, without probing', async () => {
    const location = await locateRedis('redis://redis.example:6390/2', dataDir);
    expect(location.url).toBe('redis://redis.example:6390/2');
    expect(redisOptions(location.url)).toMatchObject({ host: 'redis.example', port: 6390, db: 2 });
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
