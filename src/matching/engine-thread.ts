import { Worker } from 'node:worker_threads';
import type { MatchInput, MatchResult } from './engine/types.js';

/**
 * Runs the engine in a worker thread. On a national network it computes for seconds; on the
 * API's event loop that would stall every other request (and the health checks) meanwhile.
 * The input is copied to the thread (structured clone keeps the Map and the Dates).
 */
export function runMatchingInThread(input: MatchInput, heapMb: number): Promise<MatchResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./engine.thread.js', import.meta.url), {
      workerData: input,
      // A network of a million people needs several GiB (BENCHMARKS.md): ENGINE_HEAP_MB.
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    worker.once('message', (result: MatchResult) => {
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
