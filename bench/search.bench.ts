// `npm run bench:search`: expertise search (`searchExperts`) over HTTP on a network of 100,000
// professionals and 10,000 initiatives (issue #3).
//
// 1. Database: reuses BENCH_DATABASE_URL when it holds at least BENCH_PROFESSIONALS
//    professionals; otherwise drops and creates it, runs the seed command
//    (dist/src/seed/seed.command.js) in a child process, times it, and VACUUMs.
// 2. Starts the API (bench/http-adapter-server.ts, Express as in production, NODE_ENV=production,
//    a JWT_SECRET made here) in a child process and waits until its in-memory expert index is
//    loaded: a first search is sent at once and answers when the load is done (searches await
//    it). Prints the index load time and the server's resident memory.
// 3. Signs a bearer token (HS256, issuer "verbinder", the server's JWT_SECRET) for a real
//    professional of the database.
// 4. Builds a deterministic mix of realistic searches (seeded PRNG): 1–3 disciplines (children
//    mostly, sometimes a group), a municipality (big cities more often, half of them with a
//    radius), a province, Dutch free text, a minimum level, sectors; first: 20; and second pages
//    (`after` = the first page's endCursor, fetched here). Every request is sent once first: it
//    must answer without errors, and its answer is what the load then expects, byte for byte.
// 5. autocannon from this process (10 connections): warm-up, then the search mix measured, then
//    the same for the trivial `{ provinces { code } }` (anonymous), the ceiling of the HTTP +
//    GraphQL stack. PASS/FAIL against the targets of issue #3: search throughput ≥ 50 % of the
//    trivial one, search p99 < 50 ms. The table-access counters of PostgreSQL
//    (pg_stat_user_tables) are read around the measured search run, to show what SQL the
//    searches caused. Then a diagnostic run: one search for the rarest discipline (almost no
//    index work), i.e. what a search request costs apart from the index. The server's CPU time
//    (from /proc) is reported per run and per answer.
// 6. EXPLAIN (ANALYZE, BUFFERS) of the SQL a search sends: the change-log read of
//    expert-index.sync.ts, the account lookup behind the bearer token, the lexemes of the text;
//    and the one-off index load query (a full scan at start-up, by design), total time only.
//    The SQL is captured from the services themselves (called with a recording DataSource).
// 7. Stops the server with SIGTERM. Only 127.0.0.1 is contacted; the database is kept.
//
// Environment (all optional):
//   BENCH_DATABASE_URL      default postgresql://postgres@127.0.0.1:5432/verbinder_bench_search;
//                           re-created when it has too few professionals (name must contain "bench")
//   BENCH_REDIS_URL         default redis://127.0.0.1:6379;  BENCH_REDIS_PREFIX default bench-search
//   BENCH_PROFESSIONALS     default 100000;  BENCH_INITIATIVES default 10000;  BENCH_SEED default 1
//   BENCH_DURATION          measured seconds per run (default 15)
//   BENCH_WARMUP            warm-up seconds before each run (default 3)
//   BENCH_CONNECTIONS       concurrent connections (default 10)
//   BENCH_MIX               number of search requests in the mix (default 200)
//   BENCH_LOG_LEVEL         LOG_LEVEL of the server (default warn; at info it logs every request)
//   BENCH_SERVER_NODE_ARGS  extra node options for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service.js';
import { ViewerCache } from '../src/auth/viewer-cache.js';
import type { RegionsService } from '../src/regions/regions.service.js';
import { readMunicipalities, readProvinces } from '../src/database/reference-data.js';
import { TAXONOMY } from '../src/disciplines/taxonomy.data.js';
import { ExpertIndexSync } from '../src/search/expert-index.sync.js';
import { SearchService } from '../src/search/search.service.js';
import {
  cpuSeconds, fixed, integer, load, type LoadRequest, type LoadSummary, machineDescription, postGraphql, safeUrl, version,
  readSeedBenchSettings, recreateDatabase, runSeed, type SeedBenchSettings,
  type RunningServer, startServer, waitUntilSettled, runBench, writeReport, cleanUp,
} from './bench-support.js';
import { mulberry32 } from '../src/common/prng.js';

const PAGE_SIZE = 20;
const TARGET_THROUGHPUT_SHARE = 0.5;
const TARGET_P99_MS = 50;

const TRIVIAL_QUERY = '{ provinces { code } }';
const TRIVIAL_BODY = JSON.stringify({ query: TRIVIAL_QUERY });
/** What a result list of the expertise search shows. */
const SEARCH_QUERY = `query SearchExperts($input: ExpertSearchInput!, $after: String) {
  searchExperts(input: $input, first: ${PAGE_SIZE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { score distanceKm matchedDisciplines { slug } node { id name headline municipality { name } } }
  }
}`;

