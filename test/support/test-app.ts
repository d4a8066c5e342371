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
  /** Every other line it printed (stderr, and stdout that is not JSON). */
  stderr: string[];
  process: ChildProcess;
  /** The environment the process was started with (for starting more on the same resources). */
  env: Record<string, string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /**
   * POSTs any body (a string is sent as it is, anything else as JSON) to /graphql and returns
   * the HTTP status with the parsed answer: for probes that check status codes.
   */
  post(body: unknown, options?: { token?: string; headers?: Record<string, string> }): Promise<{ status: number; body: GraphQLResponse }>;
  /** Stops the app with SIGTERM (as an orchestrator does) and returns its exit code. */
  stop(): Promise<number | null>;
  close(): Promise<void>;
}

const MAIN = join(projectRoot(), 'dist', 'src', 'main.js');
const WORKER = join(projectRoot(), 'dist', 'src', 'worker.js');

export interface TestAppOptions {
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /**
   * Run on the embedded defaults instead (no DATABASE_URL, SMTP_URL or REDIS_URL), as
   * `npm start` does on a fresh clone; `db` then is not available.
   */
  embeddedDefaults?: boolean;
  /** Which process to start: API and worker together (default, as `npm start`), or one of them. */
  role?: 'all' | 'api' | 'worker';
  /** Start another process on the same database, Redis prefix, SMTP server and secrets. */
  shareWith?: TestApp;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const role = options.role ?? 'all';
  const shared = options.shareWith;
  const embedded = options.embeddedDefaults ?? false;
  const database = shared || embedded ? null : await createTestDatabase();
  const mailbox = shared?.mailbox ?? (await startSmtpServer());
  const dataDir = shared?.dataDir ?? (await mkdtemp(join(tmpdir(), 'verbinder-test-')));
  const prefix = `verbinder-test-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const services: Record<string, string> = database
    ? { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, SMTP_URL: mailbox.url, PUBLIC_URL: 'http://verbinder.test', JWT_SECRET: randomBytes(32).toString('hex') }
    : {};
  const env: Record<string, string> = shared
    ? { ...shared.env, PORT: String(port), ...options.env }
    : {
        PATH: process.env.PATH ?? '',
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
      };
  const entry = role === 'worker' ? WORKER : MAIN;
  const child = spawn(process.execPath, role === 'all' ? [entry, '--all'] : [entry], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  // Never outlive the test process, whatever happens to the test (a timed-out hook, a crash).
  const killOnExit = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
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
  const output = (): string => stderr.join('\n') + logs.filter((l) => l.level >= 50).map((l) => JSON.stringify(l)).join('\n');
  try {
    await waitUntilReady(role === 'worker' ? async () => logs.some((l) => l.msg === 'Verbinder worker started') : () => isReady(url), exited, output);
  } catch (error) {
    // An app that never became ready must not outlive the test file (it would keep jest waiting).
    child.kill('SIGKILL');
    await exited;
    await database?.drop().catch(() => undefined);
    throw error;
  }
  const db = new pg.Pool({ connectionString: database?.url ?? env.DATABASE_URL ?? 'postgresql://no-database-with-embedded-defaults', max: 2 });
  // An idle connection cut from outside (a fault test) is dropped by the pool; the next query opens another.
  db.on('error', () => undefined);

  const post: TestApp['post'] = async (body, options = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: GraphQLResponse;
    try {
      parsed = JSON.parse(text) as GraphQLResponse;
    } catch {
      parsed = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    return { status: res.status, body: parsed };
  };

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
    stderr,
    process: child,
    env,
    post,
    async gql<T>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }) {
      return (await post({ query, variables }, options)).body as GraphQLResponse<T>;
    },
    stop,
    async close() {
      await stop();
      if (shared) {
        await db.end();
        return;
      }
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

const isReady = (url: string): Promise<boolean> => fetch(`${url}/health/ready`).then((r) => r.ok, () => false);

async function waitUntilReady(ready: () => Promise<boolean>, exited: Promise<number | null>, output: () => string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The app exited with ${exitCode} while starting:\n${output()}`);
    if (await ready()) return;
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
