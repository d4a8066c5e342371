// Shared by the benchmarks under bench/: settings from the environment, the benchmark database
// and the seed command in a child process, the API in a child process
// (bench/http-adapter-server.ts), autocannon load with per-request latencies, the description of
// the machine, and the clean-up of the children on exit. Only 127.0.0.1 is ever contacted.
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { HttpAdapterName } from '../src/bootstrap.js';
import { projectRoot } from '../src/database/reference-data.js';
import type { ServerReady } from './http-adapter-server.js';

export const HOST = '127.0.0.1';
export const ROOT = projectRoot();
const SERVER_SCRIPT = join(ROOT, 'dist', 'bench', 'http-adapter-server.js');
const SEED_SCRIPT = join(ROOT, 'dist', 'src', 'seed', 'seed.command.js');
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${JSON.stringify(raw)})`);
  return value;
}

/** positiveNumber, and a whole number. */
export function integer(name: string, fallback: number): number {
  const value = positiveNumber(name, fallback);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number (got ${value})`);
  return value;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** The URL with its password, if any, replaced by ***. */
export function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return (
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`
  );
}

/** The installed version of a package, or "?". */
export function version(pkg: string): string {
  try {
    const json: unknown = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
    return typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string' ? json.version : '?';
  } catch {
    return '?';
  }
}

export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

// ---------------------------------------------------------------------------------------------
// The benchmark database and the seed command

/** The database named by a BENCH_DATABASE_URL. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`BENCH_DATABASE_URL names no database: ${safeUrl(url)}`);
  return name;
}

/**
 * DROP DATABASE … WITH (FORCE) and CREATE DATABASE, connected to the server's `postgres`
 * database. Refuses a database whose name does not contain "bench".
 */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!name.includes('bench')) throw new Error(`Refusing to drop database "${name}": the benchmark only drops databases whose name contains "bench"`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

export interface SeedSettings {
  databaseUrl: string;
  professionals: number;
  initiatives: number;
  seed: number;
}

/** The settings common to the benchmarks that seed their own database (bench:seed, bench:search). */
export interface SeedBenchSettings extends SeedSettings {
  redisUrl: string;
  redisPrefix: string;
  durationS: number;
  warmupS: number;
  connections: number;
}

/**
 * Reads BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/verbinder_bench_<name>),
 * BENCH_REDIS_URL, BENCH_REDIS_PREFIX (default bench-<name>), BENCH_PROFESSIONALS (100000),
 * BENCH_INITIATIVES (10000), BENCH_SEED (1), BENCH_DURATION (`defaultDurationS`),
 * BENCH_WARMUP (3) and BENCH_CONNECTIONS (10).
 */
export function readSeedBenchSettings(name: string, defaultDurationS: number): SeedBenchSettings {
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || `postgresql://postgres@127.0.0.1:5432/verbinder_bench_${name}`,
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    redisPrefix: process.env.BENCH_REDIS_PREFIX || `bench-${name}`,
    professionals: integer('BENCH_PROFESSIONALS', 100_000),
    initiatives: integer('BENCH_INITIATIVES', 10_000),
    seed: integer('BENCH_SEED', 1),
    durationS: positiveNumber('BENCH_DURATION', defaultDurationS),
    warmupS: positiveNumber('BENCH_WARMUP', 3),
    connections: Math.round(positiveNumber('BENCH_CONNECTIONS', 10)),
  };
}

/** The seed command running now, stopped on SIGINT/SIGTERM or a crash of the benchmark (runBench). */
let seedChild: ChildProcess | undefined;

/**
 * Runs the seed command (dist/src/seed/seed.command.js) in a child process; resolves
 * to its wall time and the line it printed on success.
 */
export async function runSeed(settings: SeedSettings, dataDir: string): Promise<{ wallS: number; report: string }> {
  const args = ['--professionals', String(settings.professionals), '--initiatives', String(settings.initiatives), '--seed', String(settings.seed)];
  process.stderr.write(`seed: node ${SEED_SCRIPT.slice(ROOT.length + 1)} ${args.join(' ')}\n`);
  const started = performance.now();
  const child = spawn(process.execPath, [SEED_SCRIPT, ...args], {
    cwd: ROOT,
    // stderr inherited: the progress bar shows when this script runs in a terminal.
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH, DATABASE_URL: settings.databaseUrl, DATA_DIR: dataDir },
  });
  seedChild = child;
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    process.stderr.write(`[seed] ${line}\n`);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? -1 : null)));
  });
  const wallS = (performance.now() - started) / 1000;
  seedChild = undefined;
  if (code !== 0) throw new Error(`the seed command exited with code ${code}:\n${lines.join('\n')}`);
  return { wallS, report: lines.find((l) => l.startsWith('Loaded ')) ?? lines.at(-1) ?? '' };
}

