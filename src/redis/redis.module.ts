import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/runtime-config.js';
import { locateRedis, REDIS_LOCATION, type RedisLocation, redisOptions } from './redis-locator.js';
import { RedisStatus } from './redis-status.js';

export { REDIS_LOCATION } from './redis-locator.js';

/** A small client for health checks; BullMQ makes its own connections from the same URL. */
@Injectable()
export class RedisHealthClient implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(REDIS_LOCATION) location: RedisLocation) {
    this.client = new Redis(location.url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.client.on('error', () => undefined);
  }

  async ping(): Promise<boolean> {
    if (this.client.status === 'wait') await this.client.connect().catch(() => undefined);
    return (await this.client.ping().catch(() => null)) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: REDIS_LOCATION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => locateRedis(config.redisUrl, config.dataDir),
    },
    RedisHealthClient,
    RedisStatus,
  ],
  exports: [REDIS_LOCATION, RedisHealthClient, RedisStatus],
})
class RedisLocationModule {}

@Global()
@Module({
  imports: [
    RedisLocationModule,
    BullModule.forRootAsync({
      inject: [REDIS_LOCATION, AppConfig],
      useFactory: (location: RedisLocation, config: AppConfig) => ({
        // Workers block on Redis: they need maxRetriesPerRequest null (BullMQ's requirement).
        connection: { ...redisOptions(location.url), maxRetriesPerRequest: null },
        prefix: config.redisPrefix,
      }),
    }),
  ],
  exports: [RedisLocationModule],
})
export class RedisModule {}
