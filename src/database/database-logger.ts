import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM logger that forwards to the application log, SQL at debug level. Each line carries
 * the request id (logging/app-logger.ts), so the SQL of one request can be read, or counted, in the logs.
 */
export class DatabaseLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(query: string): void {
    this.logger.debug({ query }, 'sql');
  }
  /** A warning: the caller decides whether the failure is an error (and logs it once if so). */
  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ err: error, query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ time, query }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else this.logger.debug(message);
  }
}