/** Prints the report to stdout, with a "PROBLEM: …" line per problem; exit code 1 when there are any. */
export function writeReport(out: readonly string[], problems: readonly string[]): void {
  const lines = [...out, ...problems.map((p) => `PROBLEM: ${p}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (problems.length) process.exitCode = 1;
}

/** The end of a benchmark, failed or not: stops the server, closes the client (errors ignored), removes the data directory. */
export async function cleanUp(server: RunningServer | undefined, client: pg.Client | undefined, dataDir: string): Promise<void> {
  await server?.stop();
  await client?.end().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * Runs a benchmark's main. On SIGINT/SIGTERM: stops the seed command (SIGTERM) and the server
 * `currentServer` returns, then exits with 130. When main fails: prints the error, stops both
 * and exits with 1.
 */
export function runBench(main: () => Promise<void>, currentServer: () => RunningServer | undefined): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping\n`);
      seedChild?.kill('SIGTERM');
      void (currentServer()?.stop() ?? Promise.resolve(null)).finally(() => process.exit(130));
    });
  }

  main().catch(async (error: unknown) => {
    process.stderr.write(`${errorText(error)}\n`);
    seedChild?.kill('SIGTERM');
    await currentServer()?.stop();
    process.exit(1);
  });
}

// ---------------------------------------------------------------------------------------------
// The API in a child process

export interface ServerOptions {
  adapter: HttpAdapterName;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** DATA_DIR of the server (unused with a DATABASE_URL, but must be writable). */
  dataDir: string;
  /** JWT_SECRET of the server (default: random), for benchmarks that sign their own tokens. */
  jwtSecret?: string;
  /** LOG_LEVEL of the server (default warn). */
  logLevel?: string;
  /** Extra node options for the server process (e.g. --cpu-prof). */
  nodeArgs?: readonly string[];
  /** Called with every line the server prints other than its "ready" line (its log lines, for instance). */
  onLine?: (line: string) => void;
}

export interface RunningServer {
  adapter: HttpAdapterName;
  child: ChildProcess;
  url: string;
  /** SIGTERM, then SIGKILL after 30 s; resolves to the exit code (-1 when killed by a signal). */
  stop(): Promise<number | null>;
}

function isServerReady(value: unknown): value is ServerReady {
  return (
    typeof value === 'object' &&
    value !== null &&
    'port' in value &&
    typeof value.port === 'number' &&
    'adapter' in value &&
    typeof value.adapter === 'string'
  );
}

/**
 * Starts bench/http-adapter-server.js (NODE_ENV=production, LOG_LEVEL=warn, a random
 * JWT_SECRET, a free port of 127.0.0.1) and waits for its "ready" line. Its log lines and
 * anything else it prints go to this process's stderr.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { adapter } = options;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_SCRIPT, adapter], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: options.jwtSecret ?? randomBytes(32).toString('hex'),
      LOG_LEVEL: options.logLevel ?? 'warn',
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: options.redisPrefix,
      PORT: '0',
      // BENCH_GRAPHQL_JIT=false measures the API without compiled queries (GRAPHQL_JIT).
      GRAPHQL_JIT: process.env.BENCH_GRAPHQL_JIT,
    },
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    output.push(line);
    options.onLine?.(line);
    process.stderr.write(`[${adapter} server] ${line}\n`);
  });

  const ready = new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${adapter} server did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`)),
      STARTUP_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (isServerReady(parsed)) {
        clearTimeout(timer);
        resolve(parsed);
        return;
      }
      // Log lines at warn level and above (pino JSON) and anything else the server prints.
      output.push(line);
      options.onLine?.(line);
      process.stderr.write(`[${adapter} server] ${line}\n`);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${adapter} server exited with code ${code} while starting:\n${output.join('\n')}`));
    });
  });

  let stopped: Promise<number | null> | undefined;
  const stop = (): Promise<number | null> => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killTimer = setTimeout(() => {
        process.stderr.write(`${adapter} server did not stop within ${STOP_TIMEOUT_MS / 1000} s after SIGTERM; killing it\n`);
        child.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(killTimer);
      return code;
    })();
    return stopped;
  };

  try {
    const { port } = await ready;
    return { adapter, child, url: `http://${HOST}:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", field 3 (state) comes first: utime and stime (fields 14, 15) are at 11, 12.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const SETTLE_WINDOW_MS = 1_000;
const SETTLE_POLL_MS = 250;
const SETTLE_TIMEOUT_MS = 300_000;
/** "Idle": at most this share of one core over the last second. */
const IDLE_CPU_SHARE = 0.05;

/**
 * Waits until the server has finished its start-up work (the API loads, for instance, its
 * in-memory expert index in the background after it starts listening): until, for one second,
 * it used at most 5 % of a core and its database ran no statement. Resolves to the seconds
 * waited; without /proc (not Linux) it only waits for the database.
 */
