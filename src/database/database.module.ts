import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/runtime-config.js';
import { dataSourceOptions, ManagedDataSource, runMigrations } from './data-source.js';
import { EMBEDDED_POOL, EmbeddedPostgresLocked, startEmbeddedPostgres } from './embedded-postgres.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions('', config.databasePoolSize),
        config,
        // A database that is still starting is retried; a locked embedded one is not.
        retryAttempts: 5,
        retryDelay: 2_000,
        toRetry: (error: unknown) => !(error instanceof EmbeddedPostgresLocked),
      }),
      dataSourceFactory: async (options) => {
        const { config, ...rest } = options as typeof options & { config: AppConfig };
        const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
        const url = config.databaseUrl ?? embedded!.url;
        const extra = embedded ? { ...rest.extra, ...EMBEDDED_POOL } : rest.extra;
        const dataSource = new ManagedDataSource({ ...rest, url, extra } as typeof rest, async () => embedded?.stop());
        try {
          await dataSource.initialize();
          await runMigrations(dataSource);
        } catch (error) {
          if (dataSource.isInitialized) await dataSource.destroy();
          else await embedded?.stop();
          throw error;
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
