import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { AppConfig } from '../config/runtime-config.js';
import { AppLogger, requestLogger } from './app-logger.js';
import { REDACT_PATHS, REDACTED, redactUrl } from './log-redaction.js';

const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Structured JSON logs (pino). Every request gets an id (the caller's X-Request-Id when it
 * sends a sane one), logged with each line of that request and echoed in the response.
 * Secrets never reach a line (log-redaction.ts): credentials in headers and SQL parameters are
 * redacted, and a request is logged by method, path and query names, never query values.
 *
 * One pino-http instance serves both halves: its middleware logs each request, and its logger is
 * the root of every other line, so the worker (which has no HTTP) writes the same lines.
 */
@Module({
  providers: [
    {
      provide: HTTP_LOGGER,
      inject: [AppConfig],
      useFactory: (config: AppConfig): HttpLogger =>
        pinoHttp({
          level: config.logLevel,
          genReqId: (req, res) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          redact: { paths: REDACT_PATHS, censor: REDACTED },
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        }),
    },
    { provide: AppLogger, inject: [HTTP_LOGGER], useFactory: (http: HttpLogger) => new AppLogger(http.logger) },
  ],
  exports: [AppLogger],
})
export class LoggingModule implements NestModule {
  constructor(@Inject(HTTP_LOGGER) private readonly http: HttpLogger) {}

  /** Only called for an HTTP application: the worker logs through the root logger alone. */
  configure(consumer: MiddlewareConsumer): void {
    const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void =>
      this.http(req, res, () => requestLogger.run(req.log, next));
    // Every path, `/` included, in the syntax of path-to-regexp 8 (a bare `*` is rejected). Unlike
    // `{/*splat}`, it also matches on Fastify, whose middleware matcher skipped every request with it.
    consumer.apply(middleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
