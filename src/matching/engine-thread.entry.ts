// Entry of the worker thread that runs the matching engine (see engine-in-thread.ts).
import { createHash, randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineOutput, EngineTask, ShardOutput, StorableResult } from './engine-in-thread.js';
import { EdgeList } from './engine/b-matching.js';
import { runMatching } from './engine/engine.js';
import { combineShards, runShard } from './engine/shards.js';
import type { MatchResult } from './engine/types.js';
import { decodeEdges, decodeInput, encodeEdges } from './run-snapshot.js';

function storable({ proposals, stats }: MatchResult, batchSize: number): StorableResult {
  const recipients = [...new Set(proposals.flatMap((p) => [p.a, p.b]))].sort();
  const batches: string[] = [];
  for (let start = 0; start < proposals.length; start += batchSize) {
    const rows = proposals.slice(start, start + batchSize).map((p) => ({
      id: randomUUID(),
      kind: p.kind,
      a: p.a,
      b: p.b,
      initiative: p.initiativeId,
      need: p.needId,
      score: p.score,
      reasons: p.reasons,
    }));
    batches.push(JSON.stringify(rows));
  }
  const hash = createHash('sha256');
  for (const p of proposals) hash.update(`${p.kind} ${p.a} ${p.b} ${p.initiativeId} ${p.needId} ${p.score}\n`);
  return { stats, recipients, batches, checksum: hash.digest('hex').slice(0, 16) };
}

function answer(result: MatchResult, output: EngineOutput): void {
  if (output.shape === 'sample') parentPort!.postMessage({ stats: result.stats, proposals: result.proposals.slice(0, output.size) } satisfies MatchResult);
  else parentPort!.postMessage(storable(result, output.batchSize));
}

const task = workerData as EngineTask;
switch (task.kind) {
  case 'run':
    answer(runMatching(task.input), task.output);
    break;
  case 'shard': {
    const edges = runShard(decodeInput(task.input), task.shard, task.shards);
    const output: ShardOutput = { edges: encodeEdges(edges), count: edges.byteLength / EdgeList.RECORD_BYTES };
    parentPort!.postMessage(output);
    break;
  }
  case 'combine':
    answer(combineShards(decodeInput(task.input), task.edges.map(decodeEdges)), task.output);
    break;
}
