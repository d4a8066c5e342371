import { Worker } from 'node:worker_threads';
import type { MatchInput, MatchResult, MatchStats } from './engine/types.js';

/**
 * What the thread answers with a result: a preview's first proposals as objects, or what a match
 * run stores, ready for PostgreSQL. Copying every proposal with its reasons back from the thread
 * cost seconds of the API's or worker's event loop at 100,000 people (structured clone of
 * 170 MiB of small objects); a few JSON strings copy in milliseconds.
 */
export type EngineOutput = { shape: 'sample'; size: number } | { shape: 'store'; batchSize: number };

/** What the thread is asked to do (engine-thread.entry.ts). */
export type EngineTask =
  | { kind: 'run'; input: MatchInput; output: EngineOutput }
  /** One shard of a fanned-out run, from the run's encoded input (run-snapshot.ts). */
  | { kind: 'shard'; input: Uint8Array; shard: number; shards: number }
  /** The end of a fanned-out run, from its encoded input and every shard's encoded edges. */
  | { kind: 'combine'; input: Uint8Array; edges: Uint8Array[]; output: EngineOutput };

/** A run's result as a match run stores it. */
export interface StorableResult {
  stats: MatchStats;
  /** Everyone with at least one new proposal, once, in id order: who gets a digest. */
  recipients: string[];
  /**
   * The introductions, in batches: each a JSON array of { id, kind, a, b, initiative, need,
   * score, reasons } (introductions.repository.ts inserts them with jsonb_to_recordset).
   */
  batches: string[];
  /** SHA-256 (16 hex digits) of every proposal's kind, pair, initiative, need and score, in order: equal results, equal checksums. */
  checksum: string;
}

/** A shard's candidate edges, encoded (run-snapshot.ts encodeEdges), and how many they are. */
export interface ShardOutput {
  edges: Uint8Array;
  count: number;
}

/**
 * Runs the engine in a worker thread. On a national network it computes for seconds; on the
 * API's event loop that would stall every other request (and the health checks) meanwhile, and
 * in a worker it would stop BullMQ renewing the job's lock. A task's data is copied to the
 * thread (structured clone keeps the Map and the Dates).
 */
function inThread<T>(task: EngineTask, heapMb: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./engine-thread.entry.js', import.meta.url), {
      workerData: task,
      // A network of a million people needs several GiB (BENCHMARKS.md): ENGINE_HEAP_MB.
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    worker.once('message', (result: T) => {
      settled = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The matching engine thread exited with code ${code} before answering`));
    });
  });
}

/** The run's stats and its first `size` proposals (a preview). */
export function previewInThread(input: MatchInput, size: number, heapMb: number): Promise<MatchResult> {
  return inThread({ kind: 'run', input, output: { shape: 'sample', size } }, heapMb);
}

/** A whole run, as the match run stores it. */
export function runForStoreInThread(input: MatchInput, batchSize: number, heapMb: number): Promise<StorableResult> {
  return inThread({ kind: 'run', input, output: { shape: 'store', batchSize } }, heapMb);
}

export function runShardInThread(input: Uint8Array, shard: number, shards: number, heapMb: number): Promise<ShardOutput> {
  return inThread({ kind: 'shard', input, shard, shards }, heapMb);
}

/** A fanned-out run's end, as the match run stores it. */
export function combineForStoreInThread(input: Uint8Array, edges: Uint8Array[], batchSize: number, heapMb: number): Promise<StorableResult> {
  return inThread({ kind: 'combine', input, edges, output: { shape: 'store', batchSize } }, heapMb);
}