/** Municipalities searched from more often than the others (the biggest cities). */
const BIG_CITIES = [
  'GM0363', 'GM0599', 'GM0518', 'GM0344', 'GM0772', 'GM0014', 'GM0855', 'GM0034', 'GM0758', 'GM0268',
  'GM0200', 'GM0202', 'GM0392', 'GM0153', 'GM0307', 'GM0479', 'GM0796', 'GM0193', 'GM0546', 'GM0935',
];
const TEXTS = [
  'wijk', 'buurt', 'bewoners', 'energie', 'zorg', 'groen', 'participatie gemeente', 'subsidie', 'jongeren', 'duurzaam',
  'ouderen', 'wijkteam', 'coöperatie', 'buurthuis', 'vrijwilligers', 'klimaat', 'armoede', 'onderzoek', 'sport', 'cultuur',
];
const WITHIN_KM = [10, 15, 20, 25, 30, 40, 50];
const LEVELS = ['EXPERIENCED', 'EXPERT'] as const;
const SECTORS = ['GOVERNMENT', 'SCIENCE', 'BUSINESS', 'SOCIAL_ENTERPRISE', 'INSTITUTION', 'CITIZEN'] as const;

/** pg_stat_user_tables is flushed by idle backends within 10 s: wait this long before the counters are trusted. */
const STATS_FLUSH_MS = 11_000;

interface Settings extends SeedBenchSettings {
  mixSize: number;
  logLevel: string;
  serverNodeArgs: string[];
}

/** The server running now, stopped on SIGINT/SIGTERM or a crash of this script (runBench). */
let server: RunningServer | undefined;

function readSettings(): Settings {
  return {
    ...readSeedBenchSettings('search', 15),
    mixSize: integer('BENCH_MIX', 200),
    logLevel: process.env.BENCH_LOG_LEVEL || 'warn',
    serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((a) => a.length > 0),
  };
}

/** The monotonic clock in µs, the one V8's CPU profiles use (to find the measured runs in a server profile). */
const monotonicUs = (): string => (process.hrtime.bigint() / 1000n).toString();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

// ---------------------------------------------------------------------------------------------
// 1. Database and seed

