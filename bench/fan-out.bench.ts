// `npm run bench:fan-out`: what fanning a match run out over workers buys in the engine (issue #5),
// without PostgreSQL: the same engine threads the workers use (src/matching/engine-in-thread.ts), in
// one process on this machine's cores.
//
// For each size N of BENCH_SIZES: a synthetic network of N professionals and N / 10 initiatives
// (as bench:matching), encoded as a fanned-out run stores it (run-snapshot.ts). Then, in one run:
//   whole    — one engine thread computes the run and encodes it for storing (what one worker does);
//   fan-out  — BENCH_SHARDS engine threads at once each decode the input, compile the network and
//              compute one shard (what that many workers do in parallel), then one thread combines
//              them (the combine job).
// Prints wall seconds of each, the ratio, and whether both propose the same (count, mean score,
// and the checksum of every proposal's pair, initiative, need and score). Not measured: the database load and store
// (the same in both) and moving the blobs through PostgreSQL (bench:worker has those).
//
// Environment (all optional): BENCH_SIZES (default "100000,400000"), BENCH_SHARDS (default 2),
// BENCH_SEED (1), BENCH_HEAP_MB (heap per engine thread, default 8192).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { readMunicipalities, readProvinces } from '../src/database/reference-data.js';
import { TAXONOMY } from '../src/disciplines/taxonomy.data.js';
import { combineForStoreInThread, runForStoreInThread, runShardInThread } from '../src/matching/engine-in-thread.js';
import { syntheticMatchInput } from '../src/seed/synthetic-match-input.js';
import { encodeInput } from '../src/matching/run-snapshot.js';
import { errorText, fixed, integer, machineDescription, writeReport } from './bench-support.js';

const NOW = new Date('2026-11-01T06:00:00Z');
/** Introductions per stored batch, as the match run executor asks. */
const BATCH = 5_000;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '100000,400000').split(',').map((s) => Number(s.trim()));
  const shards = integer('BENCH_SHARDS', 2);
  const seed = integer('BENCH_SEED', 1);
  const heapMb = integer('BENCH_HEAP_MB', 8192);
  const out = [
    `bench:fan-out — ${new Date().toISOString()}`,
    `machine: ${machineDescription()}; node ${process.version}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the start`,
    `${shards} shards computed by ${shards} engine threads at once (as ${shards} workers would), then one combining thread`,
    '',
    '| professionals | eligible | encode s | whole s | shards s (parallel) | combine s | fan-out s | whole / fan-out | same result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const problems: string[] = [];
  for (const n of sizes) {
    process.stderr.write(`size ${n} …\n`);
    try {
      const input = syntheticMatchInput({
        professionals: n,
        initiatives: Math.round(n / 10),
        seed,
        municipalities: readMunicipalities(),
        provinces: readProvinces(),
        taxonomy: TAXONOMY,
        now: NOW,
      });
      const [encoded, encodeS] = await timed(() => encodeInput(input));
      const [whole, wholeS] = await timed(() => runForStoreInThread(input, BATCH, heapMb));
      const [outputs, shardsS] = await timed(() => Promise.all(Array.from({ length: shards }, (_, k) => runShardInThread(encoded, k, shards, heapMb))));
      const [combined, combineS] = await timed(() =>
        combineForStoreInThread(
          encoded,
          outputs.map((o) => o.edges),
          BATCH,
          heapMb,
        ),
      );
      const fanOutS = encodeS + shardsS + combineS;
      const same = whole.stats.proposed === combined.stats.proposed && whole.stats.meanScore === combined.stats.meanScore && whole.checksum === combined.checksum;
      if (!same) problems.push(`${n}: the fanned-out run differs from the whole run`);
      out.push(
        `| ${n.toLocaleString('en-US')} | ${input.people.length.toLocaleString('en-US')} | ${fixed(encodeS, 1)} | ${fixed(wholeS, 1)} | ${fixed(shardsS, 1)} | ${fixed(combineS, 1)} | ${fixed(fanOutS, 1)} | ${fixed(wholeS / fanOutS, 2)}× | ${same ? 'yes' : 'NO'} (${whole.stats.proposed.toLocaleString('en-US')} proposals) |`,
      );
    } catch (error) {
      problems.push(`${n}: ${errorText(error)}`);
    }
  }
  out.push('', `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end (1, 5, 15 min; ${os.cpus().length} cores)`);
  writeReport(out, problems);
}

main().catch((error: unknown) => {
  process.stderr.write(`${errorText(error)}\n`);
  process.exit(1);
});
