// `npm run bench:matching`: the pure matching engine (src/matching/engine/) on synthetic networks
// held in memory (issue #4). No database, no Redis: the input is what a match run would load.
//
// 1. For each size N of BENCH_SIZES, in a child process of its own (so peak memory is that size's
//    and a big size does not inherit the garbage of a small one): generates N professionals and
//    N / 10 initiatives with the seed's generator and turns them into a MatchInput with the
//    default rules and some earlier introductions (src/seed/synthetic-match-input.ts), then
//    runs runMatching once. Prints, per size: eligible people, open initiatives, history entries,
//    generation time, engine time (wall and CPU), peak RSS (process.resourceUsage().maxRSS: after
//    generating and at the end), proposals, candidatePairs and meanScore.
// 2. At BENCH_NAIVE_SIZE professionals, again in a child of its own: the naive all-pairs
//    reference (naive-reference.spec-helper.ts) against the engine, as a time ratio, and whether
//    they propose the same. The reference has no candidate bound K, so equality is checked
//    against the engine with the bound lifted; the engine with its default bound is timed too
//    and its agreement with the reference reported (it may differ where K binds).
// 3. PASS/FAIL against the targets of issue #4: 100,000 professionals in under 30 s and 1 GiB,
//    1,000,000 in under 5 minutes (engine time; generation stands in for the database load).
//
// Environment (all optional):
//   BENCH_SIZES        comma-separated professional counts (default 10000,100000,1000000)
//   BENCH_NAIVE_SIZE   professionals for the naive comparison (default 10000; 0 skips it)
//   BENCH_SEED         generator seed (default 1)
//   BENCH_TIMEOUT      seconds a child may take before it is stopped (default 900)
//   BENCH_HEAP_MB      --max-old-space-size of the children (default 12288): Node's default of about
//                      4 GiB is too small at a million professionals, where the 1.3 million
//                      proposals with their reasons in two languages alone take some 3 GiB of heap
//   BENCH_CHILD_NODE_ARGS  extra node options for the children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readMunicipalities, readProvinces } from '../src/database/reference-data.js';
import { TAXONOMY } from '../src/disciplines/taxonomy.data.js';
import { runMatching } from '../src/matching/engine/engine.js';
import { naiveMatching } from '../src/matching/engine/naive-reference.spec-helper.js';
import { syntheticMatchInput } from '../src/seed/synthetic-match-input.js';
import type { MatchInput, MatchResult } from '../src/matching/engine/types.js';
import { errorText, fixed, integer, machineDescription, writeReport } from './bench-support.js';

/** The run's moment: fixed, so the cool-down blocks the same history every time. */
const NOW = new Date('2026-11-01T06:00:00Z');
const MIB = 1024 * 1024;
const TARGETS = [
  { professionals: 100_000, engineS: 30, rssMiB: 1024 },
  { professionals: 1_000_000, engineS: 300, rssMiB: Number.POSITIVE_INFINITY },
];

interface SizeReport {
  professionals: number;
  people: number;
  initiatives: number;
  history: number;
  generateS: number;
  engineS: number;
  /** CPU time of the engine (user + system): on a shared machine, wall time can be a multiple of it. */
  engineCpuS: number;
  rssAfterGenerateMiB: number;
  rssMiB: number;
  proposals: number;
  candidatePairs: number;
  meanScore: number;
}

interface NaiveReport {
  professionals: number;
  people: number;
  engineS: number;
  unboundedS: number;
  naiveS: number;
  naiveProposals: number;
  naiveCandidatePairs: number;
  unboundedCandidatePairs: number;
  engineCandidatePairs: number;
  unboundedEqual: boolean;
  engineEqual: boolean;
  firstDifference: string | null;
}

function sizes(): number[] {
  const raw = process.env.BENCH_SIZES?.trim() || '10000,100000,1000000';
  return raw.split(',').map((part) => {
    const value = Number(part.trim());
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`BENCH_SIZES must list whole numbers > 0 (got ${JSON.stringify(raw)})`);
    return value;
  });
}

function naiveSize(): number {
  const raw = process.env.BENCH_NAIVE_SIZE;
  return raw !== undefined && raw.trim() === '0' ? 0 : integer('BENCH_NAIVE_SIZE', 10_000);
}