/** Professionals in the database, or null when the database (or its professional table) does not exist. */
async function professionalCount(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    if (record(error)?.code === '3D000') return null; // database does not exist
    throw error;
  }
  try {
    const { rows } = await client.query<{ t: string | null }>(`SELECT to_regclass('professional')::text AS t`);
    if (rows[0].t === null) return null;
    const { rows: counted } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM professional`);
    return counted[0].n;
  } finally {
    await client.end();
  }
}

interface DatabaseFacts {
  professionals: number;
  offers: number;
  initiatives: number;
  changeLog: number;
  databaseSize: string;
}

async function databaseFacts(client: pg.Client): Promise<DatabaseFacts> {
  const { rows } = await client.query<DatabaseFacts>(`SELECT
      (SELECT count(*) FROM professional)::int AS professionals,
      (SELECT count(*) FROM professional_offer)::int AS offers,
      (SELECT count(*) FROM initiative)::int AS initiatives,
      (SELECT count(*) FROM professional_change)::int AS "changeLog",
      pg_size_pretty(pg_database_size(current_database())) AS "databaseSize"`);
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// 2. The server

/** Resident set size and its peak (kB → MiB) of a process, from /proc (Linux). */
function memoryOf(pid: number | undefined): { rssMiB: number; peakMiB: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(/^\s*(\d+)/.exec(status.split(`${field}:`)[1] ?? '')?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

const memoryText = (m: { rssMiB: number; peakMiB: number } | null): string =>
  m ? `RSS ${fixed(m.rssMiB, 0)} MiB (peak ${fixed(m.peakMiB, 0)} MiB)` : 'RSS unknown (no /proc)';

/** The "expert index loaded" log line ({ people, ms }), when the server logs at info level. */
function indexLoadedLine(line: string): { people: number; ms: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  const entry = record(parsed);
  if (entry?.msg !== 'expert index loaded' || typeof entry.people !== 'number' || typeof entry.ms !== 'number') return null;
  return { people: entry.people, ms: entry.ms };
}

// ---------------------------------------------------------------------------------------------
// 3. Token

/** The account id of the first professional (by id): the searcher. */
async function searcherId(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`SELECT p.id FROM professional p JOIN account a ON a.id = p.id ORDER BY p.id LIMIT 1`);
  if (!rows[0]) throw new Error('the database has no professional to sign in as');
  return rows[0].id;
}

/** A session token as AuthService would sign it (auth.module.ts): HS256, issuer "verbinder". */
function signToken(accountId: string, secret: string): string {
  return jwt.sign({ sub: accountId }, secret, { algorithm: 'HS256', issuer: 'verbinder', expiresIn: '2h' });
}

// ---------------------------------------------------------------------------------------------
// 4. The search mix


interface SearchInput {
  disciplines: string[];
  municipalityCode?: string;
  withinKm?: number;
  provinceCode?: string;
  text?: string;
  minLevel?: string;
  sectors?: string[];
}

type Category = 'page 1: disciplines only' | 'page 1: + region' | 'page 1: + text' | 'page 2 (after)';
const CATEGORIES: readonly Category[] = ['page 1: disciplines only', 'page 1: + region', 'page 1: + text', 'page 2 (after)'];

interface PreparedSearch {
  input: SearchInput;
  after: string | null;
  category: Category;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  request: LoadRequest;
}

function generateInputs(count: number, random: () => number): SearchInput[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const groups = TAXONOMY.filter((d) => d.parentSlug === null).map((d) => d.slug);
  const children = TAXONOMY.filter((d) => d.parentSlug !== null).map((d) => d.slug);
  const municipalities = readMunicipalities();
  const known = new Set(municipalities.map((m) => m.code));
  const bigCities = BIG_CITIES.filter((c) => known.has(c));
  if (bigCities.length < 10) throw new Error(`data/municipalities.csv lacks the big cities of the mix (found ${bigCities.length} of ${BIG_CITIES.length})`);
  const provinces = readProvinces().map((p) => p.code);

  const inputs: SearchInput[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const k = roll < 0.5 ? 1 : roll < 0.8 ? 2 : 3;
    const slugs = new Set<string>();
    while (slugs.size < k) slugs.add(random() < 0.15 ? pick(groups) : pick(children));
    const input: SearchInput = { disciplines: [...slugs] };
    const region = random();
    if (region < 0.4) {
      input.municipalityCode = random() < 0.5 ? pick(bigCities) : pick(municipalities).code;
      if (random() < 0.5) input.withinKm = pick(WITHIN_KM);
    } else if (region < 0.5) {
      input.provinceCode = pick(provinces);
    }
    if (random() < 0.3) input.text = pick(TEXTS);
    if (random() < 0.1) input.minLevel = pick(LEVELS);
    if (random() < 0.1) {
      const sectors = new Set([pick(SECTORS)]);
      if (random() < 0.5) sectors.add(pick(SECTORS));
      input.sectors = [...sectors];
    }
    inputs.push(input);
  }
  return inputs;
}

function describe(input: SearchInput): string {
  const parts = [input.disciplines.join('+')];
  if (input.municipalityCode) parts.push(input.withinKm ? `${input.municipalityCode}≤${input.withinKm}km` : input.municipalityCode);
  if (input.provinceCode) parts.push(input.provinceCode);
  if (input.text) parts.push(`"${input.text}"`);
  if (input.minLevel) parts.push(`≥${input.minLevel}`);
  if (input.sectors) parts.push(input.sectors.join('|'));
  return parts.join(' ');
}

async function runSearch(
  url: string,
  authorization: Record<string, string>,
  input: SearchInput,
  after: string | null,
  category: Category,
): Promise<PreparedSearch> {
  const body = JSON.stringify({ query: SEARCH_QUERY, variables: { input, after } });
  const answer = await postGraphql(url, body, authorization);
  const json = record(answer.json);
  const connection = record(record(json?.data)?.searchExperts);
  const pageInfo = record(connection?.pageInfo);
  if (
    answer.status !== 200 ||
    json?.errors !== undefined ||
    typeof connection?.totalCount !== 'number' ||
    !Array.isArray(connection.edges) ||
    typeof pageInfo?.hasNextPage !== 'boolean'
  ) {
    throw new Error(`searchExperts ${JSON.stringify({ input, after })} answered HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
  }
  return {
    input,
    after,
    category,
    totalCount: connection.totalCount,
    hasNextPage: pageInfo.hasNextPage,
    endCursor: typeof pageInfo.endCursor === 'string' ? pageInfo.endCursor : null,
    request: { label: category, body, expected: answer.text, headers: authorization },
  };
}

function categoryOf(input: SearchInput): Category {
  if (input.text) return 'page 1: + text';
  if (input.municipalityCode || input.provinceCode) return 'page 1: + region';
  return 'page 1: disciplines only';
}

/**
 * ~80 % first pages and ~20 % second pages (of first pages that have one), each sent once
 * here; then shuffled. Fails on the first answer with errors.
 */
async function prepareMix(url: string, authorization: Record<string, string>, size: number): Promise<PreparedSearch[]> {
  const random = mulberry32(20_260_003);
  const firstPages: PreparedSearch[] = [];
  const wantedSecond = Math.round(size * 0.2);
  for (const input of generateInputs(size - wantedSecond, random)) {
    firstPages.push(await runSearch(url, authorization, input, null, categoryOf(input)));
  }
  const withNext = firstPages.filter((p) => p.hasNextPage && p.endCursor);
  const secondPages: PreparedSearch[] = [];
  for (let i = 0; i < wantedSecond && withNext.length > 0; i++) {
    const [first] = withNext.splice(Math.floor(random() * withNext.length), 1);
    secondPages.push(await runSearch(url, authorization, first.input, first.endCursor, 'page 2 (after)'));
  }
  const mix = [...firstPages, ...secondPages];
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [mix[i], mix[j]] = [mix[j], mix[i]];
  }
  return mix;
}

/**
 * The child discipline offered by the fewest people (at least 25, so a full page): a search
 * for it alone has almost no index work, so its run shows what the rest of a search request
 * costs (HTTP, GraphQL, token and account lookup, 20 edges rendered).
 */
