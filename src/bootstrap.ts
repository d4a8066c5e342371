// Starting and stopping a process: configuration errors and missing services end it
// with one line; SIGTERM/SIGINT close it gracefully (HTTP stops accepting, running jobs
// finish, connections close), with a hard deadline.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, validateEnv } from './config/app-config.js';
import { AppConfig, parseTrustProxy } from './config/runtime-config.js';
import { DatabaseUnavailable } from './database/database-wait.js';
import { EmbeddedPostgresLocked } from './database/embedded-postgres.js';
import { JobHandlerError } from './jobs/job-handlers.js';
import { AppLogger } from './logging/app-logger.js';
import { OutboxComposerError } from './mail/outbox/outbox-composer.js';
import { REDIS_LOCATION } from './redis/redis.module.js';
import type { RedisLocation } from './redis/redis-locator.js';
import { RedisUnavailable } from './redis/redis-locator.js';
import type { ProcessRole } from './app.module.js';

const SHUTDOWN_DEADLINE_MS = 25_000;

// Nest's Logger, so these lines take the same route (and shape) as every other one once `useLogger` ran.
const logger = new Logger('Bootstrap');

export type HttpAdapterName = 'express' | 'fastify';

const BODY_LIMIT_BYTES = 1_048_576;

/** What stops a start with one line on stderr (the setting to fix is in it), without a stack trace. */
const STARTUP_FAILURES = [ConfigError, RedisUnavailable, DatabaseUnavailable, EmbeddedPostgresLocked, JobHandlerError, OutboxComposerError];

/**
 * Logs are buffered until the app's logger is installed. Nest would print the buffer when a
 * start fails (module lines, then the error with its stack); the failure's own line says what
 * matters, and an unexpected error still reaches stderr with its stack as an unhandled one.
 */
const CONTEXT_OPTIONS = { bufferLogs: true, autoFlushLogs: false, abortOnError: false } as const;

function installLogger(app: INestApplicationContext): void {
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
}

/**
 * Creates (but does not start) the application for a role. HTTP runs on Express: Fastify
 * answered trivial queries faster (BENCHMARKS.md), but with Fastify the request-scoped log
 * context (request id on every line, SQL included) was lost; `bench:http` measures both.
 */
export async function createApp(role: ProcessRole, adapter: HttpAdapterName = 'express'): Promise<INestApplicationContext> {
  // Before the modules load: a few settings are read when their decorators run (jobs/worker-options.ts).
  // Variables already in the environment win over the file.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { rootModule } = await import('./app.module.js');
  if (role === 'worker') {
    const worker = await NestFactory.createApplicationContext(rootModule(role), CONTEXT_OPTIONS);
    installLogger(worker);
    return worker;
  }
  // The adapter takes its options before Nest's container exists, so this one is read here.
  const trustProxy = parseTrustProxy(validateEnv(process.env).TRUST_PROXY);
  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(
      rootModule(role),
      new FastifyAdapter({ trustProxy, bodyLimit: BODY_LIMIT_BYTES }),
      CONTEXT_OPTIONS,
    );
    installLogger(app);
    return app;
  }
  const app = await NestFactory.create<NestExpressApplication>(rootModule(role), { ...CONTEXT_OPTIONS, bodyParser: true });
  app.set('trust proxy', trustProxy);
  app.disable('x-powered-by');
  // Express hashes every answer for an ETag. GraphQL answers come from POST, which no cache
  // revalidates, so that hash (SHA-1 of a search page's 5 KB) was pure cost.
  app.disable('etag');
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  installLogger(app);
  return app;
}

export async function bootstrap(role: ProcessRole): Promise<INestApplicationContext> {
  try {
    const app = await createApp(role);
    handleSignals(app);
    if ('listen' in app) {
      const config = app.get(AppConfig);
      await (app as NestExpressApplication).listen(config.port, '0.0.0.0');
      logger.log(`Verbinder ${role === 'all' ? 'API and worker' : 'API'} listening on ${config.publicUrl} (GraphQL at /graphql)`);
    } else {
      logger.log('Verbinder worker started');
    }
    return app;
  } catch (error) {
    if (STARTUP_FAILURES.some((failure) => error instanceof failure)) {
      process.stderr.write(`${(error as Error).message}\n`);
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
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    const redis = app.get<RedisLocation>(REDIS_LOCATION);
    let code = 0;
    try {
      await app.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      code = 1;
    } finally {
      await redis.stop();
    }
    process.exit(code);
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}
