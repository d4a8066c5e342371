import { Worker } from 'node:worker_threads';
import type { MatchInput, MatchResult } from './engine/types.js';

/** What the engine thread is asked to do (engine.thread.ts). */
export type EngineTask =
  | { kind: 'run'; input: MatchInput }
  /** One shard of a fanned-out run, from the run's encoded input (run-snapshot.ts). */
  | { kind: 'shard'; input: Uint8Array; shard: number; shards: number }
  /** The end of a fanned-out run, from its encoded input and every shard's encoded edges. */
  | { kind: 'combine'; input: Uint8Array; edges: Uint8Array[] };

/**
 * Runs the engine in a worker thread. On a national network it computes for seconds; on the
 * API's event loop that would stall every other request (and the health checks) meanwhile, and
 * in a worker it would stop BullMQ renewing the job's lock. A task's data is copied to the
 * thread (structured clone keeps the Map and the Dates).
 */
function inThread<T>(task: EngineTask, heapMb: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./engine.thread.js', import.meta.url), {
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

export function runMatchingInThread(input: MatchInput, heapMb: number): Promise<MatchResult> {
  return inThread({ kind: 'run', input }, heapMb);
}

/** A shard's candidate edges, encoded (run-snapshot.ts encodeEdges), and how many they are. */
export interface ShardOutput {
  edges: Uint8Array;
  count: number;
}

export function runShardInThread(input: Uint8Array, shard: number, shards: number, heapMb: number): Promise<ShardOutput> {
  return inThread({ kind: 'shard', input, shard, shards }, heapMb);
}

export function combineShardsInThread(input: Uint8Array, edges: Uint8Array[], heapMb: number): Promise<MatchResult> {
  return inThread({ kind: 'combine', input, edges }, heapMb);
}