async function rarestDiscipline(client: pg.Client): Promise<{ slug: string; offers: number }> {
  const { rows } = await client.query<{ slug: string; offers: number }>(
    `SELECT d.slug, count(*)::int AS offers FROM professional_offer o JOIN discipline d ON d.id = o.discipline_id
     WHERE d.parent_id IS NOT NULL GROUP BY d.slug HAVING count(*) >= 25 ORDER BY offers, d.slug LIMIT 1`,
  );
  if (!rows[0]) throw new Error('no discipline is offered by 25 people or more');
  return rows[0];
}

function distribution(values: readonly number[]): { min: number; p25: number; median: number; p75: number; max: number; zero: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { min: sorted[0], p25: at(0.25), median: at(0.5), p75: at(0.75), max: sorted[sorted.length - 1], zero: sorted.filter((v) => v === 0).length };
}

// ---------------------------------------------------------------------------------------------
// 5. Table counters around the search run

const WATCHED_TABLES = ['professional', 'professional_offer', 'account', 'professional_change'] as const;

interface TableCounters {
  seqScan: number;
  idxScan: number;
}

async function tableCounters(client: pg.Client): Promise<Map<string, TableCounters>> {
  const { rows } = await client.query<{ relname: string; seq_scan: string; idx_scan: string | null }>(
    `SELECT relname, seq_scan, idx_scan FROM pg_stat_user_tables WHERE relname = ANY($1)`,
    [WATCHED_TABLES],
  );
  return new Map(rows.map((r) => [r.relname, { seqScan: Number(r.seq_scan), idxScan: Number(r.idx_scan ?? 0) }]));
}

async function transactions(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0].n);
}

// ---------------------------------------------------------------------------------------------
// 6. EXPLAIN of the SQL the services send

interface Captured {
  sql: string;
  params: unknown[];
}

/** A DataSource that records statements and answers each with `answer(sql)`. */
function recordingDataSource(captured: Captured[], answer: (sql: string) => unknown[]): DataSource {
  const query = async (sql: string, params?: unknown[]): Promise<unknown[]> => {
    captured.push({ sql, params: params ?? [] });
    return answer(sql);
  };
  return { query, transaction: async (_level: string, work: (tx: { query: typeof query }) => Promise<unknown>) => work({ query }) } as unknown as DataSource;
}

interface SearchSql {
  changeLogRead: string;
  accountLookup: string;
  lexemes: string;
  indexLoad: string;
}

/**
 * The statements, as the services send them: ExpertIndexSync's full load and change-log read,
 * AuthService's account lookup per bearer token, SearchService's lexemes of a search text.
 */
async function captureSearchSql(): Promise<SearchSql> {
  Logger.overrideLogger(false); // ExpertIndexSync logs "expert index loaded"

  const syncCaptured: Captured[] = [];
  const syncDb = recordingDataSource(syncCaptured, (sql) => (/\bids\b/.test(sql) ? [{ xmin: '0', ids: [] }] : /AS xmin/.test(sql) ? [{ xmin: '0' }] : []));
  const sync = new ExpertIndexSync(syncDb, { municipalities: () => [] } as unknown as RegionsService);
  await sync.current(); // the full load
  await sleep(150); // past SYNC_INTERVAL_MS: the next search reads the change log
  await sync.current();
  await sync.onModuleDestroy(); // ends the index thread
  const indexLoad = syncCaptured.find((c) => /\bFROM professional p\b/.test(c.sql));
  const changeLogRead = syncCaptured.find((c) => /\bprofessional_change\b/.test(c.sql));

  const authCaptured: Captured[] = [];
  const auth = new AuthService(
    recordingDataSource(authCaptured, () => [{ roles: [] }]),
    { verifyAsync: async () => ({ sub: '00000000-0000-4000-8000-000000000000' }) } as never,
    null as never,
    null as never,
    new ViewerCache({ ttlMs: 1, maxTokens: 1 }),
  );
  await auth.viewerFromToken('token');
  const accountLookup = authCaptured.find((c) => /\bFROM account\b/.test(c.sql));

  const searchCaptured: Captured[] = [];
  const search = new SearchService(
    recordingDataSource(searchCaptured, () => [{ lexemes: ['wijk'] }]),
    { requireIds: () => [1], withDescendants: () => [1], get: () => ({}) } as never,
    null as never,
    { current: async () => ({ search: () => ({ total: 0, hits: [], hasNextPage: false }) }) } as never,
  );
  await search.searchExperts({ accountId: '00000000-0000-4000-8000-000000000000', roles: [] } as never, { disciplines: ['x'], text: 'wijk' }, 20, null);
  const lexemes = searchCaptured.find((c) => /to_tsvector/.test(c.sql));

  Logger.overrideLogger(['log', 'error', 'warn']);
  if (!indexLoad || !changeLogRead || !accountLookup || !lexemes) {
    throw new Error(
      `could not capture the search SQL: ${JSON.stringify({ indexLoad: !!indexLoad, changeLogRead: !!changeLogRead, accountLookup: !!accountLookup, lexemes: !!lexemes })}`,
    );
  }
  return { indexLoad: indexLoad.sql, changeLogRead: changeLogRead.sql, accountLookup: accountLookup.sql, lexemes: lexemes.sql };
}