export async function waitUntilSettled(server: RunningServer, databaseUrl: string): Promise<number> {
  const pid = server.child.pid;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    const samples: { at: number; cpu: number | undefined }[] = [];
    for (;;) {
      const now = performance.now();
      samples.push({ at: now, cpu: pid === undefined ? undefined : cpuSeconds(pid) });
      while (samples.length > 1 && now - samples[1].at >= SETTLE_WINDOW_MS) samples.shift();
      const first = samples[0];
      const last = samples[samples.length - 1];
      const windowFull = now - first.at >= SETTLE_WINDOW_MS;
      const cpuIdle =
        first.cpu === undefined || last.cpu === undefined || (last.cpu - first.cpu) / ((now - first.at) / 1000) <= IDLE_CPU_SHARE;
      if (windowFull && cpuIdle) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        if (rows[0].n === 0) return (now - started) / 1000;
      }
      if (now - started > SETTLE_TIMEOUT_MS) throw new Error(`${server.adapter} server still busy ${SETTLE_TIMEOUT_MS / 1000} s after it started listening`);
      if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`${server.adapter} server exited while starting`);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  } finally {
    await client.end();
  }
}

/** One POST /graphql with fetch; throws with the cause when the request itself fails. */
export async function postGraphql(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ status: number; contentType: string; text: string; json: unknown }> {
  let response: Response;
  try {
    response = await fetch(`${url}/graphql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  } catch (error) {
    throw new Error(`POST ${url}/graphql failed: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? 'none', text, json };
}

// ---------------------------------------------------------------------------------------------
// Load

/** A request of a load run: its GraphQL body and the exact answer expected (checked beforehand). */
export interface LoadRequest {
  label: string;
  body: string;
  expected: string;
  /** Extra request headers (an authorization header, for instance). */
  headers?: Readonly<Record<string, string>>;
}

export interface LatencySummary {
  /** 2xx answers. */
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface LoadSummary extends LatencySummary {
  requestsPerSecond: number;
  /** Actual length of the run in seconds. */
  durationS: number;
  /** Per request label (when several requests are mixed in one run). */
  byLabel: Map<string, LatencySummary>;
  /** Connection errors, timeouts, non-2xx answers and answers other than the expected one. */
  problems: string[];
}

export function summarizeLatencies(values: Float64Array): LatencySummary {
  const sorted = values.slice().sort();
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.length ? sorted.reduce((sum, v) => sum + v, 0) / sorted.length : Number.NaN,
  };
}

class Latencies {
  private values = new Float64Array(1 << 14);
  private length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }

  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/**
 * Drives POST /graphql with autocannon for `durationS` seconds on `connections` connections;
 * each connection cycles through `requests` in order. Every answer is compared with the
 * expected one. Latencies are autocannon's per-request response times (sub-millisecond; its
 * own histogram keeps whole milliseconds only) of the 2xx answers; requests/s = 2xx answers /
 * measured seconds (autocannon's per-second average can count a partial extra second).
 */
export function load(url: string, requests: readonly LoadRequest[], durationS: number, connections: number): Promise<LoadSummary> {
  if (requests.length === 0) throw new Error('load needs at least one request');
  const all = new Latencies();
  const perLabel = new Map<string, Latencies>(requests.map((r) => [r.label, new Latencies()]));
  let mismatches = 0;
  let firstMismatch = '';
  // autocannon calls a request's onResponse and then, synchronously, emits "response" for the
  // same answer: the label set here is the one of the answer whose time "response" reports.
  let lastLabel: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/graphql`,
        connections,
        duration: durationS,
        requests: requests.map((r) => ({
          method: 'POST' as const,
          headers: { ...r.headers, 'content-type': 'application/json' },
          body: r.body,
          onResponse: (status: number, body: string) => {
            lastLabel = r.label;
            if (status >= 200 && status < 300 && body !== r.expected) {
              mismatches += 1;
              if (!firstMismatch) firstMismatch = `${r.label}: ${body.slice(0, 500)}`;
            }
          },
        })),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const problems: string[] = [];
        if (result.errors) problems.push(`${result.errors} connection errors`);
        if (result.timeouts) problems.push(`${result.timeouts} timeouts`);
        if (result.non2xx) problems.push(`${result.non2xx} non-2xx answers`);
        if (mismatches) problems.push(`${mismatches} answers differing from the checked one (first: ${firstMismatch})`);
        resolve({
          ...summarizeLatencies(all.toArray()),
          requestsPerSecond: result['2xx'] / result.duration,
          durationS: result.duration,
          byLabel: new Map([...perLabel].map(([label, values]) => [label, summarizeLatencies(values.toArray())])),
          problems,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      const label = lastLabel;
      lastLabel = undefined;
      if (statusCode < 200 || statusCode >= 300) return;
      all.push(responseTime);
      if (label !== undefined) perLabel.get(label)?.push(responseTime);
    });
  });
}
