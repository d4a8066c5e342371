import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/runtime-config.js';
import { REDACT_PATHS, REDACTED, redactUrl } from './log-redaction.js';

/**
 * Structured JSON logs (pino). Every request gets an id (the caller's X-Request-Id when it
 * sends a sane one), logged with each line of that request and echoed in the response.
 * Secrets never reach a line (log-redaction.ts): credentials in headers and SQL parameters are
 * redacted, and a request is logged by method, path and query names, never query values.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
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
        },
      }),
    }),
  ],
})
export class LoggingModule {}
