// `npm run bench:seed`: seeding a network of 100,000 professionals and 10,000 initiatives, and
// the knowledge bank's full-text search on it over HTTP (issue #2).
//
// 1. Drops and creates the benchmark database, then runs the seed command
//    (dist/src/seed/seed.command.js) in a child process and times it (wall clock,
//    process start to exit, migrations of the empty database included). Then VACUUMs the
//    database (timed separately, not part of the seed time) so that autovacuum does not start
//    on the freshly loaded tables in the middle of the measurement; the seed itself ANALYZEs.
// 2. Starts the API (bench/http-adapter-server.ts, Express: the adapter used in production) in
//    a child process, waits until its start-up work has settled (the API loads its in-memory
//    expert index of all professionals in the background after it listens), and drives
//    POST /graphql with autocannon from this process: the trivial
//    `{ provinces { code } }` as a baseline, then a page of `initiatives(filter: { text },
//    first: 20)` for a round-robin mix of Dutch queries, then the second page of each (`after`
//    = the first page's endCursor). Every answer is compared with the one checked beforehand.
// 3. EXPLAIN (ANALYZE, BUFFERS) of the SQL of a search page and of its count, for the query with
//    the most matches (and its second page) and the one with the fewest (but some) matches; the
//    SQL is the exact SQL that InitiativesService.list sends (captured by calling it with a
//    recording DataSource), and the script says whether the plan uses the GIN index
//    initiative_search_vector_idx. Each statement is also timed without EXPLAIN (median of 5).
// 4. Stops the server with SIGTERM.
// Only 127.0.0.1 is ever contacted. The database is left in place for inspection.
//
// Environment (all optional):
//   BENCH_DATABASE_URL   default postgresql://postgres@127.0.0.1:5432/verbinder_bench_seed;
//                        DROPPED and re-created, so its name must contain "bench"
//   BENCH_REDIS_URL      default redis://127.0.0.1:6379;  BENCH_REDIS_PREFIX default bench-seed
//   BENCH_PROFESSIONALS  default 100000;  BENCH_INITIATIVES default 10000;  BENCH_SEED default 1
//   BENCH_DURATION       measured seconds per run (default 10)
//   BENCH_WARMUP         warm-up seconds, once, all requests mixed (default 3)
//   BENCH_CONNECTIONS    concurrent connections (default 10)
//   BENCH_QUERIES        search texts separated by ";" (default: the six below)
import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { DisciplinesService } from '../src/disciplines/disciplines.service.js';
import { InitiativesService } from '../src/initiatives/initiatives.service.js';
import type { RegionsService } from '../src/regions/regions.service.js';
import {
  readSeedBenchSettings, type SeedBenchSettings, recreateDatabase, runSeed,
  fixed, load, type LoadRequest, type LoadSummary, machineDescription, postGraphql, safeUrl, version,
  cleanUp, runBench, type RunningServer, startServer, waitUntilSettled, writeReport,
} from './bench-support.js';

const DEFAULT_QUERIES = ['wijk', 'buurttuin', 'energie coöperatie', 'zorg ouderen', 'repair café', 'groen bewoners'];
const PAGE_SIZE = 20;
const GIN_INDEX = 'initiative_search_vector_idx';

const TRIVIAL_QUERY = '{ provinces { code } }';
const TRIVIAL_BODY = JSON.stringify({ query: TRIVIAL_QUERY });
/** What a knowledge-bank result list shows: one SQL query for the page, one for the count, one for the themes. */
const SEARCH_QUERY = `query KnowledgeBank($text: String!, $after: String) {
  initiatives(filter: { text: $text }, first: ${PAGE_SIZE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title summary status createdAt municipality { code name } themes { slug name } } }
  }
}`;
const searchBody = (text: string, after: string | null): string => JSON.stringify({ query: SEARCH_QUERY, variables: { text, after } });

interface Settings extends SeedBenchSettings {
  queries: string[];
}

