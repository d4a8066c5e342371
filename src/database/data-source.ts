import { DataSource, type DataSourceOptions, MigrationExecutor } from 'typeorm';
import { DatabaseLogger } from './database-logger.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** A DataSource that also stops what it runs on (the embedded database) when destroyed. */
export class ManagedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly afterDestroy: () => Promise<void> = async () => {},
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.afterDestroy();
  }
}

/**
 * How long a query waits for a connection of the pool (or for a new one to open) before it
 * fails: a PostgreSQL that does not answer, or a pool exhausted for this long, gives the caller
 * a retryable error (SERVICE_UNAVAILABLE) instead of a request that hangs.
 */
const CONNECT_TIMEOUT_MS = 10_000;

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: new DatabaseLogger(),
    maxQueryExecutionTime: 1000,
    extra: { max: poolSize, application_name: 'verbinder', connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
  };
}

// Any constant: the key of the advisory lock that serialises migrations across processes.
const MIGRATION_LOCK_KEY = 7_306_122_021;

/**
 * Runs pending migrations, one process at a time: API and workers may start together,
 * and each waits for the lock instead of racing to create the same tables.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // On the connection that holds the lock, so a pool of one connection is enough.
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    await executor.executePendingMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
