// Whether this process can reach Redis, told once per outage. A process holds a dozen Redis
// connections (queues, workers, their blocking twins, rate limits), each retrying about every
// second while Redis is away, and BullMQ prints every failed attempt of a connection nobody
// listens to. So every connection's connection errors are taken here and dropped, one client
// of its own decides when Redis went away and came back, and it logs one warning and one
// line; whoever must put back what a restarted Redis lost listens to `onReconnect`.
import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { FlowProducer, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describeConnectionError, isTransientConnectionError, maskUrl } from '../common/startup-wait.js';
import { REDIS_LOCATION, type RedisLocation } from './redis-locator.js';

/** How often the status client tries Redis again while it is away. */
const RETRY_MS = 1_000;

interface ErrorSource {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

@Injectable()
export class RedisStatus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedisStatus.name);
  private readonly client: Redis;
  private readonly reconnects = new EventEmitter();
  private readonly where: string;
  private connectedOnce = false;
  private downSince: number | null = null;

  constructor(
    @Inject(REDIS_LOCATION) location: RedisLocation,
    private readonly discovery: DiscoveryService,
  ) {
    this.where = `REDIS_URL=${maskUrl(location.url)}`;
    this.client = new Redis(location.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => RETRY_MS,
      connectionName: 'verbinder:status',
    });
    this.client.on('error', (error: Error) => this.wentAway(error));
    this.client.on('ready', () => this.isBack());
  }

  /** Whether the status client is connected now. */
  get reachable(): boolean {
    return this.client.status === 'ready';
  }

  /** Calls `listener` each time Redis answers again after the connection was lost (not at the first connect). */
  onReconnect(listener: () => void): void {
    this.reconnects.on('reconnect', listener);
  }

  /** Takes the errors of a connection this class does not own: connection errors are dropped, others logged. */
  watch(source: ErrorSource, name: string): void {
    source.on('error', (error: Error) => {
      if (isTransientConnectionError(error)) return;
      this.logger.warn({ msg: 'Redis error', source: name, err: error });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { instance, name } of this.discovery.getProviders()) {
      if (instance instanceof Queue || instance instanceof FlowProducer) this.watch(instance, String(name));
      else if (instance instanceof WorkerHost) this.watch(instance.worker, String(name));
    }
    await this.client.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.reconnects.removeAllListeners();
    this.client.disconnect();
  }

  private wentAway(error: Error): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.logger.warn(`Redis at ${this.where} is unreachable (${describeConnectionError(error)}); retrying every second, queued work waits`);
  }

  private isBack(): void {
    const first = !this.connectedOnce;
    this.connectedOnce = true;
    if (this.downSince !== null) {
      this.logger.log(`Redis at ${this.where} is reachable again after ${((Date.now() - this.downSince) / 1000).toFixed(1)} s`);
      this.downSince = null;
    }
    if (!first) this.reconnects.emit('reconnect');
  }
}
