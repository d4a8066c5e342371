import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ServiceUnavailable } from '../../common/domain-error.js';
import { failFastRedisOptions } from '../../redis/redis-locator.js';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate-limit counters in Redis (so the limits hold across every API process), on a
 * connection that fails fast: while Redis is down a rate-limited request answers
 * SERVICE_UNAVAILABLE at once, never unlimited and never after waiting for Redis.
 */
export class RateLimitStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitStorage.name);
  private readonly redis: ThrottlerStorageRedisService;

  constructor(redisUrl: string, keyPrefix: string) {
    this.redis = new ThrottlerStorageRedisService({ ...failFastRedisOptions(redisUrl), keyPrefix });
    // Reconnection attempts fail while Redis is down; each request that needs Redis reports it.
    this.redis.redis.on('error', () => undefined);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    try {
      return await this.redis.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.logger.warn({ throttler: throttlerName, reason: error instanceof Error ? error.message : String(error) }, 'rate limit not counted: Redis unavailable');
      throw new ServiceUnavailable();
    }
  }

  /** The Redis connection, for watching its state (redis-status.ts). */
  get connection(): ThrottlerStorageRedisService['redis'] {
    return this.redis.redis;
  }

  onModuleDestroy(): void {
    this.redis.onModuleDestroy();
  }
}
