// `npm run bench:http`: the API on Express vs on Fastify (issue #2), answering a trivial
// GraphQL query served from memory (`{ provinces { code } }`).
//
// Each adapter runs in its own child process (bench/http-adapter-server.ts), one after the
// other, so the load generator (autocannon, in this process) never shares an event loop with
// the server and the two servers never compete for the CPU. Per adapter: start, check one
// answer, warm up, measure, stop (SIGTERM). Only 127.0.0.1 is ever contacted.
//
// Environment (all optional):
//   BENCH_DURATION     measured seconds per adapter (default 10)
//   BENCH_WARMUP       warm-up seconds per adapter (default 3)
//   BENCH_CONNECTIONS  concurrent connections (default 10)
//   DATABASE_URL       default postgresql://postgres@127.0.0.1:5432/verbinder_bench_http,
//                      created when missing (the app runs its migrations on start)
//   REDIS_URL          default redis://127.0.0.1:6379;  REDIS_PREFIX default bench-http
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { HttpAdapterName } from '../src/bootstrap.js';
import { projectRoot } from '../src/database/reference-data.js';
import type { ServerReady } from './http-adapter-server.js';

const ADAPTERS: readonly HttpAdapterName[] = ['express', 'fastify'];
const QUERY = '{ provinces { code } }';
const BODY = JSON.stringify({ query: QUERY });
const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

const ROOT = projectRoot();
const SERVER_SCRIPT = join(ROOT, 'dist', 'bench', 'http-adapter-server.js');

interface Settings {
  durationS: number;
  warmupS: number;
  connections: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

interface Measurement {
  adapter: HttpAdapterName;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** 2xx answers in the measured run, and its actual length in seconds. */
  requests: number;
  durationS: number;
  /** Connection errors, timeouts, non-2xx answers and answers other than the checked one. */
  problems: string[];
}

interface Failure {
  adapter: HttpAdapterName;
  error: string;
}

interface RunningServer {
  adapter: HttpAdapterName;
  child: ChildProcess;
  url: string;
  stop(): Promise<number | null>;
}

/** The server being measured, stopped on SIGINT/SIGTERM or a crash of this script. */
let current: RunningServer | undefined;

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${JSON.stringify(raw)})`);
  return value;
}

function readSettings(): Settings {
  return {
    durationS: positiveNumber('BENCH_DURATION', 10),
    warmupS: positiveNumber('BENCH_WARMUP', 3),
    connections: Math.round(positiveNumber('BENCH_CONNECTIONS', 10)),
    databaseUrl: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/verbinder_bench_http',
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisPrefix: process.env.REDIS_PREFIX || 'bench-http',
  };
}

function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Creates the database of `url` (connecting to the `postgres` database) when it does not exist. */
async function ensureDatabase(url: string): Promise<'existing' | 'created'> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return 'existing';
  } catch (error) {
    await probe.end().catch(() => undefined);
    if (pgErrorCode(error) !== '3D000') throw error; // 3D000: database does not exist
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${url}`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (error) {
    if (pgErrorCode(error) !== '42P04') throw error; // 42P04: created meanwhile
  } finally {
    await admin.end();
  }
  return 'created';
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

/** Starts bench/http-adapter-server.js for one adapter and waits for its "ready" line. */
async function startServer(adapter: HttpAdapterName, settings: Settings, dataDir: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [SERVER_SCRIPT, adapter], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      PORT: '0',
    },
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    output.push(line);
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

/** One request before the load: the answer must be a 200 with 12 provinces and no errors. */
async function checkAnswer(server: RunningServer): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
  } catch (error) {
    throw new Error(`${server.adapter}: POST /graphql failed: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}`);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const provinces =
    typeof parsed === 'object' && parsed !== null && 'data' in parsed && typeof parsed.data === 'object' && parsed.data !== null && 'provinces' in parsed.data
      ? parsed.data.provinces
      : undefined;
  const hasErrors = typeof parsed === 'object' && parsed !== null && 'errors' in parsed;
  if (response.status !== 200 || hasErrors || !Array.isArray(provinces) || provinces.length === 0) {
    throw new Error(
      `${server.adapter}: POST /graphql ${QUERY} answered HTTP ${response.status} ` +
        `(content-type ${response.headers.get('content-type') ?? 'none'}): ${text.slice(0, 2000)}`,
    );
  }
  return text;
}

interface LoadResult {
  result: autocannon.Result;
  /** Response time of every 2xx answer, in ms (autocannon's own histogram keeps whole ms only). */
  latenciesMs: Float64Array;
}

function load(url: string, durationS: number, connections: number, expectBody: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    const instance = autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
        connections,
        duration: durationS,
        expectBody,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, latenciesMs: latencies.slice(0, count) });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) return;
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTime;
    });
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

