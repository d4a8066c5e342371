// The API alone on one HTTP adapter, for `npm run bench:http` (bench/http-adapters.bench.ts),
// which runs it as a child process: `node dist/bench/http-adapter-server.js express|fastify`.
// Configured by the usual environment variables; listens on a free port of 127.0.0.1 and
// prints {"adapter":…,"port":…} as one JSON line on stdout once it accepts requests.
// SIGTERM/SIGINT close the app and end the process.
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp, type HttpAdapterName } from '../src/bootstrap.js';
import { REDIS_LOCATION } from '../src/redis/redis.module.js';
import type { RedisLocation } from '../src/redis/redis-locator.js';

/** The message the bench waits for (also the only line this file prints on stdout). */
export interface ServerReady {
  adapter: HttpAdapterName;
  port: number;
}

const CLOSE_DEADLINE_MS = 20_000;

function isHttpApp(app: INestApplicationContext): app is INestApplication {
  return 'listen' in app && 'getHttpServer' in app;
}

async function main(): Promise<void> {
  const adapter = process.argv[2];
  if (adapter !== 'express' && adapter !== 'fastify') {
    process.stderr.write(`usage: node dist/bench/http-adapter-server.js express|fastify (got ${JSON.stringify(adapter)})\n`);
    process.exit(2);
  }
  const app = await createApp('api', adapter);
  if (!isHttpApp(app)) throw new Error(`createApp('api', '${adapter}') did not return an HTTP application`);

  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    setTimeout(() => {
      process.stderr.write(`${adapter} server: closing took more than ${CLOSE_DEADLINE_MS} ms; exiting\n`);
      process.exit(1);
    }, CLOSE_DEADLINE_MS).unref();
    const redis = app.get<RedisLocation>(REDIS_LOCATION);
    await app.close();
    await redis.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());

  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  if (address === null || typeof address === 'string') throw new Error(`unexpected server address ${JSON.stringify(address)}`);
  const ready: ServerReady = { adapter, port: address.port };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
