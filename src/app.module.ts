import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AdminModule } from './admin/admin.module.js';
import { AuthApiModule } from './auth/auth-api.module.js';
import { AuthWorkerModule } from './auth/auth-worker.module.js';
import { RateLimitStorage } from './graphql/access/rate-limit.storage.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DisciplinesModule } from './disciplines/disciplines.module.js';
import { GraphQLBindingsModule } from './graphql-bindings.module.js';
import { GraphQLApiModule } from './graphql/graphql-api.module.js';
import { GraphiQLModule } from './graphql/graphiql/graphiql.module.js';
import { HealthModule } from './health/health.module.js';
import { InitiativesModule } from './initiatives/initiatives.module.js';
import { IntroductionsModule } from './introductions/introductions.module.js';
import { IntroductionsWorkerModule } from './introductions/introductions-worker.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { JobsWorkerModule } from './jobs/jobs-worker.module.js';
import { MailModule } from './mail/mail.module.js';
import { MailWorkerModule } from './mail/mail-worker.module.js';
import { MatchingModule, MatchingWorkerModule } from './matching/matching.module.js';
import { ProfessionalsWorkerModule } from './professionals/professionals-worker.module.js';
import { ProfessionalsApiModule } from './professionals/professionals-api.module.js';
import { AppConfig } from './config/runtime-config.js';
import { REDIS_LOCATION, RedisModule } from './redis/redis.module.js';
import type { RedisLocation } from './redis/redis-locator.js';
import { RedisStatus } from './redis/redis-status.js';
import { RegionsModule } from './regions/regions.module.js';
import { SearchModule } from './search/search.module.js';
import { SearchWorkerModule } from './search/search-worker.module.js';
import { WebModule } from './web/web.module.js';

/** What API and worker processes both need. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, MailModule, RegionsModule, DisciplinesModule],
})
export class CoreModule {}

/**
 * Sign-in links: per client 10 a minute, per email address 5 an hour, for all mutations that
 * email an address together (RateLimitBucket). Counted in Redis, so the limits hold across every
 * API process.
 */
export const RATE_LIMITS = [
  { name: 'client', ttl: 60_000, limit: 10 },
  { name: 'address', ttl: 3_600_000, limit: 5 },
];

@Module({
  imports: [
    CoreModule,
    ThrottlerModule.forRootAsync({
      inject: [REDIS_LOCATION, AppConfig, RedisStatus],
      useFactory: (location: RedisLocation, config: AppConfig, status: RedisStatus) => {
        const storage = new RateLimitStorage(location.url, `${config.redisPrefix}:throttle:`);
        status.watch(storage.connection, 'throttler');
        return { throttlers: RATE_LIMITS, storage };
      },
    }),
    AuthApiModule,
    ProfessionalsApiModule,
    InitiativesModule,
    SearchModule,
    IntroductionsModule,
    MatchingModule,
    GraphQLBindingsModule,
    GraphQLApiModule,
    GraphiQLModule,
    HealthModule,
    AdminModule,
    WebModule,
  ],
})
export class ApiModule {}

/** The queues' consumers (jobs/) and each feature's handlers, composed here: jobs/ imports no feature. */
@Module({ imports: [CoreModule, JobsWorkerModule, MailWorkerModule, AuthWorkerModule, ProfessionalsWorkerModule, IntroductionsWorkerModule, SearchWorkerModule, MatchingWorkerModule] })
export class WorkerModule {}

/** Which parts a process runs: `api`, `worker`, or both in one process for a single machine. */
export type ProcessRole = 'api' | 'worker' | 'all';

export function rootModule(role: ProcessRole): DynamicModule {
  const imports = role === 'api' ? [ApiModule] : role === 'worker' ? [WorkerModule] : [ApiModule, WorkerModule];
  return { module: class VerbinderModule {}, imports };
}
