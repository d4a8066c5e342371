// Starts the built application as `npm start` does (API and worker in one process,
// node dist/src/main.js --all) on a fresh database, a private Redis key prefix and an
// in-process SMTP server, and talks to it over HTTP like any client.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import pg from 'pg';
import { projectRoot } from '../../src/database/reference-data.js';
import { createTestDatabase } from './database.js';
import { startSmtpServer, type TestMailbox } from './smtp.js';
import { TEST_REDIS_URL } from './test-env.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown }; path?: unknown[] }[];
}

export interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  req?: { id?: string };
  [key: string]: unknown;
}

export interface TestApp {
  url: string;
  /** DATA_DIR of the app: the embedded database, generated secret and mailbox folder. */
  dataDir: string;
  /** A client of the app's database, for arranging data and checking what was stored. */
  db: pg.Pool;
  mailbox: TestMailbox;
  /** Every JSON log line the app printed so far. */
  logs: LogLine[];
  process: ChildProcess;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Stops the app with SIGTERM (as an orchestrator does) and returns its exit code. */
  stop(): Promise<number | null>;
  close(): Promise<void>;
}

const MAIN = join(projectRoot(), 'dist', 'src', 'main.js');

export interface TestAppOptions {
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /**
   * Run on the embedded defaults instead (no DATABASE_URL, SMTP_URL or REDIS_URL), as
   * `npm start` does on a fresh clone; `db` then is not available.
   */
  embeddedDefaults?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const embedded = options.embeddedDefaults ?? false;
  const database = embedded ? null : await createTestDatabase();
  const mailbox = await startSmtpServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'verbinder-test-'));
  const prefix = `verbinder-test-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const services: Record<string, string> = database
    ? { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, SMTP_URL: mailbox.url, PUBLIC_URL: 'http://verbinder.test', JWT_SECRET: randomBytes(32).toString('hex') }
    : {};
  const child = spawn(process.execPath, [MAIN, '--all'], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_POOL_SIZE: '5',
      REDIS_PREFIX: prefix,
      MAIL_FROM: 'Verbinder <verbinder@example.org>',
      ADMIN_EMAILS: 'admin@example.org',
      TRUST_PROXY: 'true',
      ...services,
      ...options.env,
    },
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as LogLine);
    } catch {
      stderr.push(line);
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, exited, () => stderr.join('\n') + logs.filter((l) => l.level >= 50).map((l) => JSON.stringify(l)).join('\n'));
  const db = new pg.Pool({ connectionString: database?.url ?? 'postgresql://no-database-with-embedded-defaults', max: 2 });

  let stopped: Promise<number | null> | null = null;
  const stop = (): Promise<number | null> => {
    stopped ??= (async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    })();
    return stopped;
  };

  return {
    url,
    dataDir,
    db,
    mailbox,
    logs,
    process: child,
    async gql(query, variables, options = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    },
    stop,
    async close() {
      await stop();
      // Errors logged at error level are bugs (domain errors are not logged that way): show them.
      const errors = logs.filter((l) => l.level >= 50);
      if (errors.length) console.warn(`The app logged errors:\n${errors.map((e) => JSON.stringify(e)).join('\n')}`);
      await db.end();
      await mailbox.close();
      await database?.drop();
      await deleteKeys(prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The app exited with ${exitCode} while starting:\n${output()}`);
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The app did not become ready within 30 s:\n${output()}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
