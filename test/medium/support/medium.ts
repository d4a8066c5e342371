// The medium tier's harness: one test file, one fresh database cloned from the run's template
// (every migration, reference data included; test/support/database.ts), one Redis key prefix,
// and a Nest testing module with the real DataSource and only the providers the file names.
// No HTTP, no mocks.
import { randomBytes } from 'node:crypto';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, type ForwardReference, Module, type Provider, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { validateEnv } from '../../../src/config/app-config.js';
import { AppConfig } from '../../../src/config/runtime-config.js';
import { dataSourceOptions } from '../../../src/database/data-source.js';
import { redisOptions } from '../../../src/redis/redis-locator.js';
import { createTestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL } from '../../support/test-env.js';
import { type Make, makeFactories } from './make.js';

type Import = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface MediumOptions {
  /** The services under test and what they need (the file's whole module: keep it small). */
  providers: Provider[];
  /** Modules to import besides the database (e.g. `BullModule.registerQueue(...)`). */
  imports?: Import[];
  /** BullMQ on the real Redis under this file's prefix (the queues still need registering). */
  redis?: boolean;
  /** Environment variables for AppConfig (always provided), e.g. `{ MATCH_SHARD_PEOPLE: '50' }`. */
  env?: Record<string, string>;
}

export interface Medium {
  module: TestingModule;
  db: DataSource;
  make: Make;
  /** The Redis key prefix of this file (BullMQ's `prefix`). */
  prefix: string;
  redisUrl: string;
  get<T>(type: Type<T>): T;
  /** Closes the module, drops the database and deletes the file's Redis keys. */
  close(): Promise<void>;
}

@Module({})
class MediumConfigModule {}

export async function startMedium(options: MediumOptions): Promise<Medium> {
  const database = await createTestDatabase();
  const prefix = `verbinder-medium-${randomBytes(4).toString('hex')}`;
  const config = await AppConfig.resolve(
    validateEnv({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      // Given, so that AppConfig does not write a generated one under DATA_DIR.
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...options.env,
    }),
  );
  let module: TestingModule | undefined;
  try {
    module = await Test.createTestingModule({
      imports: [
        // Global, as the app's ConfigModule is: imported modules (EmailLinksModule) need it too.
        { module: MediumConfigModule, global: true, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] },
        // The template has every migration already.
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url, 4), logging: false, logger: 'simple-console' }),
        ...(options.redis
          ? [BullModule.forRoot({ connection: { ...redisOptions(TEST_REDIS_URL), maxRetriesPerRequest: null }, prefix })]
          : []),
        ...(options.imports ?? []),
      ],
      providers: options.providers,
    }).compile();
    await module.init();
  } catch (error) {
    await module?.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const db = module.get<DataSource>(getDataSourceToken());
  const testing = module;
  return {
    module: testing,
    db,
    make: makeFactories(db),
    prefix,
    redisUrl: TEST_REDIS_URL,
    get: <T>(type: Type<T>) => testing.get(type),
    async close() {
      try {
        await testing.close();
      } finally {
        await database.drop();
        await deleteKeys(prefix);
      }
    },
  };
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