interface SearchCheck {
  text: string;
  tsquery: string;
  totalCount: number;
  page1Edges: number;
  hasNextPage: boolean;
  endCursor: string | null;
  page2Edges: number | null;
  page1: LoadRequest;
  page2: LoadRequest | null;
}

/** The server running now, stopped on SIGINT/SIGTERM or a crash of this script (runBench). */
let server: RunningServer | undefined;

function readSettings(): Settings {
  const queries = (process.env.BENCH_QUERIES ?? '')
    .split(';')
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
  return {
    ...readSeedBenchSettings('seed', 10),
    queries: queries.length ? queries : DEFAULT_QUERIES,
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Database and seed

interface DatabaseFacts {
  professionals: number;
  initiatives: number;
  initiativeThemes: number;
  databaseSize: string;
  initiativeSize: string;
  ginSize: string;
}

async function databaseFacts(client: pg.Client): Promise<DatabaseFacts> {
  const { rows } = await client.query<DatabaseFacts>(`SELECT
      (SELECT count(*) FROM professional)::int AS professionals,
      (SELECT count(*) FROM initiative)::int AS initiatives,
      (SELECT count(*) FROM initiative_theme)::int AS "initiativeThemes",
      pg_size_pretty(pg_database_size(current_database())) AS "databaseSize",
      pg_size_pretty(pg_total_relation_size('initiative')) AS "initiativeSize",
      pg_size_pretty(pg_relation_size('${GIN_INDEX}')) AS "ginSize"`);
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// 2. HTTP

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

async function checkTrivial(url: string): Promise<LoadRequest> {
  const { status, text, json } = await postGraphql(url, TRIVIAL_BODY);
  const provinces = record(record(json)?.data)?.provinces;
  if (status !== 200 || record(json)?.errors !== undefined || !Array.isArray(provinces) || provinces.length === 0) {
    throw new Error(`POST /graphql ${TRIVIAL_QUERY} answered HTTP ${status}: ${text.slice(0, 2000)}`);
  }
  return { label: 'provinces', body: TRIVIAL_BODY, expected: text };
}

interface PageAnswer {
  text: string;
  totalCount: number;
  edges: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

async function searchPage(url: string, text: string, after: string | null): Promise<PageAnswer> {
  const answer = await postGraphql(url, searchBody(text, after));
  const connection = record(record(record(answer.json)?.data)?.initiatives);
  const pageInfo = record(connection?.pageInfo);
  if (
    answer.status !== 200 ||
    record(answer.json)?.errors !== undefined ||
    typeof connection?.totalCount !== 'number' ||
    !Array.isArray(connection.edges) ||
    typeof pageInfo?.hasNextPage !== 'boolean'
  ) {
    throw new Error(`search "${text}"${after ? ' (page 2)' : ''} answered HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
  }
  return {
    text: answer.text,
    totalCount: connection.totalCount,
    edges: connection.edges.length,
    hasNextPage: pageInfo.hasNextPage,
    endCursor: typeof pageInfo.endCursor === 'string' ? pageInfo.endCursor : null,
  };
}

/** Each search once (both pages), so the reader sees the result sizes and the load can check every answer. */
async function checkSearches(url: string, client: pg.Client, queries: readonly string[]): Promise<SearchCheck[]> {
  const checks: SearchCheck[] = [];
  for (const text of queries) {
    const { rows } = await client.query<{ q: string }>(`SELECT websearch_to_tsquery('dutch', $1)::text AS q`, [text]);
    const first = await searchPage(url, text, null);
    const second = first.hasNextPage && first.endCursor ? await searchPage(url, text, first.endCursor) : null;
    checks.push({
      text,
      tsquery: rows[0].q,
      totalCount: first.totalCount,
      page1Edges: first.edges,
      hasNextPage: first.hasNextPage,
      endCursor: first.endCursor,
      page2Edges: second?.edges ?? null,
      page1: { label: text, body: searchBody(text, null), expected: first.text },
      page2: second ? { label: text, body: searchBody(text, first.endCursor), expected: second.text } : null,
    });
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// 3. EXPLAIN

interface CapturedQuery {
  kind: 'page' | 'count';
  sql: string;
  params: unknown[];
}

/**
 * The SQL InitiativesService.list sends for a text search: the service itself is called with a
 * DataSource that records the statements instead of running them (a text-only filter needs
 * neither the disciplines nor the regions service).
 */
async function knowledgeBankSql(text: string, after: string | null): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const recorder = {
    query: async (sql: string, params?: unknown[]): Promise<unknown[]> => {
      captured.push({ kind: /\bLIMIT\b/.test(sql) ? 'page' : 'count', sql, params: params ?? [] });
      return [{ count: 0 }];
    },
  };
  const service = new InitiativesService(recorder as unknown as DataSource, null as unknown as DisciplinesService, null as unknown as RegionsService);
  await service.list({ text }, PAGE_SIZE, after);
  if (captured.length === 0) throw new Error('InitiativesService.list sent no SQL');
  return captured;
}

interface Explained {
  title: string;
  sql: string;
  params: unknown[];
  plan: string[];
  usesGin: boolean;
  seqScan: boolean;
  /** Median time of the statement itself (no EXPLAIN, whose per-row timing inflates the figures above). */
  plainMedianMs: number;
}

const PLAIN_RUNS = 5;

async function explain(client: pg.Client, title: string, query: CapturedQuery): Promise<Explained> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
  const plan = rows.map((r) => r['QUERY PLAN']);
  const times: number[] = [];
  for (let i = 0; i < PLAIN_RUNS; i++) {
    const t0 = performance.now();
    await client.query(query.sql, query.params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    title,
    sql: query.sql.replace(/\s+/g, ' ').trim(),
    params: query.params,
    plan,
    usesGin: plan.some((line) => line.includes(` on ${GIN_INDEX}`)),
    seqScan: plan.some((line) => /Seq Scan on initiative\b/.test(line)),
    plainMedianMs: times[Math.floor(times.length / 2)],
  };
}

async function explainSearches(client: pg.Client, checks: readonly SearchCheck[]): Promise<Explained[]> {
  // The query with the most matches, and the one with the fewest (preferring one that has any).
  const byCount = [...checks].sort((a, b) => b.totalCount - a.totalCount);
  const most = byCount[0];
  const fewest = byCount.filter((c) => c.totalCount > 0).at(-1) ?? byCount.at(-1)!;
  const out: Explained[] = [];
  for (const check of most === fewest ? [most] : [most, fewest]) {
    const what = `"${check.text}" (${check.totalCount} matches)`;
    for (const q of await knowledgeBankSql(check.text, null)) {
      out.push(await explain(client, q.kind === 'page' ? `page 1 of ${what}` : `count of ${what}`, q));
    }
    if (check === most && check.endCursor && check.hasNextPage) {
      for (const q of (await knowledgeBankSql(check.text, check.endCursor)).filter((c) => c.kind === 'page')) {
        out.push(await explain(client, `page 2 of ${what}`, q));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value: number): string => fixed(value, 2);

function runRow(name: string, run: LoadSummary): string {
  return `| ${name} | ${fixed(run.requestsPerSecond, 0)} | ${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${ms(run.meanMs)} | ${run.count} in ${fixed(run.durationS, 2)} |`;
}

function ratioRow(name: string, search: LoadSummary, trivial: LoadSummary): string {
  const r = (a: number, b: number): string => `${fixed(a / b, 2)}×`;
  return `| **${name}** | **${r(search.requestsPerSecond, trivial.requestsPerSecond)}** | ${r(search.p50Ms, trivial.p50Ms)} | ${r(search.p99Ms, trivial.p99Ms)} | ${r(search.meanMs, trivial.meanMs)} | |`;
}

function loadTable(trivial: LoadSummary, page1: LoadSummary, page2: LoadSummary | null, queryCount: number): string {
  const lines = [
    '| run | requests/s | p50 latency (ms) | p99 latency (ms) | mean latency (ms) | answers (2xx) in s |',
    '|---|---:|---:|---:|---:|---:|',
    runRow(`trivial \`${TRIVIAL_QUERY}\``, trivial),
    runRow(`search, page 1 (${queryCount} queries round-robin)`, page1),
  ];
  if (page2) lines.push(runRow(`search, page 2 (\`after\`, ${page2.byLabel.size} queries)`, page2));
  lines.push(ratioRow('search page 1 / trivial', page1, trivial));
  if (page2) lines.push(ratioRow('search page 2 / trivial', page2, trivial));
  return lines.join('\n');
}

function queryTable(checks: readonly SearchCheck[], page1: LoadSummary, page2: LoadSummary | null, initiatives: number): string {
  const lines = [
    '| query | tsquery | totalCount | share | page 1 p50 / p99 (ms) | page 2 p50 / p99 (ms) | page 2 rows |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const c of checks) {
    const p1 = page1.byLabel.get(c.text);
    const p2 = page2?.byLabel.get(c.text);
    lines.push(
      `| ${c.text} | \`${c.tsquery || '(empty)'}\` | ${c.totalCount} | ${fixed((100 * c.totalCount) / initiatives, 1)} % | ` +
        `${p1 ? `${ms(p1.p50Ms)} / ${ms(p1.p99Ms)}` : 'n/a'} | ${p2 ? `${ms(p2.p50Ms)} / ${ms(p2.p99Ms)}` : '—'} | ${c.page2Edges ?? '—'} |`,
    );
  }
  return lines.join('\n');
}

function explainText(e: Explained): string {
  const verdict = e.usesGin
    ? `GIN index ${GIN_INDEX}: USED`
    : `GIN index ${GIN_INDEX}: NOT USED${e.seqScan ? ' (sequential scan of initiative: the planner expects too many rows to match for the index to pay)' : ''}`;
  return [
    `--- ${e.title}`,
    `SQL: ${e.sql}`,
    `params: ${JSON.stringify(e.params)}`,
    ...e.plan,
    `=> ${verdict}`,
    `=> without EXPLAIN: median ${ms(e.plainMedianMs)} ms over ${PLAIN_RUNS} runs (round trip from this process included)`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = readSettings();
  const machine = machineDescription();
  const started = new Date();
  const dataDir = await mkdtemp(join(os.tmpdir(), 'verbinder-bench-seed-'));
  let client: pg.Client | undefined;
  try {
    process.stderr.write(`database ${safeUrl(settings.databaseUrl)}: dropping and creating…\n`);
    await recreateDatabase(settings.databaseUrl);
    const seed = await runSeed(settings, dataDir);
    process.stderr.write(`seed: ${seed.wallS.toFixed(1)} s wall time\n`);

    client = new pg.Client({ connectionString: settings.databaseUrl });
    await client.connect();
    const { rows: pgVersion } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const vacuumStarted = performance.now();
    await client.query('VACUUM');
    const vacuumS = (performance.now() - vacuumStarted) / 1000;
    const facts = await databaseFacts(client);

    process.stderr.write('starting the server (express)…\n');
    server = await startServer({ adapter: 'express', databaseUrl: settings.databaseUrl, redisUrl: settings.redisUrl, redisPrefix: settings.redisPrefix, dataDir });
    const settledS = await waitUntilSettled(server, settings.databaseUrl);
    process.stderr.write(`listening on ${server.url}; start-up work settled after ${settledS.toFixed(1)} s\n`);
    const trivial = await checkTrivial(server.url);
    const checks = await checkSearches(server.url, client, settings.queries);
    const page1Requests = checks.map((c) => c.page1);
    const page2Requests = checks.flatMap((c) => (c.page2 ? [c.page2] : []));

    process.stderr.write(`warm-up ${settings.warmupS} s (all requests mixed)…\n`);
    const warmup = await load(server.url, [trivial, ...page1Requests, ...page2Requests], settings.warmupS, settings.connections);
    if (warmup.problems.length) process.stderr.write(`warm-up: ${warmup.problems.join(', ')}\n`);
    process.stderr.write(`measuring ${settings.durationS} s: trivial…\n`);
    const trivialRun = await load(server.url, [trivial], settings.durationS, settings.connections);
    process.stderr.write(`measuring ${settings.durationS} s: search page 1…\n`);
    const page1Run = await load(server.url, page1Requests, settings.durationS, settings.connections);
    let page2Run: LoadSummary | null = null;
    if (page2Requests.length) {
      process.stderr.write(`measuring ${settings.durationS} s: search page 2…\n`);
      page2Run = await load(server.url, page2Requests, settings.durationS, settings.connections);
    }

    process.stderr.write('EXPLAIN (ANALYZE, BUFFERS)…\n');
    const explained = await explainSearches(client, checks);

    const exitCode = await server.stop();
    server = undefined;

    const problems = [
      ...trivialRun.problems.map((p) => `trivial: ${p}`),
      ...page1Run.problems.map((p) => `search page 1: ${p}`),
      ...(page2Run?.problems.map((p) => `search page 2: ${p}`) ?? []),
    ];
    if (exitCode !== 0) problems.push(`the server exited with code ${exitCode} after SIGTERM`);
    const noSecondPage = checks.filter((c) => !c.page2).map((c) => `"${c.text}"`);

    const out = [
      '',
      `Seed and knowledge-bank search benchmark (issue #2)`,
      `Machine: ${machine}`,
      `Node ${process.version}; PostgreSQL ${pgVersion[0].v}; express ${version('express')} (@nestjs/platform-express ${version('@nestjs/platform-express')}), autocannon ${version('autocannon')}`,
      `Date: ${started.toISOString()}`,
      `Database: ${safeUrl(settings.databaseUrl)} (dropped and created)`,
      '',
      `Seed: --professionals ${settings.professionals} --initiatives ${settings.initiatives} --seed ${settings.seed}: ` +
        `${seed.wallS.toFixed(1)} s wall time (child process, migrations included); the command reported: ${seed.report}`,
      `VACUUM afterwards: ${vacuumS.toFixed(1)} s (not included). Rows: ${facts.professionals} professionals, ${facts.initiatives} initiatives, ` +
        `${facts.initiativeThemes} initiative themes. Sizes: database ${facts.databaseSize}, initiative table with indexes ${facts.initiativeSize}, ${GIN_INDEX} ${facts.ginSize}`,
      '',
      `Load: POST /graphql, ${settings.connections} connections, ${settings.warmupS} s warm-up (everything mixed), then ${settings.durationS} s per run, ` +
        `once the server's start-up work had settled (${settledS.toFixed(1)} s after it listened: idle CPU, no SQL running); ` +
        `API on express in a child process (NODE_ENV=production, LOG_LEVEL=warn); search = initiatives(filter: { text }, first: ${PAGE_SIZE}) ` +
        `with totalCount, pageInfo, id, title, summary, status, createdAt, municipality, themes`,
      '',
      loadTable(trivialRun, page1Run, page2Run, checks.length),
      '',
      'Per query (latencies within the mixed runs above):',
      '',
      queryTable(checks, page1Run, page2Run, facts.initiatives),
      '',
    ];
    if (noSecondPage.length) out.push(`No second page (at most ${PAGE_SIZE} matches): ${noSecondPage.join(', ')}`, '');
    out.push('EXPLAIN (ANALYZE, BUFFERS) of the SQL InitiativesService.list sends:', '');
    for (const e of explained) out.push(explainText(e), '');
    const missing = explained.filter((e) => !e.usesGin);
    out.push(
      missing.length === 0
        ? `GIN index check: every plan above uses ${GIN_INDEX}.`
        : `GIN index check: ${GIN_INDEX} NOT used by: ${missing.map((e) => e.title).join('; ')}.`,
    );
    writeReport(out, problems);
  } finally {
    await cleanUp(server, client, dataDir);
    server = undefined;
  }
}

runBench(main, () => server);
