import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ServiceUnavailable } from '../common/domain-error.js';
import { AppConfig } from '../config/runtime-config.js';
import { type JobName, type JobPayloads, QUEUES, SIGN_IN_JOB_OPTIONS } from '../jobs/jobs.js';
import { REDIS_LOCATION } from '../redis/redis.module.js';
import { failFastRedisOptions, type RedisLocation } from '../redis/redis-locator.js';

/**
 * Typed producer of the email queue for sign-in requests. It has a connection of its own that
 * fails at once while Redis is down, so a request gets a retryable SERVICE_UNAVAILABLE instead of
 * waiting for Redis to return; the email workers keep their waiting connections.
 */
@Injectable()
export class EmailQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailQueue.name);
  private readonly queue: Queue;

  constructor(@Inject(REDIS_LOCATION) location: RedisLocation, config: AppConfig) {
    this.queue = new Queue(QUEUES.email, { connection: failFastRedisOptions(location.url), prefix: config.redisPrefix });
    // Reconnection attempts fail while Redis is down; a request that needs Redis reports it.
    this.queue.on('error', () => undefined);
  }

  async add<N extends JobName<'email'>>(name: N, payload: JobPayloads['email'][N]): Promise<void> {
    try {
      await this.queue.add(name, payload, SIGN_IN_JOB_OPTIONS);
    } catch (error) {
      // The message only: a Redis error can carry the command's arguments, the person's address.
      this.logger.warn({ job: name, reason: error instanceof Error ? error.message : String(error) }, 'email job not queued: Redis unavailable');
      throw new ServiceUnavailable();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
