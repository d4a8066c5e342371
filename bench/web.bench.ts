/// <reference lib="dom" />
// `npm run bench:web`: what the web app (issue #13) costs a first visitor, in Chromium, on a
// network of 100,000 professionals and 10,000 initiatives.
//
// 1. Database: reuses BENCH_DATABASE_URL when it holds at least BENCH_PROFESSIONALS
//    professionals; otherwise drops and creates it and runs the seed command, as bench:search does.
// 2. Starts the API (bench/http-adapter-server.ts, Express as in production, NODE_ENV=production),
//    which serves the built app (dist/web) at its public paths.
// 3. Launches Debian's Chromium (bench/chromium.ts, shared with the browser tests) and opens each
//    page BENCH_RUNS times, each time in a fresh browser context (empty cache, no service worker,
//    no cookies): a first visit (after one uncounted visit per page, so the server is warm; the
//    server is first left to finish its start-up work). Per page it reports
//    - the JavaScript and CSS bytes transferred, compressed as sent (Playwright's
//      request.sizes().responseBodySize, i.e. the encoded body), against the goal of at most
//      150 kB (gzipped) for both together; and every other byte (HTML, GraphQL answers, fonts);
//    - the time from navigation start to the page being ready (measured inside the page:
//      performance.now() when the ready condition first holds, polled every animation frame),
//      median and p90 over the runs.
//    `/`: ready when its h1 is rendered. `/kennisbank`: ready when the list of initiatives holds
//    20 items, i.e. KNOWLEDGE_BANK_LIST matches 20 elements. When the page does not (yet) render
//    that selector, it says so after one visit and reports bytes only.
// 4. Stops the browser and the server. Only 127.0.0.1 is contacted; the database is kept.
//
// Environment (all optional):
//   BENCH_DATABASE_URL   default postgresql://postgres@127.0.0.1:5432/verbinder_bench_search_pure
//                        (the bench database of this machine with exactly 100,000 / 10,000);
//                        re-created when it has too few professionals (name must contain "bench")
//   BENCH_REDIS_URL      default redis://127.0.0.1:6379;  BENCH_REDIS_PREFIX default bench-web
//   BENCH_PROFESSIONALS  default 100000;  BENCH_INITIATIVES default 10000;  BENCH_SEED default 1
//   BENCH_RUNS           visits per page (default 10)
//   BENCH_READY_TIMEOUT  seconds a page may take to become ready (default 15)
//   CHROMIUM_PATH        Chromium's executable (default: Debian's /usr/bin/chromium)
import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Browser, chromium, type Request } from 'playwright-core';
import {
  cleanUp, fixed, integer, machineDescription, percentile, positiveNumber, readSeedBenchSettings, recreateDatabase, runBench, runSeed,
  type RunningServer, safeUrl, startServer, version, waitUntilSettled, writeReport,
} from './bench-support.js';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.js';

/**
 * What /kennisbank must render: its list of initiatives as the direct <li> children of the
 * element with this test id (the page's first 20 initiatives).
 */
export const KNOWLEDGE_BANK_LIST = '[data-testid="initiative-list"] > li';
const KNOWLEDGE_BANK_ITEMS = 20;
/** The goal of issue #13: JavaScript and CSS of a first page, compressed. */
const GOAL_ASSET_BYTES = 150 * 1024;

interface PageSpec {
  path: string;
  /** What "rendered" means for this page. */
  ready: { selector: string; count: number; description: string };
}

const PAGES: readonly PageSpec[] = [
  { path: '/', ready: { selector: 'main h1', count: 1, description: 'its h1 rendered' } },
  {
    path: '/kennisbank',
    ready: { selector: KNOWLEDGE_BANK_LIST, count: KNOWLEDGE_BANK_ITEMS, description: `${KNOWLEDGE_BANK_ITEMS} × ${KNOWLEDGE_BANK_LIST}` },
  },
];