interface Explained {
  title: string;
  sql: string;
  params: unknown[];
  plan: string[];
  indexesUsed: string[];
  seqScans: string[];
  executionMs: number;
  /** Median time of the statement itself (no EXPLAIN), round trip from this process included. */
  plainMedianMs: number;
}

const PLAIN_RUNS = 5;

async function explain(client: pg.Client, title: string, sql: string, params: unknown[], plainRuns = PLAIN_RUNS): Promise<Explained> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']);
  const times: number[] = [];
  for (let i = 0; i < plainRuns; i++) {
    const t0 = performance.now();
    await client.query(sql, params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const indexesUsed = [...new Set(plan.flatMap((l) => [...l.matchAll(/(?:Index Scan|Index Only Scan) using (\S+)|Bitmap Index Scan on (\S+)/g)].map((m) => m[1] ?? m[2])))];
  const seqScans = [...new Set(plan.flatMap((l) => [...l.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1])))];
  const execution = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find((m) => m !== null);
  return {
    title,
    sql: sql.replace(/\s+/g, ' ').trim(),
    params,
    plan,
    indexesUsed,
    seqScans,
    executionMs: execution ? Number(execution[1]) : Number.NaN,
    plainMedianMs: times.length ? times[Math.floor(times.length / 2)] : Number.NaN,
  };
}

function verdict(e: Explained): string {
  const index = e.indexesUsed.length ? `index used: ${e.indexesUsed.join(', ')}` : 'no index used (reads no table)';
  const seq = e.seqScans.length ? `Seq Scan on ${e.seqScans.join(', ')}` : 'no Seq Scan';
  const professional = e.seqScans.includes('professional') ? 'SEQ SCAN ON professional' : 'no Seq Scan on professional';
  return `${index}; ${seq}; ${professional}`;
}

