// How a fanned-out match run keeps its data between jobs (match-run-fan-out.ts): the input
// every shard computes from, and each shard's candidate edges, as compressed bytes.
//
// The input is encoded with v8.serialize (structured clone: keeps the Map of disciplines and
// the Dates) and gzip at level 1 (fast; the ids and names compress about fivefold). Every
// shard must decode exactly the same network, so they all read this one snapshot instead of
// loading PostgreSQL again, which may have changed meanwhile. Workers of one deployment run the
// same Node version; v8.deserialize reads data written by older versions as well.
import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import type { MatchInput } from './engine/types.js';

const gzipAsync = promisify(gzip);
const LEVEL = 1;

/** Off the event loop (zlib's thread pool) but for v8.serialize, which is quick. */
export async function encodeInput(input: MatchInput): Promise<Buffer> {
  return gzipAsync(serialize(input), { level: LEVEL });
}

export function decodeInput(bytes: Uint8Array): MatchInput {
  return deserialize(gunzipSync(bytes)) as MatchInput;
}

/** For the engine thread: a shard's edges (EdgeList bytes) compressed. */
export function encodeEdges(edges: Uint8Array): Uint8Array {
  return gzipSync(edges, { level: LEVEL });
}

export function decodeEdges(bytes: Uint8Array): Uint8Array {
  return gunzipSync(bytes);
}
