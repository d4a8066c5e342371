import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/runtime-config.js';
import { locateRedis, type RedisLocation, redisOptions } from './redis-locator.js';

export const REDIS_LOCATION = Symbol('REDIS_LOCATION');

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
  providers: [
    {
      provide: REDIS_LOCATION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => locateRedis(config.redisUrl, config.dataDir),
    },
    RedisHealthClient,
  ],
  exports: [REDIS_LOCATION, RedisHealthClient],
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