function input(professionals: number, seed: number): MatchInput {
  return syntheticMatchInput({
    professionals,
    initiatives: Math.round(professionals / 10),
    seed,
    municipalities: readMunicipalities(),
    provinces: readProvinces(),
    taxonomy: TAXONOMY,
    now: NOW,
  });
}

const rssMiB = (): number => (process.resourceUsage().maxRSS * 1024) / MIB;

function seconds<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
}

// ---------------------------------------------------------------------------------------------
// Children: one measurement each, reported as one JSON line on stdout.

function measureSize(professionals: number, seed: number): SizeReport {
  const [matchInput, generateS] = seconds(() => input(professionals, seed));
  const rssAfterGenerateMiB = rssMiB();
  const cpu = process.cpuUsage();
  const [result, engineS] = seconds(() => runMatching(matchInput));
  const { user, system } = process.cpuUsage(cpu);
  return {
    professionals,
    people: matchInput.people.length,
    initiatives: matchInput.initiatives.length,
    history: matchInput.history.length,
    generateS,
    engineS,
    engineCpuS: (user + system) / 1e6,
    rssAfterGenerateMiB,
    rssMiB: rssMiB(),
    proposals: result.stats.proposed,
    candidatePairs: result.stats.candidatePairs,
    meanScore: result.stats.meanScore,
  };
}

function plain(result: MatchResult): string[] {
  return result.proposals.map((p) => `${p.kind} ${p.a} ${p.b} ${p.initiativeId} ${p.score}`);
}

function measureNaive(professionals: number, seed: number): NaiveReport {
  const matchInput = input(professionals, seed);
  const [engine, engineS] = seconds(() => runMatching(matchInput));
  const [unbounded, unboundedS] = seconds(() => runMatching({ ...matchInput, limits: { candidatesPerSeek: Number.MAX_SAFE_INTEGER } }));
  const [naive, naiveS] = seconds(() => naiveMatching(matchInput));
  const expected = naive.proposals.map((p) => `${p.kind} ${p.a} ${p.b} ${p.initiativeId} ${p.score}`);
  const got = plain(unbounded);
  const at = expected.findIndex((line, k) => got[k] !== line);
  const differs = at >= 0 || got.length !== expected.length;
  return {
    professionals,
    people: matchInput.people.length,
    engineS,
    unboundedS,
    naiveS,
    naiveProposals: naive.proposals.length,
    naiveCandidatePairs: naive.candidatePairs,
    unboundedCandidatePairs: unbounded.stats.candidatePairs,
    engineCandidatePairs: engine.stats.candidatePairs,
    unboundedEqual: !differs && unbounded.stats.candidatePairs === naive.candidatePairs,
    engineEqual: plain(engine).join('\n') === expected.join('\n'),
    firstDifference: differs ? `#${at >= 0 ? at : Math.min(got.length, expected.length)}: naive ${expected[at] ?? '(none)'} / engine ${got[at] ?? '(none)'}` : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Parent

/** Runs this script as a child in `mode` and returns the JSON line it prints last. */
function child<T>(mode: 'size' | 'naive', professionals: number, seed: number, timeoutS: number, heapMb: number): Promise<T> {
  const script = fileURLToPath(import.meta.url);
  const nodeArgs = [`--max-old-space-size=${heapMb}`, ...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, script, `--${mode}`, String(professionals), String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutS * 1000);
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as T);
      else reject(new Error(`${mode} ${professionals}: child ended with ${signal ?? `code ${code}`}${signal === 'SIGKILL' ? ` (timeout ${timeoutS} s or out of memory)` : ''}\n${out}`));
    });
  });
}

const loadAverage = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const thousands = (value: number): string => value.toLocaleString('en-US');