interface Visit {
  /** ms from navigation start until ready; null when it did not become ready in time. */
  readyMs: number | null;
  bytes: { js: number; css: number; other: number };
  files: { js: number; css: number; other: number };
  failed: string[];
}

let server: RunningServer | undefined;

async function professionalCount(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    if ((error as { code?: string }).code === '3D000') return null; // database does not exist
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

function kind(request: Request): 'js' | 'css' | 'other' {
  const type = request.resourceType();
  if (type === 'script') return 'js';
  if (type === 'stylesheet') return 'css';
  const path = new URL(request.url()).pathname;
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  return 'other';
}

/** One first visit of a page in a fresh context: bytes by kind, and the time until it is ready. */
async function visit(browser: Browser, baseURL: string, spec: PageSpec, timeoutMs: number): Promise<Visit> {
  const context = await browser.newContext({ baseURL, locale: 'nl-NL' });
  const page = await context.newPage();
  const result: Visit = { readyMs: null, bytes: { js: 0, css: 0, other: 0 }, files: { js: 0, css: 0, other: 0 }, failed: [] };
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then((sizes) => {
        const k = kind(request);
        result.bytes[k] += sizes.responseBodySize;
        result.files[k] += 1;
      }),
    );
  });
  page.on('requestfailed', (request) => result.failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  try {
    await page.goto(spec.path, { waitUntil: 'commit' });
    const { selector, count } = spec.ready;
    try {
      const handle = await page.waitForFunction(
        ({ selector, count }) => (document.querySelectorAll(selector).length >= count ? performance.now() : false),
        { selector, count },
        { polling: 'raf', timeout: timeoutMs },
      );
      result.readyMs = (await handle.jsonValue()) as number;
    } catch {
      result.readyMs = null;
    }
    // Whatever the page still loads after it is ready (lazy chunks, fonts) counts too.
    await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined);
    await Promise.all(pending);
  } finally {
    await context.close();
  }
  return result;
}

const kB = (bytes: number): string => `${fixed(bytes / 1024, 1)} kB`;

function summary(values: number[]): { median: number; p90: number; min: number; max: number } {
  const sorted = Float64Array.from(values).sort();
  return { median: percentile(sorted, 50), p90: percentile(sorted, 90), min: sorted[0], max: sorted[sorted.length - 1] };
}

