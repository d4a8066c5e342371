import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/runtime-config.js';
import { dataSourceOptions, ManagedDataSource, runMigrations } from './data-source.js';
import { waitForDatabase } from './database-wait.js';
import { EMBEDDED_POOL, startEmbeddedPostgres } from './embedded-postgres.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions('', config.databasePoolSize),
        config,
        // A server that is still starting was waited for (waitForDatabase); anything else
        // failing now would fail again, and the module's retries would only log stack traces.
        toRetry: () => false,
      }),
      dataSourceFactory: async (options) => {
        const { config, ...rest } = options as typeof options & { config: AppConfig };
        if (config.databaseUrl) await waitForDatabase(config.databaseUrl);
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
