import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import type { Level, Logger as PinoLogger } from 'pino';

/**
 * The logger of the request being handled: pino-http's child logger, bound to `req`. Entered by
 * the middleware in logging.module.ts, so that every line written while a request is handled (a
 * resolver's, TypeORM's SQL) carries that request's id, however deep the call that writes it.
 */
export const requestLogger = new AsyncLocalStorage<PinoLogger>();

/** Nest's log levels, as pino names them. */
const LEVELS = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' } as const satisfies Record<string, Level>;

/**
 * Nest's logger, writing pino JSON lines: `app.useLogger()` routes every `new Logger(context)`
 * of the application, and Nest's own lines, through it.
 *
 * Nest calls `(message, ...params, context)`: `logger.log({ msg: 'x', runId })` arrives as
 * `({ msg: 'x', runId }, 'Context')` and `logger.error({ err }, 'text')` as
 * `({ err }, 'text', 'Context')`. The line gets `context`, the fields of an object message
 * (an Error becomes `err`), and the remaining strings as pino's message. The mapping follows
 * nestjs-pino's, which these lines had before, except that a stack trace is never taken for the
 * context: Nest's hooks call `Logger.error(error, error.stack)` without one.
 */
export class AppLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write(LEVELS.verbose, message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write(LEVELS.debug, message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write(LEVELS.log, message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write(LEVELS.warn, message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write(LEVELS.error, message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write(LEVELS.fatal, message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = requestLogger.getStore() ?? this.root;
    // Checked first because SQL is logged at debug for every statement, and usually dropped.
    if (!logger.isLevelEnabled(level)) return;
    // Nest pads `error(message)` to `(message, undefined, context)` to keep the stack's place.
    const rest = params.filter((param) => param !== undefined);
    const fields: Record<string, unknown> = {};
    const last = rest.at(-1);
    if (typeof last === 'string' && !isStackTrace(last)) fields.context = rest.pop();
    let args: unknown[];
    if (message instanceof Error) {
      fields.err = message;
      // The error carries its own stack; one passed beside it adds nothing.
      args = rest.filter((param) => !isStackTrace(param));
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      args = rest;
    } else if (typeof message === 'string' && rest.length === 1 && isStackTrace(rest[0])) {
      // Nest's exception handlers call `error(error.message, error.stack)`: log it as the error it was.
      fields.err = Object.assign(new Error(message), { stack: rest[0] });
      args = [message];
    } else {
      args = [String(message), ...rest];
    }
    // pino types its message as a string; the arguments after it are its printf-style values.
    (logger[level] as (this: PinoLogger, fields: object, ...args: unknown[]) => void).call(logger, fields, ...args);
  }
}

function isStackTrace(value: unknown): value is string {
  return typeof value === 'string' && /\n\s*at /.test(value);
}
