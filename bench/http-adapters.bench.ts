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
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { HttpAdapterName } from '../src/bootstrap.js';
import {
  errorText,
  fixed,
  load,
  machineDescription,
  positiveNumber,
  postGraphql,
  runBench,
  type RunningServer,
  safeUrl,
  startServer,
  version,
  waitUntilSettled,
} from './bench-support.js';

const ADAPTERS: readonly HttpAdapterName[] = ['express', 'fastify'];
const QUERY = '{ provinces { code } }';
const BODY = JSON.stringify({ query: QUERY });

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

/** The server being measured, stopped on SIGINT/SIGTERM or a crash of this script (runBench). */
let current: RunningServer | undefined;

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

/** One request before the load: the answer must be a 200 with 12 provinces and no errors. */
async function checkAnswer(server: RunningServer): Promise<string> {
  const { status, contentType, text, json } = await postGraphql(server.url, BODY).catch((error: unknown) => {
    throw new Error(`${server.adapter}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const provinces =
    typeof json === 'object' && json !== null && 'data' in json && typeof json.data === 'object' && json.data !== null && 'provinces' in json.data
      ? json.data.provinces
      : undefined;
  const hasErrors = typeof json === 'object' && json !== null && 'errors' in json;
  if (status !== 200 || hasErrors || !Array.isArray(provinces) || provinces.length === 0) {
    throw new Error(`${server.adapter}: POST /graphql ${QUERY} answered HTTP ${status} (content-type ${contentType}): ${text.slice(0, 2000)}`);
  }
  return text;
}

async function measure(adapter: HttpAdapterName, settings: Settings, dataDir: string): Promise<Measurement> {
  process.stderr.write(`${adapter}: starting the server…\n`);
  const server = await startServer({ adapter, databaseUrl: settings.databaseUrl, redisUrl: settings.redisUrl, redisPrefix: settings.redisPrefix, dataDir });
  current = server;
  try {
    const settledS = await waitUntilSettled(server, settings.databaseUrl);
    process.stderr.write(`${adapter}: start-up work settled after ${settledS.toFixed(1)} s\n`);
    const requests = [{ label: 'provinces', body: BODY, expected: await checkAnswer(server) }];
    process.stderr.write(`${adapter}: listening on ${server.url}; warm-up ${settings.warmupS} s…\n`);
    await load(server.url, requests, settings.warmupS, settings.connections);
    process.stderr.write(`${adapter}: measuring ${settings.durationS} s…\n`);
    const run = await load(server.url, requests, settings.durationS, settings.connections);
    return {
      adapter,
      requestsPerSecond: run.requestsPerSecond,
      p50Ms: run.p50Ms,
      p99Ms: run.p99Ms,
      meanMs: run.meanMs,
      requests: run.count,
      durationS: run.durationS,
      problems: run.problems,
    };
  } finally {
    const code = await server.stop();
    current = undefined;
    if (code !== 0) process.stderr.write(`${adapter}: the server exited with code ${code} after SIGTERM\n`);
  }
}

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
  const machine = machineDescription();
  const started = new Date();

  const db = await ensureDatabase(settings.databaseUrl);
  process.stderr.write(`database ${safeUrl(settings.databaseUrl)} (${db})\n`);

  const dataDir = await mkdtemp(join(os.tmpdir(), 'verbinder-bench-http-'));
  const results: Measurement[] = [];
  const failures: Failure[] = [];
  try {
    for (const adapter of ADAPTERS) {
      try {
        results.push(await measure(adapter, settings, dataDir));
      } catch (error) {
        const message = errorText(error);
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

runBench(main, () => current);
