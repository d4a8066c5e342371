// Entry of the worker thread that runs the matching engine (see engine-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runMatching } from './engine/engine.js';
import type { MatchInput } from './engine/types.js';

parentPort!.postMessage(runMatching(workerData as MatchInput));