async function main(): Promise<void> {
  const seedSettings = readSeedBenchSettings('web', 0);
  const settings = {
    ...seedSettings,
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/verbinder_bench_search_pure',
    runs: integer('BENCH_RUNS', 10),
    readyTimeoutMs: positiveNumber('BENCH_READY_TIMEOUT', 15) * 1000,
  };
  const dataDir = await mkdtemp(join(os.tmpdir(), 'verbinder-bench-web-'));
  const out: string[] = [];
  const problems: string[] = [];
  let browser: Browser | undefined;
  try {
    // 1. Database
    const existing = await professionalCount(settings.databaseUrl);
    if (existing !== null && existing >= settings.professionals) {
      process.stderr.write(`database ${safeUrl(settings.databaseUrl)}: ${existing} professionals; reused\n`);
    } else {
      process.stderr.write(`database ${safeUrl(settings.databaseUrl)}: ${existing === null ? 'missing or empty' : `${existing} professionals`}; dropping and creating…\n`);
      await recreateDatabase(settings.databaseUrl);
      const seed = await runSeed(settings, dataDir);
      process.stderr.write(`seed: ${seed.wallS.toFixed(1)} s wall time\n`);
    }
    const client = new pg.Client({ connectionString: settings.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ p: number; i: number }>(
      `SELECT (SELECT count(*) FROM professional)::int AS p, (SELECT count(*) FROM initiative)::int AS i`,
    );
    await client.end();

    // 2. Server
    process.stderr.write('starting the server (express)…\n');
    server = await startServer({
      adapter: 'express',
      databaseUrl: settings.databaseUrl,
      redisUrl: settings.redisUrl,
      redisPrefix: process.env.BENCH_REDIS_PREFIX || 'bench-web',
      dataDir,
    });
    // The API loads its expert index after it starts listening: measure a server at rest.
    const settledS = await waitUntilSettled(server, settings.databaseUrl);
    process.stderr.write(`server settled after ${settledS.toFixed(1)} s\n`);

    // 3. Browser
    const executablePath = chromiumPath();
    browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
    const browserVersion = browser.version();

    out.push(
      '# bench:web — first visits of the web app in Chromium',
      '',
      `Machine: ${machineDescription()}`,
      `Chromium ${browserVersion} (${executablePath}), headless; playwright-core ${version('playwright-core')}; Node ${process.version}`,
      `Database ${safeUrl(settings.databaseUrl)}: ${rows[0].p} professionals, ${rows[0].i} initiatives. API: Express, NODE_ENV=production, on 127.0.0.1 (no network latency).`,
      `${settings.runs} visits per page (after one uncounted visit), each in a fresh browser context (cold browser cache). Goal: JavaScript + CSS ≤ ${kB(GOAL_ASSET_BYTES)} compressed.`,
      '',
    );

    for (const spec of PAGES) {
      process.stderr.write(`${spec.path}: ${settings.runs} visits…\n`);
      // One visit first, not counted: the server's first answers (the file cache, query plans) are not what a visitor meets.
      // When even that one does not become ready, the page lacks what it waits for: one visit for the bytes, no timing.
      const warmUp = await visit(browser, server.url, spec, settings.readyTimeoutMs);
      const visits: Visit[] = [];
      if (warmUp.readyMs === null) visits.push(warmUp);
      else for (let i = 0; i < settings.runs; i++) visits.push(await visit(browser, server.url, spec, settings.readyTimeoutMs));
      const first = visits[0];
      const assetBytes = first.bytes.js + first.bytes.css;
      const varying = visits.some((v) => v.bytes.js !== first.bytes.js || v.bytes.css !== first.bytes.css);
      out.push(`## ${spec.path}`);
      out.push(
        `JavaScript ${kB(first.bytes.js)} in ${first.files.js} file(s), CSS ${kB(first.bytes.css)} in ${first.files.css} file(s): ` +
          `${kB(assetBytes)} of ${kB(GOAL_ASSET_BYTES)} — ${assetBytes <= GOAL_ASSET_BYTES ? 'PASS' : 'FAIL'}` +
          (varying ? ' (bytes differed between visits; first visit shown)' : ''),
      );
      out.push(`Other: ${kB(first.bytes.other)} in ${first.files.other} response(s) (HTML, GraphQL answers).`);
      if (assetBytes > GOAL_ASSET_BYTES) problems.push(`${spec.path}: JavaScript + CSS ${kB(assetBytes)} exceeds ${kB(GOAL_ASSET_BYTES)}`);
      const ready = visits.map((v) => v.readyMs).filter((ms): ms is number => ms !== null);
      if (ready.length === visits.length) {
        const s = summary(ready);
        out.push(
          `Navigation start → ${spec.ready.description}: median ${fixed(s.median, 0)} ms, p90 ${fixed(s.p90, 0)} ms ` +
            `(min ${fixed(s.min, 0)}, max ${fixed(s.max, 0)}; ${ready.length} visits).`,
        );
      } else {
        out.push(
          `Navigation start → ${spec.ready.description}: not reached in ${visits.length - ready.length} of ${visits.length} visits ` +
            `within ${fixed(settings.readyTimeoutMs / 1000, 0)} s: the page does not render that (yet); no timing.`,
        );
        if (spec.path !== '/kennisbank') problems.push(`${spec.path}: not ready in every visit`);
      }
      const failed = visits.flatMap((v) => v.failed);
      if (failed.length) problems.push(`${spec.path}: failed requests: ${[...new Set(failed)].join('; ')}`);
      out.push('');
    }
  } finally {
    await browser?.close();
    await cleanUp(server, undefined, dataDir);
  }
  writeReport(out, problems);
}

runBench(main, () => server);
