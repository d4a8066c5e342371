// Starting and stopping a process: configuration errors and missing services end it
// with one line; SIGTERM/SIGINT close it gracefully (HTTP stops accepting, running jobs
// finish, connections close), with a hard deadline.
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError, validateEnv } from './config/app-config.js';
import { AppConfig } from './config/runtime-config.js';
import { EmbeddedPostgresLocked } from './database/embedded-postgres.js';
import { REDIS_LOCATION } from './redis/redis.module.js';
import type { RedisLocation } from './redis/redis-locator.js';
import { RedisUnavailable } from './redis/redis-locator.js';
import type { ProcessRole } from './app.module.js';

const SHUTDOWN_DEADLINE_MS = 25_000;

/** Creates (but does not start listening) the application for a role; tests use it too. */
export async function createApp(role: ProcessRole): Promise<INestApplicationContext> {
  const { rootModule } = await import('./app.module.js');
  // Fastify takes its options before Nest's container exists, so this one is read here.
  const trustProxy = (await AppConfig.resolve(validateEnv(process.env))).trustProxy;
  const app =
    role === 'worker'
      ? await NestFactory.createApplicationContext(rootModule(role), { bufferLogs: true })
      : await NestFactory.create<NestFastifyApplication>(
          rootModule(role),
          new FastifyAdapter({ trustProxy, bodyLimit: 1_048_576 }),
          { bufferLogs: true },
        );
  app.useLogger(app.get(Logger));
  return app;
}

export async function bootstrap(role: ProcessRole): Promise<INestApplicationContext> {
  try {
    const app = await createApp(role);
    handleSignals(app);
    if ('listen' in app) {
      const config = app.get(AppConfig);
      await (app as NestFastifyApplication).listen(config.port, '0.0.0.0');
      app.get(Logger).log(`Verbinder ${role === 'all' ? 'API and worker' : 'API'} listening on ${config.publicUrl} (GraphQL at /graphql)`);
    } else {
      app.get(Logger).log('Verbinder worker started');
    }
    return app;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RedisUnavailable || error instanceof EmbeddedPostgresLocked) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function handleSignals(app: INestApplicationContext): void {
  let closing = false;
  const close = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    const logger = app.get(Logger);
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    const redis = app.get<RedisLocation>(REDIS_LOCATION);
    await app.close();
    await redis.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}