async function measure(adapter: HttpAdapterName, settings: Settings, dataDir: string): Promise<Measurement> {
  process.stderr.write(`${adapter}: starting the server…\n`);
  const server = await startServer(adapter, settings, dataDir);
  current = server;
  try {
    const expected = await checkAnswer(server);
    process.stderr.write(`${adapter}: listening on ${server.url}; warm-up ${settings.warmupS} s…\n`);
    await load(server.url, settings.warmupS, settings.connections, expected);
    process.stderr.write(`${adapter}: measuring ${settings.durationS} s…\n`);
    const { result, latenciesMs } = await load(server.url, settings.durationS, settings.connections, expected);
    const sorted = latenciesMs.sort();
    const problems: string[] = [];
    if (result.errors) problems.push(`${result.errors} connection errors`);
    if (result.timeouts) problems.push(`${result.timeouts} timeouts`);
    if (result.non2xx) problems.push(`${result.non2xx} non-2xx answers`);
    if (result.mismatches) problems.push(`${result.mismatches} answers differing from the checked one`);
    const mean = sorted.length ? sorted.reduce((sum, v) => sum + v, 0) / sorted.length : Number.NaN;
    return {
      adapter,
      // 2xx answers over the measured time (autocannon's per-second average can count a
      // partial extra second).
      requestsPerSecond: result['2xx'] / result.duration,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      meanMs: mean,
      requests: result['2xx'],
      durationS: result.duration,
      problems,
    };
  } finally {
    const code = await server.stop();
    current = undefined;
    if (code !== 0) process.stderr.write(`${adapter}: the server exited with code ${code} after SIGTERM\n`);
  }
}

function version(pkg: string): string {
  try {
    const json: unknown = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
    return typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string' ? json.version : '?';
  } catch {
    return '?';
  }
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function table(results: Measurement[], failures: Failure[]): string {
  const lines = [
    '| adapter | requests/s | p50 latency (ms) | p99 latency (ms) | mean latency (ms) | answers (2xx) in s |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(`| ${r.adapter} | ${fixed(r.requestsPerSecond, 0)} | ${fixed(r.p50Ms, 2)} | ${fixed(r.p99Ms, 2)} | ${fixed(r.meanMs, 2)} | ${r.requests} in ${fixed(r.durationS, 2)} |`);
  }
  for (const f of failures) lines.push(`| ${f.adapter} | failed | | | | |`);
  const express = results.find((r) => r.adapter === 'express');
  const fastify = results.find((r) => r.adapter === 'fastify');
  if (express && fastify) {
    lines.push(
      `| **fastify/express** | **${fixed(fastify.requestsPerSecond / express.requestsPerSecond, 2)}×** | ` +
        `${fixed(fastify.p50Ms / express.p50Ms, 2)}× | ${fixed(fastify.p99Ms / express.p99Ms, 2)}× | ` +
        `${fixed(fastify.meanMs / express.meanMs, 2)}× | |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const settings = readSettings();
  const cpus = os.cpus();
  const machine =
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`;
  const started = new Date();

  const db = await ensureDatabase(settings.databaseUrl);
  const safeDbUrl = new URL(settings.databaseUrl);
  if (safeDbUrl.password) safeDbUrl.password = '***';
  process.stderr.write(`database ${safeDbUrl.toString()} (${db})\n`);

  const dataDir = await mkdtemp(join(os.tmpdir(), 'verbinder-bench-http-'));
  const results: Measurement[] = [];
  const failures: Failure[] = [];
  try {
    for (const adapter of ADAPTERS) {
      try {
        results.push(await measure(adapter, settings, dataDir));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.stderr.write(`${adapter}: FAILED: ${message}\n`);
        failures.push({ adapter, error: message });
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  const out = [
    '',
    `HTTP adapter benchmark: POST /graphql ${QUERY}, ${settings.connections} connections, ` +
      `${settings.warmupS} s warm-up + ${settings.durationS} s measured per adapter, server in a child process (NODE_ENV=production, LOG_LEVEL=warn)`,
    `Machine: ${machine}`,
    `Node ${process.version}; express ${version('express')} (@nestjs/platform-express ${version('@nestjs/platform-express')}), ` +
      `fastify ${version('fastify')} (@nestjs/platform-fastify ${version('@nestjs/platform-fastify')}), autocannon ${version('autocannon')}`,
    `Date: ${started.toISOString()}`,
    '',
    table(results, failures),
    '',
  ];
  for (const r of results) if (r.problems.length) out.push(`${r.adapter}: ${r.problems.join(', ')}`);
  for (const f of failures) out.push(`${f.adapter} FAILED: ${f.error}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (failures.length || results.some((r) => r.problems.length)) process.exitCode = 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`${signal}: stopping\n`);
    void (current?.stop() ?? Promise.resolve(null)).finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await current?.stop();
  process.exit(1);
});
