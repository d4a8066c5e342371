// Entry of the worker thread that runs the matching engine (see engine-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineTask, ShardOutput } from './engine-thread.js';
import { EdgeList } from './engine/b-matching.js';
import { runMatching } from './engine/engine.js';
import { combineShards, runShard } from './engine/shards.js';
import { decodeEdges, decodeInput, encodeEdges } from './run-snapshot.js';

const task = workerData as EngineTask;
switch (task.kind) {
  case 'run':
    parentPort!.postMessage(runMatching(task.input));
    break;
  case 'shard': {
    const edges = runShard(decodeInput(task.input), task.shard, task.shards);
    const output: ShardOutput = { edges: encodeEdges(edges), count: edges.byteLength / EdgeList.RECORD_BYTES };
    parentPort!.postMessage(output);
    break;
  }
  case 'combine':
    parentPort!.postMessage(combineShards(decodeInput(task.input), task.edges.map(decodeEdges)));
    break;
}