function table(rows: readonly (SizeReport | { professionals: number; error: string })[]): string[] {
  const header = ['professionals', 'people', 'initiatives', 'history', 'generate s', 'engine s', 'engine CPU s', 'peak RSS MiB (gen / end)', 'proposals', 'candidatePairs', 'meanScore'];
  const cells = rows.map((r) =>
    'error' in r
      ? [thousands(r.professionals), r.error, '', '', '', '', '', '', '', '', '']
      : [
          thousands(r.professionals),
          thousands(r.people),
          thousands(r.initiatives),
          thousands(r.history),
          fixed(r.generateS, 1),
          fixed(r.engineS, 1),
          fixed(r.engineCpuS, 1),
          `${fixed(r.rssAfterGenerateMiB, 0)} / ${fixed(r.rssMiB, 0)}`,
          thousands(r.proposals),
          thousands(r.candidatePairs),
          fixed(r.meanScore, 3),
        ],
  );
  const widths = header.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const line = (c: readonly string[]): string => `| ${c.map((v, k) => (k === 0 ? v.padEnd(widths[k]) : v.padStart(widths[k]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
}

async function main(): Promise<void> {
  const seed = integer('BENCH_SEED', 1);
  const timeoutS = integer('BENCH_TIMEOUT', 900);
  const naiveAt = naiveSize();
  const heapMb = integer('BENCH_HEAP_MB', 12_288);
  const out: string[] = [
    `Matching engine benchmark (issue #4), ${new Date().toISOString()}`,
    `Machine: ${machineDescription()}; node ${process.version}; load average ${loadAverage()} at the start`,
    `Seed ${seed}; initiatives = professionals / 10; default rules (src/matching/engine/default-rules.ts); one child process per size, --max-old-space-size=${heapMb}`,
    '',
  ];
  const problems: string[] = [];
  const rows: (SizeReport | { professionals: number; error: string })[] = [];
  for (const n of sizes()) {
    process.stderr.write(`size ${n} …\n`);
    try {
      rows.push(await child<SizeReport>('size', n, seed, timeoutS, heapMb));
    } catch (error) {
      problems.push(errorText(error));
      rows.push({ professionals: n, error: 'failed' });
    }
  }
  out.push(...table(rows), '');

  for (const target of TARGETS) {
    const row = rows.find((r) => r.professionals === target.professionals);
    if (!row) continue;
    const name = `${thousands(target.professionals)} professionals`;
    if ('error' in row) {
      out.push(`FAIL: ${name}: the run failed`);
      continue;
    }
    const pass = row.engineS < target.engineS && row.rssMiB < target.rssMiB;
    const memory = Number.isFinite(target.rssMiB) ? `, peak RSS ${fixed(row.rssMiB, 0)} MiB (target < ${target.rssMiB})` : '';
    out.push(`${pass ? 'PASS' : 'FAIL'}: ${name}: engine ${fixed(row.engineS, 1)} s wall, ${fixed(row.engineCpuS, 1)} s CPU (target < ${target.engineS} s)${memory}`);
  }

  if (naiveAt > 0) {
    process.stderr.write(`naive reference at ${naiveAt} …\n`);
    try {
      const r = await child<NaiveReport>('naive', naiveAt, seed, timeoutS, heapMb);
      out.push(
        '',
        `Naive all-pairs reference at ${thousands(r.professionals)} professionals (${thousands(r.people)} eligible people):`,
        `  naive ${fixed(r.naiveS, 1)} s, engine ${fixed(r.engineS, 2)} s (ratio ${fixed(r.naiveS / r.engineS, 0)}×), ` +
          `engine without the candidate bound ${fixed(r.unboundedS, 2)} s (ratio ${fixed(r.naiveS / r.unboundedS, 0)}×)`,
        `  candidatePairs: naive ${thousands(r.naiveCandidatePairs)}, engine unbounded ${thousands(r.unboundedCandidatePairs)}, engine K=default ${thousands(r.engineCandidatePairs)}`,
        `  same proposals, order and scores as the naive reference: engine unbounded ${r.unboundedEqual ? 'yes' : 'NO'}, engine K=default ${r.engineEqual ? 'yes' : 'no'} (${thousands(r.naiveProposals)} proposals)`,
      );
      if (!r.unboundedEqual) problems.push(`the engine without the bound differs from the naive reference: ${r.firstDifference}`);
    } catch (error) {
      problems.push(errorText(error));
    }
  }
  out.push('', `Load average ${loadAverage()} at the end (1, 5, 15 min; 2 cores): other sessions share this machine.`);
  writeReport(out, problems);
}

const [mode, professionals, seed] = process.argv.slice(2);
if (mode === '--size' || mode === '--naive') {
  const report = mode === '--size' ? measureSize(Number(professionals), Number(seed)) : measureNaive(Number(professionals), Number(seed));
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${errorText(error)}\n`);
    process.exit(1);
  });
}