function explainText(e: Explained): string {
  return [
    `--- ${e.title}`,
    `SQL: ${e.sql}`,
    `params: ${JSON.stringify(e.params)}`,
    ...e.plan,
    `=> ${verdict(e)}`,
    `=> without EXPLAIN: median ${fixed(e.plainMedianMs, 2)} ms over ${PLAIN_RUNS} runs (round trip from this process included)`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value: number): string => fixed(value, 2);

/** A measured run and the CPU the server used meanwhile. */
interface Run extends LoadSummary {
  /** Server CPU (user + system) during the run, in cores (1 = one core busy all the time); NaN without /proc. */
  serverCores: number;
}

async function measuredRun(child: ChildProcess, url: string, requests: readonly LoadRequest[], durationS: number, connections: number): Promise<Run> {
  const pid = child.pid;
  const before = pid === undefined ? undefined : cpuSeconds(pid);
  const startedAt = performance.now();
  const summary = await load(url, requests, durationS, connections);
  const after = pid === undefined ? undefined : cpuSeconds(pid);
  const wallS = (performance.now() - startedAt) / 1000;
  return { ...summary, serverCores: before === undefined || after === undefined ? Number.NaN : (after - before) / wallS };
}

function runRow(name: string, run: Run): string {
  return (
    `| ${name} | ${fixed(run.requestsPerSecond, 0)} | ${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${ms(run.meanMs)} | ` +
    `${run.count} in ${fixed(run.durationS, 2)} | ${fixed(run.serverCores, 2)} | ${fixed((1000 * run.serverCores) / run.requestsPerSecond, 2)} |`
  );
}

function loadTable(search: Run, trivial: Run, mixSize: number, cheap: Run, cheapWhat: string): string {
  const lines = [
    '| run | requests/s | p50 latency (ms) | p99 latency (ms) | mean latency (ms) | answers (2xx) in s | server CPU (cores) | server CPU per answer (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    runRow(`searchExperts, mix of ${mixSize} requests`, search),
    runRow(`trivial \`${TRIVIAL_QUERY}\``, trivial),
    `| **search / trivial** | **${fixed(search.requestsPerSecond / trivial.requestsPerSecond, 2)}×** | ` +
      `${fixed(search.p50Ms / trivial.p50Ms, 2)}× | ${fixed(search.p99Ms / trivial.p99Ms, 2)}× | ${fixed(search.meanMs / trivial.meanMs, 2)}× | | | ` +
      `${fixed(search.serverCores / search.requestsPerSecond / (trivial.serverCores / trivial.requestsPerSecond), 2)}× |`,
    runRow(`diagnostic: searchExperts ${cheapWhat}`, cheap),
  ];
  return lines.join('\n');
}

function categoryTable(mix: readonly PreparedSearch[], search: LoadSummary): string {
  const lines = [
    '| requests in the mix | count | totalCount median (min–max) | p50 (ms) | p99 (ms) | mean (ms) | answers |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const category of CATEGORIES) {
    const of = mix.filter((m) => m.category === category);
    const run = search.byLabel.get(category);
    if (!of.length || !run) continue;
    const d = distribution(of.map((m) => m.totalCount));
    lines.push(`| ${category} | ${of.length} | ${d.median} (${d.min}–${d.max}) | ${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${ms(run.meanMs)} | ${run.count} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = readSettings();
  const machine = machineDescription();
  const started = new Date();
  const dataDir = await mkdtemp(join(os.tmpdir(), 'verbinder-bench-search-'));
  let client: pg.Client | undefined;
  try {
    // 1. Database
    const existing = await professionalCount(settings.databaseUrl);
    let seedLine: string;
    if (existing !== null && existing >= settings.professionals) {
      seedLine = `Database reused: ${existing} professionals already loaded (at least BENCH_PROFESSIONALS = ${settings.professionals}); not seeded again.`;
      process.stderr.write(`${seedLine}\n`);
    } else {
      process.stderr.write(
        `database ${safeUrl(settings.databaseUrl)}: ${existing === null ? 'missing or empty' : `${existing} professionals`}; dropping and creating…\n`,
      );
      await recreateDatabase(settings.databaseUrl);
      const seed = await runSeed(settings, dataDir);
      process.stderr.write(`seed: ${seed.wallS.toFixed(1)} s wall time\n`);
      const vacuumClient = new pg.Client({ connectionString: settings.databaseUrl });
      await vacuumClient.connect();
      const vacuumStarted = performance.now();
      await vacuumClient.query('VACUUM');
      const vacuumS = (performance.now() - vacuumStarted) / 1000;
      await vacuumClient.end();
      seedLine =
        `Seeded: --professionals ${settings.professionals} --initiatives ${settings.initiatives} --seed ${settings.seed}: ` +
        `${seed.wallS.toFixed(1)} s wall time (child process, migrations included); the command reported: ${seed.report}. VACUUM afterwards: ${vacuumS.toFixed(1)} s.`;
      process.stderr.write(`${seedLine}\n`);
    }

    client = new pg.Client({ connectionString: settings.databaseUrl });
    await client.connect();
    const { rows: pgVersion } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const facts = await databaseFacts(client);
    const accountId = await searcherId(client);
    // Before the server starts, so that the table counters of these reads are flushed long before the measured run.
    const rarest = await rarestDiscipline(client);
    const searchSql = await captureSearchSql();

    // 2. Server
    const jwtSecret = randomBytes(32).toString('hex');
    const logged: { load: { people: number; ms: number } | null } = { load: null };
    process.stderr.write('starting the server (express)…\n');
    const spawnedAt = performance.now();
    server = await startServer({
      adapter: 'express',
      databaseUrl: settings.databaseUrl,
      redisUrl: settings.redisUrl,
      redisPrefix: settings.redisPrefix,
      dataDir,
      jwtSecret,
      logLevel: settings.logLevel,
      nodeArgs: settings.serverNodeArgs,
      onLine: (line) => void (logged.load ??= indexLoadedLine(line)),
    });
    const listeningAt = performance.now();

    // 3. Token
    const authorization = { authorization: `Bearer ${signToken(accountId, jwtSecret)}` };

    // Searches await the index load: the first one answers when it is ready.
    const probe: SearchInput = { disciplines: ['participatie'] };
    for (;;) {
      try {
        await runSearch(server.url, authorization, probe, null, 'page 1: disciplines only');
        break;
      } catch (error) {
        if (performance.now() - listeningAt > 300_000) throw error;
        process.stderr.write(`waiting for the first search: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}\n`);
        await sleep(1_000);
      }
    }
    const indexReadyAt = performance.now();
    const memoryAfterLoad = memoryOf(server.child.pid);
    const readyAfterListenS = (indexReadyAt - listeningAt) / 1000;
    const readyAfterSpawnS = (indexReadyAt - spawnedAt) / 1000;
    process.stderr.write(
      `server listening after ${((listeningAt - spawnedAt) / 1000).toFixed(1)} s; first search answered ${readyAfterListenS.toFixed(1)} s later ` +
        `(${readyAfterSpawnS.toFixed(1)} s after spawn)` +
        `${logged.load ? `; the server logged "expert index loaded" ${JSON.stringify(logged.load)}` : ''}; ${memoryText(memoryAfterLoad)}\n`,
    );
    const settledS = await waitUntilSettled(server, settings.databaseUrl);

    // 4. Mix
    process.stderr.write(`preparing ${settings.mixSize} searches (each sent once and checked)…\n`);
    const prepStarted = performance.now();
    const mix = await prepareMix(server.url, authorization, settings.mixSize);
    const prepS = (performance.now() - prepStarted) / 1000;
    const counts = distribution(mix.map((m) => m.totalCount));
    const countLine =
      `totalCount over the ${mix.length} requests: min ${counts.min}, p25 ${counts.p25}, median ${counts.median}, p75 ${counts.p75}, max ${counts.max}; ` +
      `${counts.zero} with no match; ${mix.filter((m) => m.after).length} second pages`;
    process.stderr.write(`${countLine} (prepared in ${prepS.toFixed(1)} s)\n`);
    const trivialAnswer = await postGraphql(server.url, TRIVIAL_BODY);
    if (trivialAnswer.status !== 200 || record(trivialAnswer.json)?.errors !== undefined) {
      throw new Error(`${TRIVIAL_QUERY} answered HTTP ${trivialAnswer.status}: ${trivialAnswer.text.slice(0, 2000)}`);
    }
    const trivial: LoadRequest = { label: 'provinces', body: TRIVIAL_BODY, expected: trivialAnswer.text };
    const searchRequests = mix.map((m) => m.request);
    const loadAverage = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    for (const m of [...mix].sort((a, b) => b.totalCount - a.totalCount).slice(0, 5)) {
      process.stderr.write(`  totalCount ${m.totalCount}: ${describe(m.input)}${m.after ? ' (page 2)' : ''}\n`);
    }
    const cheapSearch = await runSearch(server.url, authorization, { disciplines: [rarest.slug] }, null, 'page 1: disciplines only');
    const cheapRequest: LoadRequest = { ...cheapSearch.request, label: 'cheap' };
    const cheapWhat = `for the rarest discipline alone ("${rarest.slug}", ${rarest.offers} offers, ${cheapSearch.totalCount} found, first 20): the cost of a search request apart from the index`;

    // 5. Load
    process.stderr.write(`warm-up ${settings.warmupS} s: search mix…\n`);
    const searchWarmup = await load(server.url, searchRequests, settings.warmupS, settings.connections);
    if (searchWarmup.problems.length) process.stderr.write(`search warm-up: ${searchWarmup.problems.join(', ')}\n`);
    // Stats of the start-up (the full load scans professional) must be flushed before the counters are read.
    const sinceReady = performance.now() - indexReadyAt;
    if (sinceReady < STATS_FLUSH_MS) await sleep(STATS_FLUSH_MS - sinceReady);
    const countersBefore = await tableCounters(client);
    const xactBefore = await transactions(client);
    process.stderr.write(`measuring ${settings.durationS} s: search mix… (monotonic clock ${monotonicUs()} µs)\n`);
    const searchRun = await measuredRun(server.child, server.url, searchRequests, settings.durationS, settings.connections);
    process.stderr.write(`search run done (monotonic clock ${monotonicUs()} µs)\n`);
    const memoryAfterSearch = memoryOf(server.child.pid);
    process.stderr.write(`warm-up ${settings.warmupS} s: trivial…\n`);
    await load(server.url, [trivial], settings.warmupS, settings.connections);
    process.stderr.write(`measuring ${settings.durationS} s: trivial… (monotonic clock ${monotonicUs()} µs)\n`);
    const trivialRun = await measuredRun(server.child, server.url, [trivial], settings.durationS, settings.connections);
    process.stderr.write(`trivial run done (monotonic clock ${monotonicUs()} µs)\n`);
    // The trivial runs use no SQL; by now the server's backends have flushed the search run's counters.
    const sinceSearch = (settings.warmupS + trivialRun.durationS) * 1000;
    if (sinceSearch < STATS_FLUSH_MS) await sleep(STATS_FLUSH_MS - sinceSearch);
    const countersAfter = await tableCounters(client);
    const xactAfter = await transactions(client);
    process.stderr.write(`warm-up ${settings.warmupS} s + measuring ${settings.durationS} s: diagnostic cheap search…\n`);
    await load(server.url, [cheapRequest], settings.warmupS, settings.connections);
    process.stderr.write(`measuring the cheap search (monotonic clock ${monotonicUs()} µs)\n`);
    const cheapRun = await measuredRun(server.child, server.url, [cheapRequest], settings.durationS, settings.connections);
    process.stderr.write(`cheap search done (monotonic clock ${monotonicUs()} µs)\n`);
    const memoryAtEnd = memoryOf(server.child.pid);

    // 6. EXPLAIN
    process.stderr.write('EXPLAIN (ANALYZE, BUFFERS)…\n');
    const { rows: xminRows } = await client.query<{ xmin: string }>(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    const text = mix.find((m) => m.input.text && m.input.text.includes(' '))?.input.text ?? 'participatie gemeente';
    const perRequest = [
      await explain(client, 'change-log read (expert-index.sync.ts; at most every 100 ms, shared by the searches waiting meanwhile)', searchSql.changeLogRead, [xminRows[0].xmin]),
      await explain(client, 'account lookup behind the bearer token (auth.service.ts; once per token every few seconds, ViewerCache)', searchSql.accountLookup, [accountId]),
      await explain(client, 'lexemes of the search text (search.service.ts; once per distinct text, then cached)', searchSql.lexemes, [text]),
    ];
    const indexLoad = await explain(client, 'full index load (expert-index.sync.ts, DOCS_SQL; once at start-up)', searchSql.indexLoad, [], 1);

    const exitCode = await server.stop();
    server = undefined;

    // Report
    const throughputShare = searchRun.requestsPerSecond / trivialRun.requestsPerSecond;
    const throughputPass = throughputShare >= TARGET_THROUGHPUT_SHARE;
    const p99Pass = searchRun.p99Ms < TARGET_P99_MS;
    const problems = [
      ...searchRun.problems.map((p) => `search: ${p}`),
      ...trivialRun.problems.map((p) => `trivial: ${p}`),
      ...cheapRun.problems.map((p) => `diagnostic cheap search: ${p}`),
    ];
    if (exitCode !== 0) problems.push(`the server exited with code ${exitCode} after SIGTERM`);

    const counterLines = WATCHED_TABLES.map((t) => {
      const before = countersBefore.get(t);
      const after = countersAfter.get(t);
      if (!before || !after) return `  ${t}: no counters`;
      return `  ${t}: seq_scan +${after.seqScan - before.seqScan}, idx_scan +${after.idxScan - before.idxScan}`;
    });
    const seqOnProfessional = (countersAfter.get('professional')?.seqScan ?? 0) - (countersBefore.get('professional')?.seqScan ?? 0);
    const xacts = xactAfter - xactBefore;

    const loadTime = logged.load ? `the server logged "expert index loaded" with ${logged.load.people} people in ${logged.load.ms} ms; ` : '';
    const out = [
      '',
      'Expertise search benchmark (issue #3)',
      `Machine: ${machine}; load average before the runs ${loadAverage} (1, 5, 15 min)`,
      `Node ${process.version}; PostgreSQL ${pgVersion[0].v}; express ${version('express')} (@nestjs/platform-express ${version('@nestjs/platform-express')}), autocannon ${version('autocannon')}`,
      `Date: ${started.toISOString()}`,
      `Database: ${safeUrl(settings.databaseUrl)}: ${facts.professionals} professionals (${facts.offers} offers), ${facts.initiatives} initiatives, ` +
        `${facts.changeLog} change-log rows, ${facts.databaseSize}`,
      seedLine,
      '',
      `Index: ${loadTime}first search answered ${readyAfterListenS.toFixed(1)} s after the server listened ` +
        `(${readyAfterSpawnS.toFixed(1)} s after the process was spawned; the load starts at application bootstrap, just before listen). ` +
        `Server memory: after the load ${memoryText(memoryAfterLoad)}; after the search run ${memoryText(memoryAfterSearch)}; at the end ${memoryText(memoryAtEnd)}.`,
      `Start-up work settled ${settledS.toFixed(1)} s after the first search. ${countLine}.`,
      '',
      `Load: POST /graphql, ${settings.connections} connections, ${settings.warmupS} s warm-up then ${settings.durationS} s measured, per run; ` +
        `API on express in a child process (NODE_ENV=production, LOG_LEVEL=${settings.logLevel}${settings.serverNodeArgs.length ? `, node ${settings.serverNodeArgs.join(' ')}` : ''}); ` +
        `search requests signed in (bearer token), cycling through the mix; trivial anonymous. Every answer compared with the one checked beforehand.`,
      '',
      loadTable(searchRun, trivialRun, mix.length, cheapRun, cheapWhat),
      '',
      'Within the search run, per kind of request:',
      '',
      categoryTable(mix, searchRun),
      '',
      `Target 1, search throughput ≥ ${TARGET_THROUGHPUT_SHARE * 100} % of the trivial query's: ${fixed(throughputShare * 100, 1)} % → ${throughputPass ? 'PASS' : 'FAIL'}`,
      `Target 2, search p99 < ${TARGET_P99_MS} ms at ${settings.connections} connections: ${ms(searchRun.p99Ms)} ms → ${p99Pass ? 'PASS' : 'FAIL'}`,
      '',
      `PostgreSQL during the measured search run (${searchRun.count} answers; pg_stat_user_tables, pg_stat_database): ` +
        `${xacts} transactions (${fixed(xacts / Math.max(1, searchRun.count), 2)} per search)`,
      ...counterLines,
      `  => ${seqOnProfessional === 0 ? 'no sequential scan of professional' : `${seqOnProfessional} SEQUENTIAL SCANS OF professional`} while searching`,
      '',
      'EXPLAIN (ANALYZE, BUFFERS) of the SQL a search sends:',
      '',
    ];
    for (const e of perRequest) out.push(explainText(e), '');
    out.push(
      `--- ${indexLoad.title}`,
      `${indexLoad.plan[0] ?? ''}`,
      ...indexLoad.plan.filter((l) => /Planning Time|Execution Time/.test(l)),
      `=> without EXPLAIN: ${fixed(indexLoad.plainMedianMs, 0)} ms (one run, rows fetched into this process)`,
      `=> ${verdict(indexLoad)} (a full read of everyone, meant to scan)`,
      '',
    );
    writeReport(out, problems);
  } finally {
    await cleanUp(server, client, dataDir);
    server = undefined;
  }
}

runBench(main, () => server);
